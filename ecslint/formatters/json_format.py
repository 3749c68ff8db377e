"""`--format json`: `{"format_version", "version", "findings", "summary"}`, described by
schemas/ecslint/report.schema.json (`ecslint schema report`). Each finding has path, line,
column, end_line, end_column, rule, name, severity, message, pointer, help_url and
suppressed; suppressed findings are included, with how and why, so a script sees what a
suppression hid. FORMAT_VERSION changes only when a field is removed or changes meaning."""

from __future__ import annotations

import json

from ecslint.formatters import help_url

FORMAT_VERSION = 1


def _finding(f, report) -> dict:
    suppressed = None if f.suppressed is None else {"kind": f.suppression_kind, "reason": f.suppressed}
    return {**f.as_json(), "help_url": help_url(report, f.rule), "suppressed": suppressed}


def render(report) -> str:
    body = {
        "format_version": FORMAT_VERSION,
        "version": report.version,
        "findings": [_finding(f, report) for f in report.findings],
        "summary": report.summary(),
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
