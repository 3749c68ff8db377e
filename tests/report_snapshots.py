"""The reports that must not change by accident: ecslint's JSON, text and SARIF output on the
shared corpus and on the benchmark's generated corpora, kept in tests/snapshots/.

A change that alters a report on purpose (a new rule, a reworded message) regenerates them:

    python tests/report_snapshots.py          # rewrite tests/snapshots/
    git diff tests/snapshots/                 # review what changed, and why

SARIF is kept as a sha256 (it is 0.75 MB, mostly rule metadata); JSON and text in full, so a
failing comparison shows the finding that moved.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
SHARED = ROOT.parent / "shared"
BENCH_N = 30  # definitions per generated corpus: every form, small enough for the fast tier
FORMATS = ("json", "text", "sarif")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_generate_snapshots", ROOT / "bench" / "generate.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # type: ignore[union-attr]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def report(cwd: Path, target: str, fmt: str, config: Path) -> bytes:
    """`ecslint check --format FMT --fail-on never TARGET` run in `cwd` (relative paths in
    the report), as bytes, with `config` (an empty one: the default rules, whatever config
    lies above `cwd`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-m", "ecslint", "check", "--config", str(config), "--format", fmt,
                          "--fail-on", "never", target], cwd=cwd, env=env, capture_output=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"ecslint exited {out.returncode} on {target}: {out.stderr.decode(errors='replace')}")
    return out.stdout


def kept(fmt: str, data: bytes) -> bytes:
    """What the snapshot holds of a report: the report itself, or the sha256 of a SARIF log."""
    return (hashlib.sha256(data).hexdigest() + "\n").encode() if fmt == "sarif" else data


def snapshot_path(name: str, fmt: str) -> Path:
    return SNAPSHOTS / f"{name}.{'sarif.sha256' if fmt == 'sarif' else fmt}"


def bench_corpora(out: Path) -> dict[str, tuple[Path, str]]:
    """name → (cwd, target) of each generated corpus, written under `out`."""
    gen = _bench()
    return {f"bench-{form}": (out, os.path.relpath(gen.ensure_corpus(form, BENCH_N, out), out))
            for form in gen.FORMS}


def empty_config(tmp: Path) -> Path:
    path = tmp / "empty.ecslint.yaml"
    path.write_text("{}\n")
    return path


def cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Every snapshot case: the generated corpora, and the shared corpus when it is present."""
    found = bench_corpora(tmp)
    if (SHARED / "corpus").is_dir():
        found["shared-corpus"] = (SHARED, "corpus")
    return found


def main() -> int:
    import tempfile

    SNAPSHOTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = empty_config(Path(tmp))
        for name, (cwd, target) in cases(Path(tmp)).items():
            for fmt in FORMATS:
                snapshot_path(name, fmt).write_bytes(kept(fmt, report(cwd, target, fmt, config)))
                print(f"wrote {snapshot_path(name, fmt).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
