"""`path:line:col: severity ECS201 rule-name: message`, then a summary line."""

from __future__ import annotations

from ecslint.model import Severity

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET = "\x1b[0m"


def render(report) -> str:
    out = []
    colour = report.colour
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
        out.append(line)
    out.append(report.summary_line())
    return "\n".join(out) + "\n"
