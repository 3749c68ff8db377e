"""Output formats: `<name>_format.py` with a pure `render(report: Report) -> str` each, listed
in FORMATS. cli.py (and ecslint.api) write the text out."""

from __future__ import annotations

import importlib
import os

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
LEVELS = {1: "note", 2: "warning", 3: "error"}  # Severity value → SARIF level


def render(fmt: str, report) -> str:
    module = importlib.import_module(f"ecslint.formatters.{fmt}_format")
    return module.render(shown(report))


def shown(report):
    """The report with every repository-controlled string made safe for output (see
    ecslint.escape): file names, messages, pointers, rule names from policies, suppression
    reasons, read errors and skip reasons. Done once here, so no format can forget it."""
    from dataclasses import replace

    from ecslint.escape import visible

    findings = []
    for f in report.findings:
        path, message, pointer, name = visible(f.path), visible(f.message), visible(f.pointer), visible(f.name)
        reason = None if f.suppressed is None else visible(f.suppressed)
        if (path, message, pointer, name, reason) != (f.path, f.message, f.pointer, f.name, f.suppressed):
            extra = {**f.extra, "raw_path": f.path} if path != f.path else f.extra  # SARIF's URI: the bytes
            f = replace(f, path=path, message=message, pointer=pointer, name=name, suppressed=reason, extra=extra)
        findings.append(f)
    changes = {"findings": findings}
    for attr in ("errors", "paths"):
        if hasattr(report, attr):
            changes[attr] = [visible(x) for x in getattr(report, attr)]
    if hasattr(report, "skipped"):
        changes["skipped"] = [(visible(p), visible(r)) for p, r in report.skipped]
    try:
        return replace(report, **changes)
    except TypeError:  # a report-like object that is not a dataclass (tests, plugins)
        for key, value in changes.items():
            setattr(report, key, value)
        return report


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
