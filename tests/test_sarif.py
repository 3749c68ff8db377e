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
        "startLine": 6, "startColumn": 3, "endLine": 6, "endColumn": 18, "snippet": {"text": '"memory": "512"'}}
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["ECS301"]["properties"]["security-severity"] == "8.5"
    assert "security" in rules["ECS301"]["properties"]["tags"]
    assert "security-severity" not in rules["ECS201"]["properties"]
    assert rules["ECS201"]["properties"]["tags"] == ["fargate"]
    # the rules with results are described, no others
    assert sorted(rules) == sorted({r["ruleId"] for r in results})
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


# A plaintext password, a :latest image and no logging: three findings, the first two on one line each.
PASSWORD_TD = """{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:latest",
      "essential": true,
      "memory": 512,
      "environment": [
        {"name": "DB_PASSWORD", "value": "Correct-Horse-42"}
      ]
    }
  ]
}
"""
SELECTED = ["--select", "ECS201,ECS301,ECS401,ECS501"]


def _regions(doc):
    return {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in doc["runs"][0]["results"]}


def test_only_rules_with_results_are_described_unless_asked(tmp_path, sarif_validator):
    (tmp_path / "td.json").write_text(PASSWORD_TD)
    doc, text = sarif([*SELECTED, "td.json"], cwd=tmp_path)
    run_ = doc["runs"][0]
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert ids == ["ECS301", "ECS401", "ECS501"]  # ECS201 is enabled but has no result
    assert [(r["ruleId"], r["ruleIndex"]) for r in run_["results"]] == [("ECS501", 2), ("ECS401", 1), ("ECS301", 0)]
    assert not list(sarif_validator.iter_errors(doc))
    check_github_requirements(doc)
    every, every_text = sarif(["--sarif-all-rules", *SELECTED, "td.json"], cwd=tmp_path)
    run_ = every["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["ECS201", "ECS301", "ECS401", "ECS501"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run_["results"]] == [("ECS501", 3), ("ECS401", 2), ("ECS301", 1)]
    assert not list(sarif_validator.iter_errors(every))
    check_github_requirements(every)
    # the same results either way; only the descriptors differ
    assert [dict(r, ruleIndex=0) for r in run_["results"]] == [dict(r, ruleIndex=0) for r in doc["runs"][0]["results"]]


def test_a_clean_run_describes_no_rule(tmp_path, sarif_validator):
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}')
    doc, _ = sarif(["--select", "ECS401", "td.json"], cwd=tmp_path)
    assert doc["runs"][0]["tool"]["driver"]["rules"] == [] and doc["runs"][0]["results"] == []
    assert not list(sarif_validator.iter_errors(doc))


def test_snippets_are_the_source_of_the_region_without_credentials(tmp_path, sarif_validator):
    (tmp_path / "td.json").write_text(PASSWORD_TD)
    doc, text = sarif([*SELECTED, "td.json"], cwd=tmp_path)
    assert _regions(doc) == {
        "ECS301": {"startLine": 10, "startColumn": 33, "endLine": 10, "endColumn": 60,
                   "snippet": {"text": '"value": "(sensitive)"'}},
        "ECS401": {"startLine": 6, "startColumn": 7, "endLine": 6, "endColumn": 30,
                   "snippet": {"text": '"image": "nginx:latest"'}},
        # an object holds values no rule judged (any may be a credential): no snippet
        "ECS501": {"startLine": 4, "startColumn": 5, "endLine": 12, "endColumn": 6},
    }
    assert "Correct-Horse" not in text  # (the rule help quotes its own example password)
    assert not list(sarif_validator.iter_errors(doc))


def test_snippets_in_yaml_and_through_output_format(tmp_path, sarif_validator):
    (tmp_path / "td.yaml").write_text("family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:latest\n")
    code, _, err = run(["check", "--select", "ECS401", "--output-format", "sarif:out.sarif", "td.yaml"], cwd=tmp_path)
    assert code == 1, err
    doc = json.loads((tmp_path / "out.sarif").read_text())
    assert _regions(doc) == {"ECS401": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 24,
                                        "snippet": {"text": "image: nginx:latest"}}}
    assert not list(sarif_validator.iter_errors(doc))


