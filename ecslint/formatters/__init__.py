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
    reasons, read errors and skip reasons. Done once here, so no format can forget it.
    A source snippet is kept whole or not at all: it is the file's text, so it is dropped
    rather than changed when it holds a character `visible` would escape."""
    from dataclasses import replace

    from ecslint.escape import visible

    changes: dict = {"findings": [_visible(f) for f in report.findings]}
    if isinstance(getattr(report, "baselined", None), list):
        changes["baselined"] = [_visible(f) for f in report.baselined]
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


def _visible(f):
    from dataclasses import replace

    from ecslint.escape import visible

    path, message, pointer, name = visible(f.path), visible(f.message), visible(f.pointer), visible(f.name)
    reason = None if f.suppressed is None else visible(f.suppressed)
    extra = f.extra
    if "snippet" in extra and not _safe_snippet(extra["snippet"]):
        extra = {k: v for k, v in extra.items() if k != "snippet"}
    if path != f.path:
        extra = {**extra, "raw_path": f.path}  # SARIF's URI: the bytes
    if (path, message, pointer, name, reason) != (f.path, f.message, f.pointer, f.name, f.suppressed) \
            or extra is not f.extra:
        f = replace(f, path=path, message=message, pointer=pointer, name=name, suppressed=reason, extra=extra)
    return f


def help_url(report, rule_id: str) -> str | None:
    """The docs URL of a finding's rule (ecslint.registry.docs_url), made safe for output: a
    policy's `help-uri` is repository text."""
    from ecslint.escape import visible
    from ecslint.registry import docs_url

    entry = getattr(report, "rules", {}).get(rule_id)
    url = entry[0].docs_url if entry else docs_url(rule_id)
    return None if url is None else visible(url)


def _safe_snippet(text: str) -> bool:
    from ecslint.escape import visible

    return all(visible(line) == line for line in text.replace("\t", " ").split("\n"))


def relative_path(path: str, root: str = ".") -> str:
    """A finding's path as a POSIX path relative to `root` (Report.root: the repository root,
    or the directory ecslint ran from outside a repository).

    A path under `root` is made relative to it, whether it was given relative to the working
    directory or absolute; one outside `root` keeps the form it was given in. stdin without
    --stdin-filename stays "-".
    """
    if path == "-":
        return path
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
        path = rel
    return os.path.normpath(path).replace(os.sep, "/")
