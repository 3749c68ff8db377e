"""SARIF 2.1.0: valid against the OASIS schema for every fixture and example, within GitHub
code scanning's limits and required fields, deterministic, and with fingerprints that
survive lines inserted above a finding."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import jsonschema
import pytest

from cli_helpers import run
from helpers import ROOT, SARIF_SCHEMA


@pytest.fixture(scope="module")
def sarif_validator():
    with open(SARIF_SCHEMA, encoding="utf-8") as fh:
        schema = json.load(fh)
    return jsonschema.Draft4Validator(schema)


def _inputs():
    out = []
    for top in ("fixtures", "examples"):
        for dirpath, _, names in os.walk(os.path.join(ROOT, top)):
            for name in sorted(names):
                if name.endswith((".json", ".yaml", ".yml")):
                    out.append(os.path.relpath(os.path.join(dirpath, name), ROOT))
    return sorted(out)


def sarif(args, cwd=ROOT):
    code, out, err = run(["check", "--format", "sarif", "--preset", "all", *args], cwd=cwd)
    assert code in (0, 1), err
    return json.loads(out), out


def check_github_requirements(doc):
    """What GitHub code scanning requires of an upload (docs: 'SARIF support for code scanning')."""
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) <= 20
    assert len(gzip.compress(json.dumps(doc).encode())) <= 10 * 1024 * 1024
    for run_ in doc["runs"]:
        driver = run_["tool"]["driver"]
        assert driver["name"]
        assert len(run_["results"]) <= 25_000
        ids = [r["id"] for r in driver["rules"]]
        assert ids == sorted(ids) and len(ids) == len(set(ids))
        for rule in driver["rules"]:
            props = rule["properties"]
            assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
            assert rule["help"]["text"] and rule["help"]["markdown"] and rule["helpUri"].startswith("https://")
            assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
            assert isinstance(props["tags"], list) and props["tags"]
            if "security-severity" in props:
                assert isinstance(props["security-severity"], str)
                assert 0.0 <= float(props["security-severity"]) <= 10.0
        for result in run_["results"]:
            assert result["ruleId"] == ids[result["ruleIndex"]]
            assert result["level"] in ("error", "warning", "note")
            assert result["message"]["text"]
            loc = result["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            assert not uri.startswith(("/", "file:")) and "\\" not in uri
            region = loc["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
            assert len(result["partialFingerprints"]["ecslint/v1"]) == 64


@pytest.mark.slow  # ~170 files, each a full SARIF log validated by the Python jsonschema: a third of a minute
@pytest.mark.parametrize("path", _inputs())
def test_every_fixture_and_example_gives_valid_sarif(path, sarif_validator):
    doc, _ = sarif([path])
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert not errors, errors[0]
    check_github_requirements(doc)


def test_examples_content(sarif_validator):
    doc, text = sarif(["examples/"])
    run_ = doc["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert "%SRCROOT%" in run_["originalUriBaseIds"]
    results = run_["results"]
    assert results, "examples/broken has mistakes on purpose"
    by_rule = {r["ruleId"]: r for r in results}
    fargate = by_rule["ECS201"]
    assert fargate["level"] == "error"
    assert fargate["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "examples/broken/task-definition.json"
    assert fargate["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6, "startColumn": 3, "endLine": 6, "endColumn": 18}
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["ECS301"]["properties"]["security-severity"] == "8.5"
    assert "security" in rules["ECS301"]["properties"]["tags"]
    assert "security-severity" not in rules["ECS201"]["properties"]
    assert rules["ECS201"]["properties"]["tags"] == ["fargate"]
    # every rule of the preset is described, even those without a result
    assert set(rules) > {r["ruleId"] for r in results}
    check_github_requirements(doc)


def test_effective_level_and_default_level(tmp_path):
    shutil.copytree(os.path.join(ROOT, "examples", "broken"), tmp_path / "broken")
    (tmp_path / ".ecslint.yaml").write_text("rules:\n  invalid-fargate-size: info\n")
    doc, _ = sarif(["broken"], cwd=tmp_path)
    run_ = doc["runs"][0]
    result = next(r for r in run_["results"] if r["ruleId"] == "ECS201")
    assert result["level"] == "note"
    rule = run_["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["defaultConfiguration"]["level"] == "error"


def test_byte_deterministic():
    _, first = sarif(["examples/"])
    _, second = sarif(["examples/"])
    assert first == second
    assert '"startTimeUtc"' not in first and '"endTimeUtc"' not in first and ROOT not in first


def _fingerprints(doc):
    return sorted((r["ruleId"], r["partialFingerprints"]["ecslint/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                  for r in doc["runs"][0]["results"])


def test_fingerprints_survive_inserted_lines(tmp_path):
    src = os.path.join(ROOT, "examples", "broken", "service.yaml")
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    (tmp_path / "service.yaml").write_text(text)
    before = _fingerprints(sarif(["service.yaml"], cwd=tmp_path)[0])
    (tmp_path / "service.yaml").write_text("# a comment\n# and another\n\n" + text)
    after = _fingerprints(sarif(["service.yaml"], cwd=tmp_path)[0])
    assert before and len(before) == len(after)
    assert [(r, fp) for r, fp, _ in before] == [(r, fp) for r, fp, _ in after]
    assert [line + 3 for _, _, line in before] == [line for _, _, line in after]


def test_fingerprint_changes_with_the_node(tmp_path):
    td = {"family": "web", "containerDefinitions": [
        {"name": "a", "image": "nginx:latest"}, {"name": "b", "image": "nginx:latest"}]}
    (tmp_path / "td.json").write_text(json.dumps(td, indent=2))
    doc, _ = sarif(["--select", "ECS401", "td.json"], cwd=tmp_path)
    fps = [r["partialFingerprints"]["ecslint/v1"] for r in doc["runs"][0]["results"]]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_suppressed_findings_are_carried(tmp_path, sarif_validator):
    (tmp_path / "td.yaml").write_text(
        "family: web\ncontainerDefinitions:\n  - name: app\n"
        "    image: nginx:latest  # ecslint: ignore=mutable-image-tag -- demo image\n"
        "    logConfiguration: {logDriver: awslogs}\n")
    (tmp_path / ".ecslint.yaml").write_text(
        "ignore:\n  - rule: ECS501\n    paths: ['*.yaml']\n    container: app\n    reason: sidecar logs elsewhere\n")
    doc, _ = sarif(["td.yaml"], cwd=tmp_path)
    assert not list(sarif_validator.iter_errors(doc))
    sup = {r["ruleId"]: r.get("suppressions") for r in doc["runs"][0]["results"]}
    assert sup["ECS401"] == [{"kind": "inSource", "justification": "demo image"}]
    code, out, _ = run(["check", "td.yaml"], cwd=tmp_path)
    assert "ECS401" not in out


def test_result_cap_keeps_the_most_severe(sarif_validator):
    from ecslint.report import Report
    from ecslint.formatters import sarif_format
    from ecslint.model import Finding, Region, Severity
    from helpers import settings_for

    settings = settings_for(["ECS401", "ECS201"])
    many = [Finding("td.json", Region(i + 1, 1, i + 1, 5), "ECS401", "mutable-image-tag", Severity.WARNING, "m",
                    f"/containerDefinitions/{i}/image") for i in range(sarif_format.MAX_RESULTS)]
    many += [Finding("td.json", Region(1, 1, 1, 5), "ECS201", "invalid-fargate-size", Severity.ERROR, "e", "/cpu")] * 3
    doc = sarif_format.build(Report(findings=many, rules=settings.rules))
    run_ = doc["runs"][0]
    assert len(run_["results"]) == sarif_format.MAX_RESULTS
    assert sum(r["ruleId"] == "ECS201" for r in run_["results"]) == 3
    note = run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith("3 of 25003 results left out")
    check_github_requirements(doc)
