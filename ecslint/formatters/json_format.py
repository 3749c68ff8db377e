"""`--format json`: `{"format_version", "version", "findings", "summary"}`, described by
schemas/ecslint/report.schema.json (`ecslint schema report`). Each finding has path, line,
column, end_line, end_column, rule, name, severity, message, pointer, fingerprint, help_url
and suppressed; suppressed findings are included, with how and why, so a script sees what a
suppression hid. The fingerprint is SARIF's "ecslint/v2" partial fingerprint: a hash of the
rule, the path from the repository root and the node's stable identity (ecslint.identity),
which lines inserted above or a container inserted before do not change. FORMAT_VERSION
changes only when a field is removed or changes meaning."""

from __future__ import annotations

import json

from ecslint.formatters import help_url, relative_path
from ecslint.report import fingerprint

FORMAT_VERSION = 1


def _finding(f, report) -> dict:
    suppressed = None if f.suppressed is None else {"kind": f.suppression_kind, "reason": f.suppressed}
    return {**f.as_json(), "fingerprint": fingerprint(f, relative_path(f.path, report.root)),
            "help_url": help_url(report, f.rule), "suppressed": suppressed}


def render(report) -> str:
    body = {
        "format_version": FORMAT_VERSION,
        "version": report.version,
        "findings": _FINDINGS,
        "summary": report.summary(),
    }
    head, tail = json.dumps(body, indent=2, ensure_ascii=False).split(json.dumps(_FINDINGS))
    # json.dumps(indent=2) of the whole body, one finding at a time: dumping them all at once
    # held ~2 KB of pieces per finding (64 MB for a 100,000-file run). A JSON string holds no
    # raw line break, so indenting each line of a finding by the list's depth is exact.
    parts = [head, "["]
    for f in report.findings:
        parts += (",\n    " if len(parts) > 2 else "\n    ",
                  json.dumps(_finding(f, report), indent=2, ensure_ascii=False).replace("\n", "\n    "))
    parts += ("\n  ]" if len(parts) > 2 else "]", tail, "\n")
    return "".join(parts)


_FINDINGS = "\x00findings\x00"  # where the findings go in the dumped body (no summary holds it)