def test_no_snippet_where_the_text_is_not_the_file_or_cannot_be_shown(tmp_path):
    # --var changed the text: the regions are not the file's, and a value may be a secret
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "${IMG}"}]}')
    doc, _ = sarif(["--select", "ECS401", "--var", "IMG=nginx:latest", "td.json"], cwd=tmp_path)
    assert _regions(doc) == {"ECS401": {"startLine": 1, "startColumn": 60, "endLine": 1, "endColumn": 83}}
    # a bidirectional override is shown escaped in messages; a snippet is the file's text or nothing
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx\u202e:latest"}]}')
    doc, _ = sarif(["--select", "ECS401", "td.json"], cwd=tmp_path)
    assert _regions(doc) == {"ECS401": {"startLine": 1, "startColumn": 60, "endLine": 1, "endColumn": 84}}
    # a credential the file may spell differently (here: with a quote) cannot be searched for
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest",'
                                      ' "environment": [{"name": "API_TOKEN", "value": "ab\\"cd\\u0065f"}]}]}')
    doc, text = sarif(["--select", "ECS301,ECS401", "td.json"], cwd=tmp_path)
    assert set(_regions(doc)) == {"ECS301", "ECS401"} and "snippet" not in text


def test_snippets_carry_no_terraform_sensitive_value(tmp_path):
    values = {"family": "web", "cpu": "256", "memory": "512", "network_mode": "bridge",
              "requires_compatibilities": ["FARGATE"],
              "container_definitions": json.dumps([{"name": "app", "image": "nginx:latest", "essential": True}])}
    resource = {"address": "aws_ecs_task_definition.web", "mode": "managed", "type": "aws_ecs_task_definition",
                "name": "web", "values": values, "sensitive_values": {"network_mode": True}}
    (tmp_path / "plan.json").write_text(json.dumps(
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [resource]}}}))
    doc, text = sarif(["--select", "ECS202,ECS401", "plan.json"], cwd=tmp_path)
    assert _regions(doc) == {
        "ECS202": {"startLine": 1, "startColumn": 247, "endLine": 1, "endColumn": 271,
                   "snippet": {"text": '"network_mode": "(sensitive)"'}},
        # inside the container_definitions string, which holds the other containers' values too
        "ECS401": {"startLine": 1, "startColumn": 314, "endLine": 1, "endColumn": 412},
    }
    assert '"bridge"' not in text


