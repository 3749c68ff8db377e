"""`path:line:col: severity ECS201 rule-name: message`, then a summary line.

`--show-source` adds a code frame under each finding and the rule's docs URL at its end;
`--statistics` prints one row per rule (count, id, name, what --fix would do) instead of the
findings, like ruff's `--statistics`."""

from __future__ import annotations

from ecslint.model import Severity

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET = "\x1b[0m"


def render(report) -> str:
    if getattr(report, "statistics", False):
        return "\n".join([*statistics(report), report.summary_line()]) + "\n"
    return "".join(blocks(report)) + report.summary_line() + "\n"


def blocks(report) -> list[str]:
    """The text of each finding shown, in the report's order: its line, and with
    --show-source its frame and docs URL, each line ending in a newline. The CLI also prints
    these one file at a time as the files finish (ecslint.text_stream)."""
    out = []
    colour = report.colour
    sources = getattr(report, "sources", None) if getattr(report, "show_source", False) else None
    for f in report.findings:
        if f.suppressed is not None and not report.show_suppressed:
            continue
        sev = str(f.severity)
        if colour:
            sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        r = f.region
        line = f"{f.path}:{r.line}:{r.column}: {sev} {f.rule} {f.name}: {f.message}"
        if f.suppressed is not None:
            line += f"  [suppressed: {f.suppressed}]"
        lines = [line]
        if sources is not None:
            lines.extend(_explained(f, sources.get(f.extra.get("raw_path", f.path)), report))  # keyed by the real name
        out.append("\n".join(lines) + "\n")
    return out


def _explained(f, lines, report) -> list[str]:
    """The code frame and the docs URL under one finding, then a blank line."""
    from ecslint.code_frame import frame
    from ecslint.formatters import help_url

    body = frame(lines, f.region) if lines else []
    url = help_url(report, f.rule)
    if url:
        pad = body[0][: body[0].index("|") - 1] if body else " "
        body.append(f"{pad} = docs: {url}")
    return [*body, ""]


def _fixable(findings) -> str:
    safe = sum(1 for f in findings if getattr(f.fix, "safety", None) == "safe")
    unsafe = sum(1 for f in findings if getattr(f.fix, "safety", None) == "unsafe")
    parts = ([f"{safe} with --fix"] if safe else []) + ([f"{unsafe} with --fix --unsafe-fixes"] if unsafe else [])
    return ", ".join(parts) or "no"


def statistics(report) -> list[str]:
    """One row per rule with unsuppressed findings, most findings first."""
    by_rule: dict = {}
    for f in report.findings:
        if f.suppressed is None:
            by_rule.setdefault((f.rule, f.name), []).append(f)
    if not by_rule:
        return []
    rows = [(str(len(fs)), rule, name, _fixable(fs))
            for (rule, name), fs in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    head = ("count", "rule", "name", "fixable")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    return [f"{c:>{widths[0]}}  {rule:<{widths[1]}}  {name:<{widths[2]}}  {fix}" for c, rule, name, fix in [head, *rows]]
