"""Every `--format json` report the suite produces in-process is validated against the
shipped schema (schemas/ecslint/report.schema.json): the formatter is wrapped for the whole
session, so a test that renders JSON through the CLI, a helper or `formatters.render` also
checks that the schema tells the truth about it. Reports made in a subprocess are not seen;
tests/test_report_schema.py runs the command over every example and fixture file instead."""

from __future__ import annotations

import json
import os
from functools import cache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT_SCHEMA = os.path.join(ROOT, "schemas", "ecslint", "report.schema.json")


@cache
def _validator():
    import jsonschema_rs

    with open(REPORT_SCHEMA, encoding="utf-8") as fh:
        return jsonschema_rs.validator_for(json.load(fh))


def check_report(text: str) -> dict:
    """The report parsed, after asserting that it fits the schema (every error listed)."""
    report = json.loads(text)
    errors = [f"{'/'.join(map(str, e.instance_path)) or '(top)'}: {e.message}" for e in _validator().iter_errors(report)]
    assert not errors, "--format json output does not fit report.schema.json:\n" + "\n".join(errors)
    return report


def pytest_configure(config):
    from ecslint.formatters import json_format

    render = json_format.render
    if getattr(render, "checks_schema", False):
        return

    def checked(report):
        text = render(report)
        check_report(text)
        return text

    checked.checks_schema = True  # type: ignore[attr-defined]
    json_format.render = checked