def test_rendering_sarif_imports_no_check(tmp_path):
    """Describing a rule (its help and options) reads its definition: no check module is
    imported to print it (issue 17: a SARIF run imported 29 more than a text run)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ecslint.cli import Report\n"
        "from ecslint.config import Config, build_settings\n"
        "from ecslint.formatters import render\n"
        "from ecslint.registry import default_registry\n"
        "settings = build_settings(default_registry(), Config(), 'all', [], [], None)\n"
        "text = render('sarif', Report(findings=[], rules=settings.rules, sarif_all_rules=True))\n"
        "assert text.count('\"helpUri\"') == len(settings.rules) > 100, text[:200]\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ecslint.checks.', 'ecslint.templates.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout == "[]\n", out.stderr


def test_snippets_of_pair_findings_and_of_stdin(tmp_path, sarif_validator):
    (tmp_path / "td.json").write_text(json.dumps({
        "family": "web", "networkMode": "bridge", "requiresCompatibilities": ["EC2"],
        "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512,
                                  "portMappings": [{"containerPort": 80}]}]}))
    service = ('{"serviceName": "web", "cluster": "prod", "taskDefinition": "web", "launchType": "FARGATE",\n'
               ' "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:'
               'targetgroup/web/abc", "containerName": "app", "containerPort": 8080}]}\n')
    (tmp_path / "service.json").write_text(service)
    doc, _ = sarif(["--select", "ECS630,ECS631", "."], cwd=tmp_path)  # pair rules: the service with its task definition
    assert _regions(doc) == {
        "ECS631": {"startLine": 1, "startColumn": 68, "endLine": 1, "endColumn": 91,
                   "snippet": {"text": '"launchType": "FARGATE"'}},
        "ECS630": {"startLine": 2, "startColumn": 138, "endLine": 2, "endColumn": 159,
                   "snippet": {"text": '"containerPort": 8080'}},
    }
    assert not list(sarif_validator.iter_errors(doc))
    code, out, err = run(["check", "--format", "sarif", "--select", "ECS401", "-", "--stdin-filename", "td.yaml"],
                         cwd=tmp_path, input="family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:latest\n")
    assert code == 1, err
    result = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert result["artifactLocation"]["uri"] == "td.yaml"
    assert result["region"]["snippet"] == {"text": "image: nginx:latest"}


def _sha(*parts):
    import hashlib

    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def test_baselined_results_are_kept_as_unchanged(tmp_path, sarif_validator):
    td = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]}
    (tmp_path / "td.json").write_text(json.dumps(td, indent=2))
    run(["check", "--select", "ECS401", "--write-baseline", "b.json", "td.json"], cwd=tmp_path)
    td["containerDefinitions"].insert(0, {"name": "worker", "image": "busybox:latest"})
    (tmp_path / "td.json").write_text(json.dumps(td, indent=2))
    code, out, _ = run(["check", "--format", "sarif", "--select", "ECS401", "--baseline", "b.json", "td.json"],
                       cwd=tmp_path)
    doc = json.loads(out)
    assert code == 1 and not list(sarif_validator.iter_errors(doc))
    check_github_requirements(doc)
    assert [(r["properties"]["pointer"], r["baselineState"], r["partialFingerprints"])
            for r in doc["runs"][0]["results"]] == [
        ("/containerDefinitions/0/image", "new", {
            "ecslint/v2": _sha("ECS401", "td.json", "#/containerDefinitions/name=worker/image"),
            "ecslint/v1": _sha("ECS401", "td.json", "/containerDefinitions/0/image")}),
        ("/containerDefinitions/1/image", "unchanged", {
            "ecslint/v2": _sha("ECS401", "td.json", "#/containerDefinitions/name=app/image"),
            "ecslint/v1": _sha("ECS401", "td.json", "/containerDefinitions/1/image")})]
    # GitLab's fingerprint is the same stable key
    code, out, _ = run(["check", "--format", "gitlab", "--select", "ECS401", "td.json"], cwd=tmp_path)
    assert [i["fingerprint"] for i in json.loads(out)] == [
        _sha("ECS401", "td.json", "#/containerDefinitions/name=worker/image"),
        _sha("ECS401", "td.json", "#/containerDefinitions/name=app/image")]
    # text still reports only the new one, and counts the other
    code, out, _ = run(["check", "--select", "ECS401", "--baseline", "b.json", "td.json"], cwd=tmp_path)
    assert out == ('td.json:6:7: warning ECS401 mutable-image-tag: container "worker" image "busybox:latest" uses '
                   'the mutable tag "latest"\nFound 1 problem (0 errors, 1 warning, 0 info) in 1 document from 1 file; '
                   "1 baselined; 1 at or above --fail-on warning: exit 1\n")
    # without a baseline, no baselineState
    doc, _ = sarif(["--select", "ECS401", "td.json"], cwd=tmp_path)
    assert [("baselineState" in r) for r in doc["runs"][0]["results"]] == [False, False]


def test_a_policy_without_help_uri_has_no_help_link(tmp_path):
    """A policy rule has no generated page: SARIF leaves helpUri out instead of linking a page
    that does not exist; a built-in rule links its page."""
    td = {"family": "batch", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "8192",
          "memory": "16384", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": True}]}
    (tmp_path / "td.json").write_text(json.dumps(td))
    policy = os.path.join(ROOT, "examples", "policies", "max-task-size.yaml")
    code, out, _ = run(["check", "--format", "sarif", "--policy", policy, "--select", "ORG-003,ECS501",
                        str(tmp_path / "td.json")])
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"ORG-003", "ECS501"}
    assert "helpUri" not in rules["ORG-003"]
    assert rules["ECS501"]["helpUri"].endswith("/docs/rules/ECS501.md")
