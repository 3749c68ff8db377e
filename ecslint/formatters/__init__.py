"""One pure function per output format: (findings, report) → text. cli.py writes it out."""

from __future__ import annotations

import importlib
import os

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
LEVELS = {1: "note", 2: "warning", 3: "error"}  # Severity value → SARIF level


def render(fmt: str, report) -> str:
    module = importlib.import_module(f"ecslint.formatters.{fmt}_format")
    return module.render(report)


def relative_path(path: str, root: str = ".") -> str:
    """A finding's path as a POSIX path relative to `root` (the directory ecslint ran from).

    Paths given on the command line are kept relative; absolute ones are made relative when
    they are under `root`. stdin without --stdin-filename stays "-".
    """
    if path == "-":
        return path
    if os.path.isabs(path):
        rel = os.path.relpath(path, os.path.abspath(root))
        if not rel.startswith(".."):
            path = rel
    return os.path.normpath(path).replace(os.sep, "/")


def fingerprint(rule: str, path: str, pointer: str) -> str:
    """Stable identity of a finding: rule id, POSIX path and JSON pointer — never the line,
    so it survives lines inserted above it (SARIF partialFingerprints, GitLab, baselines)."""
    import hashlib

    return hashlib.sha256(f"{rule}\x00{path}\x00{pointer}".encode()).hexdigest()
