"""Baselines: adopt ecslint on a repository with existing findings, fail only on new ones.

A baseline file is JSON keyed by fingerprint — sha256 of (rule id, POSIX path relative to
the baseline file's directory, the finding's stable identity: its document and node, list
elements by name; see ecslint.identity) — never the line or an array position, so edits
above a finding, or a container inserted before it, do not make it "new". Entries carry a
count (the same rule at the same node more than once). Output is sorted and deterministic.

Version 1 keyed entries by the JSON pointer in the file instead; such a baseline still loads
and matches by that key (for one release), and --write-baseline rewrites it as version 2.

A run covers the files it linted and everything under the directories it walked: only
entries of covered files can be stale, and --write-baseline replaces only their entries,
keeping those of other files (pre-commit lints just the staged files).
"""

from __future__ import annotations

import json
import os

from ecslint.report import fingerprint, identity_of, pointer_fingerprint
from ecslint.model import EcslintError

VERSION = 2
READS = (1, 2)


class Scope:
    """Which baseline entries a run speaks for: files it linted (display paths) and files
    under directories it walked (where a file that is gone would have been found)."""

    def __init__(self, linted=(), walked=()):
        self.linted = {p if p == "-" else os.path.abspath(p) for p in linted}
        self.walked = tuple(os.path.join(os.path.abspath(d), "") for d in walked)

    def covers(self, base: str, entry: dict) -> bool:
        path = entry.get("path")
        if not isinstance(path, str):
            return True
        full = path if path == "-" else os.path.normpath(os.path.join(base, path))
        return full in self.linted or full.startswith(self.walked)


def _path(f, base: str) -> str:
    return f.path if f.path == "-" else os.path.relpath(os.path.abspath(f.path), base).replace(os.sep, "/")


def _base(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def render(findings, baseline_path: str, kept: dict | None = None) -> str:
    """The baseline text for `findings`, plus `kept` entries (of files the run did not cover)."""
    base = _base(baseline_path)
    entries: dict = dict(kept or {})
    for f in sorted(findings, key=lambda x: x.sort_key()):
        if f.suppressed is not None:
            continue
        path = _path(f, base)
        fp = fingerprint(f, path)
        entry = entries.get(fp)
        if entry:
            entry["count"] += 1
        else:
            entries[fp] = {"rule": f.rule, "name": f.name, "path": path, "pointer": f.pointer,
                           "identity": identity_of(f),
                           "message": f.message, "count": 1}
    body = {"ecslint-baseline": VERSION, "findings": dict(sorted(entries.items()))}
    return json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(baseline_path: str, findings, inputs=(), scope: Scope | None = None) -> tuple[int, int]:
    """Write the baseline atomically (never over one of `inputs`, never through a symlink),
    keeping an existing baseline's entries of files outside `scope` (None: replace them all).
    Returns (findings written, of them kept)."""
    from ecslint.output_files import write_report_atomically

    kept: dict = {}
    if scope is not None and _mergeable(baseline_path, inputs):
        base = _base(baseline_path)
        kept = {fp: e for fp, e in load(baseline_path).items() if not scope.covers(base, e)}
    text = render(findings, baseline_path, kept)
    write_report_atomically(baseline_path, text, inputs, what="the baseline")
    return sum(e["count"] for e in json.loads(text)["findings"].values()), sum(e["count"] for e in kept.values())


def _mergeable(baseline_path: str, inputs) -> bool:
    """Whether there is an old baseline to keep entries of: a regular file, never a link, a
    stream or an input (writing over those is refused or replaces them)."""
    import stat

    from ecslint.output_files import is_input

    try:
        return stat.S_ISREG(os.lstat(baseline_path).st_mode) and not is_input(baseline_path, inputs)
    except (OSError, ValueError):
        return False


def load(baseline_path: str) -> dict:
    """{fingerprint: entry}; a missing or malformed file is an EcslintError (exit 2)."""
    from ecslint.source import read_own_file

    try:
        data = json.loads(read_own_file(baseline_path, "baseline").decode("utf-8"))
    except OSError as exc:
        raise EcslintError(f"cannot read baseline: {exc.strerror}", baseline_path) from None
    except ValueError as exc:
        raise EcslintError(f"baseline is not valid JSON: {exc}", baseline_path) from None
    if not isinstance(data, dict) or data.get("ecslint-baseline") not in READS or not isinstance(data.get("findings"), dict):
        raise EcslintError(f'not an ecslint baseline (expected {{"ecslint-baseline": {VERSION}, "findings": {{…}}}})',
                           baseline_path)
    for fp, entry in data["findings"].items():
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise EcslintError(f'baseline entry "{fp}" has no valid count', baseline_path)
        entry["count"] = count
    return data["findings"]


def apply(baseline_path: str, findings, scope: Scope | None = None) -> tuple[list, list, int]:
    """(findings not in the baseline, findings it matched, its entries in `scope` that
    matched nothing; None: all of them). A finding matches by its stable key, else by the
    version-1 key."""
    entries = load(baseline_path)
    counts = {fp: e["count"] for fp, e in entries.items()}
    base = _base(baseline_path)
    new, matched = [], []
    for f in sorted(findings, key=lambda x: x.sort_key()):
        if f.suppressed is None:
            path = _path(f, base)
            fp = next((k for k in (fingerprint(f, path), pointer_fingerprint(f, path)) if counts.get(k, 0) > 0), None)
            if fp is not None:
                counts[fp] -= 1
                matched.append(f)
                continue
        new.append(f)
    stale = sum(n for fp, n in counts.items() if scope is None or scope.covers(base, entries[fp]))
    return new, matched, stale
