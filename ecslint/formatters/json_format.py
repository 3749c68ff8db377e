"""`{"findings": [...], "summary": {...}}`: each finding has exactly path, line, column,
end_line, end_column, rule, name, severity, message and pointer."""

from __future__ import annotations

import json


def render(report) -> str:
    findings = [f.as_json() for f in report.findings if f.suppressed is None]
    body = {
        "findings": findings,
        "summary": report.summary(),
        "version": report.version,
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
