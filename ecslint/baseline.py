"""Baselines: adopt ecslint on a repository with existing findings, fail only on new ones.

A baseline file is JSON keyed by fingerprint — sha256 of (rule id, POSIX path relative to
the baseline file's directory, JSON pointer), never the line — so edits above a finding do
not make it "new". Entries carry a count (the same rule at the same node more than once).
Output is sorted and deterministic.
"""

from __future__ import annotations

import json
import os

from ecslint.report import fingerprint
from ecslint.model import EcslintError

VERSION = 1


def _key(f, base: str) -> tuple[str, str]:
    path = f.path if f.path == "-" else os.path.relpath(os.path.abspath(f.path), base).replace(os.sep, "/")
    return fingerprint(f.rule, path, f.pointer), path


def _base(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def render(findings, baseline_path: str) -> str:
    base = _base(baseline_path)
    entries: dict = {}
    for f in sorted(findings, key=lambda x: x.sort_key()):
        if f.suppressed is not None:
            continue
        fp, path = _key(f, base)
        entry = entries.get(fp)
        if entry:
            entry["count"] += 1
        else:
            entries[fp] = {"rule": f.rule, "name": f.name, "path": path, "pointer": f.pointer,
                           "message": f.message, "count": 1}
    body = {"ecslint-baseline": VERSION, "findings": dict(sorted(entries.items()))}
    return json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(baseline_path: str, findings, inputs=()) -> int:
    """Write the baseline atomically (never over one of `inputs`, never through a symlink)."""
    from ecslint.output_files import write_report_atomically

    text = render(findings, baseline_path)
    write_report_atomically(baseline_path, text, inputs, what="the baseline")
    return sum(e["count"] for e in json.loads(text)["findings"].values())


def load(baseline_path: str) -> dict:
    """{fingerprint: count}; a missing or malformed file is an EcslintError (exit 2)."""
    from ecslint.source import read_own_file

    try:
        data = json.loads(read_own_file(baseline_path, "baseline").decode("utf-8"))
    except OSError as exc:
        raise EcslintError(f"cannot read baseline: {exc.strerror}", baseline_path) from None
    except ValueError as exc:
        raise EcslintError(f"baseline is not valid JSON: {exc}", baseline_path) from None
    if not isinstance(data, dict) or data.get("ecslint-baseline") != VERSION or not isinstance(data.get("findings"), dict):
        raise EcslintError(f'not an ecslint baseline (expected {{"ecslint-baseline": {VERSION}, "findings": {{…}}}})',
                           baseline_path)
    counts = {}
    for fp, entry in data["findings"].items():
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise EcslintError(f'baseline entry "{fp}" has no valid count', baseline_path)
        counts[fp] = count
    return counts


def apply(baseline_path: str, findings) -> tuple[list, int]:
    """(findings not in the baseline, number of baseline entries that matched nothing)."""
    counts = load(baseline_path)
    base = _base(baseline_path)
    kept = []
    for f in sorted(findings, key=lambda x: x.sort_key()):
        if f.suppressed is None:
            fp, _ = _key(f, base)
            if counts.get(fp, 0) > 0:
                counts[fp] -= 1
                continue
        kept.append(f)
    return kept, sum(counts.values())
