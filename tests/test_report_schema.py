"""The JSON report and its schema (`ecslint schema report`): every example and fixture file
through `--format json` fits the schema, and the fields it adds are exact."""

from __future__ import annotations

import json
import os

from cli_helpers import run
from report_schema import REPORT_SCHEMA, check_report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ("examples", "fixtures", os.path.join("tests", "fixtures"))
TD = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 256}]}


def _files():
    out = []
    for d in DIRS:
        for dirpath, dirnames, names in os.walk(os.path.join(ROOT, d)):
            dirnames.sort()
            out += [os.path.relpath(os.path.join(dirpath, n), ROOT) for n in sorted(names)]
    return out


def test_every_example_and_fixture_file_gives_a_report_that_fits_the_schema():
    """One run naming every file (a named file is linted even where .gitignore excludes it),
    checked by the reference validator as well as by the suite-wide jsonschema-rs hook."""
    import jsonschema

    files = _files()
    assert len(files) > 100
    code, out, err = run(["check", "--config", os.devnull, "--preset", "all", "--format", "json", "--", *files],
                         cwd=ROOT)
    assert code in (0, 1), err
    report = check_report(out)
    with open(REPORT_SCHEMA, encoding="utf-8") as fh:
        jsonschema.validate(report, json.load(fh))
    assert report["summary"]["files"] == len(files)
    assert report["findings"] and {f["rule"] for f in report["findings"]} >= {"ECS001", "ECS202", "ECS401"}


def test_the_schema_command_prints_the_shipped_schema():
    code, out, err = run(["schema", "report"])
    assert (code, err) == (0, "")
    with open(REPORT_SCHEMA, encoding="utf-8") as fh:
        assert out == fh.read()


def test_a_suppressed_finding_is_in_the_report_marked_with_how_and_why(tmp_path):
    (tmp_path / "td.yaml").write_text(
        "family: web\ncontainerDefinitions:\n  - name: app\n"
        "    image: nginx:latest  # ecslint: ignore=mutable-image-tag -- local demo only\n    memory: 256\n",
        encoding="utf-8")
    (tmp_path / "svc.json").write_text(json.dumps(TD), encoding="utf-8")
    (tmp_path / ".ecslint.yaml").write_text(
        "ignore:\n  - {rule: ECS401, paths: [svc.json], reason: vendor image}\n", encoding="utf-8")
    code, out, _ = run(["check", "--select", "ECS401", "--format", "json", "td.yaml", "svc.json"], cwd=tmp_path)
    assert code == 0
    report = check_report(out)
    assert [(f["path"], f["line"], f["suppressed"]) for f in report["findings"]] == [
        ("svc.json", 1, {"kind": "external", "reason": "vendor image"}),
        ("td.yaml", 4, {"kind": "inSource", "reason": "local demo only"}),
    ]
    assert (report["summary"]["suppressed"], report["summary"]["warnings"], report["summary"]["failing"]) == (2, 0, 0)


def test_each_finding_carries_its_rule_docs_url_and_the_report_its_format_version(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps(TD), encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "policies:\n"
        "  - {id: ORG-1, name: family-prefix, severity: error, applies-to: [task-definition], summary: s,\n"
        "     remediation: r., select: /family, assert: {pattern: '^org-'}, message: 'family {value}'}\n"
        "  - {id: ORG-2, name: family-short, severity: error, applies-to: [task-definition], summary: s,\n"
        "     remediation: r., help-uri: 'https://wiki.example.com/ecs#family', select: /family,\n"
        "     assert: {maxLength: 2}, message: 'family {value}'}\n", encoding="utf-8")
    code, out, _ = run(["check", "--config", os.devnull, "--select", "ECS401,ORG-1,ORG-2", "--policy", "p.yaml",
                        "--format", "json", "td.json"], cwd=tmp_path)
    assert code == 1
    report = check_report(out)
    assert report["format_version"] == 1
    assert sorted((f["rule"], f["help_url"]) for f in report["findings"]) == [
        ("ECS401", "https://github.com/ecslint/ecslint/blob/main/docs/rules/ECS401.md"),
        ("ORG-1", None),  # a policy without help-uri has no page to link
        ("ORG-2", "https://wiki.example.com/ecs#family"),
    ]
    assert list(report["findings"][0]) == ["path", "line", "column", "end_line", "end_column", "rule", "name",
                                           "severity", "message", "pointer", "fingerprint", "help_url", "suppressed"]


def test_a_report_that_breaks_the_schema_fails_the_suite_hook():
    """The hook can fail: a report without format_version, or a finding with a new field."""
    import pytest

    good = {"format_version": 1, "version": "0", "findings": [], "summary": {
        "files": 0, "documents": 0, "skipped": 0, "errors": 0, "warnings": 0, "info": 0, "suppressed": 0,
        "baselined": 0, "fail_on": "warning", "failing": 0}}
    check_report(json.dumps(good))
    with pytest.raises(AssertionError, match="format_version"):
        check_report(json.dumps({k: v for k, v in good.items() if k != "format_version"}))
    with pytest.raises(AssertionError, match="extra"):
        check_report(json.dumps({**good, "summary": {**good["summary"], "extra": 1}}))


def test_a_findings_fingerprint_is_sarifs_and_survives_a_container_inserted_before_it(tmp_path):
    """The JSON report's fingerprint is SARIF's "ecslint/v2" partial fingerprint, and it names
    the node by its container's name: inserting a container before it changes its pointer
    (/containerDefinitions/0 → /1) and line, never its fingerprint."""
    (tmp_path / ".git").mkdir()  # the repository root the paths are relative to
    path = tmp_path / "td.json"
    path.write_text(json.dumps(TD, indent=2))

    def findings(fmt):
        code, out, _ = run(["check", "--format", fmt, "--select", "ECS201,ECS401", "td.json"], cwd=tmp_path)
        return json.loads(out)

    before = findings("json")["findings"]
    sarif = findings("sarif")["runs"][0]["results"]
    assert [f["fingerprint"] for f in before] == [r["partialFingerprints"]["ecslint/v2"] for r in sarif]
    assert [(f["rule"], f["pointer"]) for f in before] == [("ECS401", "/containerDefinitions/0/image")]
    inserted = dict(TD, containerDefinitions=[{"name": "sidecar", "image": "envoy:1.30", "memory": 128},
                                              *TD["containerDefinitions"]])
    path.write_text(json.dumps(inserted, indent=2))
    after = [f for f in findings("json")["findings"] if f["pointer"].startswith("/containerDefinitions/1")]
    assert [(f["rule"], f["pointer"]) for f in after] == [("ECS401", "/containerDefinitions/1/image")]
    assert after[0]["line"] != before[0]["line"] and after[0]["fingerprint"] == before[0]["fingerprint"]
