"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

`::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=ECS201 invalid-fargate-size::message`
(info findings are `::notice`). Property values escape % CR LF : and ,; the message escapes % CR LF.
"""

from __future__ import annotations

from ecslint.formatters import relative_path

COMMANDS = {1: "notice", 2: "warning", 3: "error"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report) -> str:
    out = []
    for f in report.findings:
        if f.suppressed is not None:
            continue
        r = f.region
        props = [("file", relative_path(f.path, report.root)), ("line", r.line), ("col", r.column),
                 ("endLine", r.end_line), ("endColumn", r.end_column), ("title", f"{f.rule} {f.name}")]
        prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
        out.append(f"::{COMMANDS[int(f.severity)]} {prop_text}::{escape_data(f.message)}")
    out.append(report.summary_line())
    return "\n".join(out) + "\n"
