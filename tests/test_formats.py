"""GitHub workflow commands, GitLab Code Quality and JUnit XML, from the real CLI."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pytest

from cli_helpers import run
from helpers import ROOT
from ecslint import formatters
from ecslint.cli import check
from ecslint.formatters.github_format import escape_data, escape_property


# The bundled examples under the six first rules: a fixed set of findings as the rule set grows.
EXAMPLES = ["--select", "ECS101,ECS201,ECS202,ECS301,ECS401,ECS501,ECS601", "examples/broken/", "examples/fargate-web/"]


def test_every_format_is_a_choice_and_a_module():
    choice = next(p for p in check.params if p.name == "fmt").type.choices
    assert tuple(choice) == formatters.FORMATS
    for fmt in formatters.FORMATS:
        assert os.path.exists(os.path.join(ROOT, "ecslint", "formatters", f"{fmt}_format.py"))


def test_github_annotations():
    code, out, _ = run(["check", "--format", "github", *EXAMPLES], cwd=ROOT)
    assert code == 1
    lines = out.splitlines()
    assert ("::error file=examples/broken/task-definition.json,line=6,col=3,endLine=6,endColumn=18,"
            "title=ECS201 invalid-fargate-size::task definition \"checkout\": cpu \"512\" with memory \"512\" "
            "is not a Fargate size; 512 cpu units allow 1024, 2048, 3072 or 4096 MiB") in lines
    assert any(line.startswith("::warning file=examples/broken/service.yaml,line=8,") for line in lines)
    assert lines[-1].startswith("Found 8 problems")


def test_github_escaping():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_escapes_paths_and_info_is_notice(tmp_path):
    d = tmp_path / "a,b:c"
    d.mkdir()
    (d / "td.json").write_text(json.dumps({"family": "web", "containerDefinitions": [
        {"name": "app", "image": "nginx:latest"}]}))
    (tmp_path / ".ecslint.yaml").write_text("rules:\n  mutable-image-tag: info\n")
    code, out, _ = run(["check", "--format", "github", "--select", "ECS401", "a,b:c"], cwd=tmp_path)
    assert code == 0
    assert out.startswith("::notice file=a%2Cb%3Ac/td.json,line=")


def test_gitlab_code_quality():
    code, out, _ = run(["check", "--format", "gitlab", *EXAMPLES], cwd=ROOT)
    assert code == 1
    issues = json.loads(out)
    assert len(issues) == 8
    assert len({i["fingerprint"] for i in issues}) == 8
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("blocker", "critical", "major", "minor", "info")
        assert issue["location"]["lines"]["begin"] >= 1
        assert not os.path.isabs(issue["location"]["path"])
    fargate = next(i for i in issues if i["check_name"] == "ECS201 invalid-fargate-size")
    assert fargate["severity"] == "critical"
    assert fargate["location"] == {"path": "examples/broken/task-definition.json", "lines": {"begin": 6, "end": 6}}
    assert next(i for i in issues if i["check_name"].startswith("ECS601"))["severity"] == "major"


def test_gitlab_clean_is_empty_list():
    code, out, _ = run(["check", "--format", "gitlab", "examples/fargate-web"], cwd=ROOT)
    assert code == 0 and json.loads(out) == []


def test_junit():
    code, out, _ = run(["check", "--format", "junit", *EXAMPLES], cwd=ROOT)
    assert code == 1
    root = ET.fromstring(out.split("\n", 1)[1])
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["examples/broken/service.yaml", "examples/broken/task-definition.json",
                             "examples/fargate-web/service.json", "examples/fargate-web/task-definition.json"]
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    failure = cases["examples/broken/task-definition.json"].find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "7 problems at or above --fail-on warning"
    assert "6:3: error ECS201 invalid-fargate-size:" in failure.text
    assert cases["examples/fargate-web/service.json"].find("failure") is None


def test_junit_survives_control_characters(tmp_path):
    (tmp_path / "td.json").write_text('{"family": "web\\u0001", "containerDefinitions": [{"name": "a\\u0002", "image": "nginx:latest"}]}')
    code, out, _ = run(["check", "--format", "junit", "--select", "ECS401", "td.json"], cwd=tmp_path)
    assert code == 1  # ECS401 is a warning: it fails the default gate
    ET.fromstring(out.split("\n", 1)[1])


@pytest.mark.parametrize("fmt", formatters.FORMATS)
def test_output_file_equals_stdout(fmt, tmp_path):
    _, out, _ = run(["check", "--format", fmt, "examples/"], cwd=ROOT)
    target = tmp_path / f"report.{fmt}"
    code, printed, _ = run(["check", "--format", fmt, "--output", str(target), "examples/"], cwd=ROOT)
    assert code == 1 and printed == ""
    assert target.read_text(encoding="utf-8") == out


def test_gitlab_security_rules_are_in_the_security_category():
    code, out, _ = run(["check", "--format", "gitlab", *EXAMPLES], cwd=ROOT)
    assert code == 1
    assert [(i["check_name"], i["severity"], i["categories"]) for i in json.loads(out)] == [
        ("ECS601 single-az-service", "major", ["Style"]),
        ("ECS202 fargate-network-mode", "critical", ["Bug Risk"]),
        ("ECS201 invalid-fargate-size", "critical", ["Bug Risk"]),
        ("ECS101 unknown-field", "critical", ["Bug Risk"]),
        ("ECS501 missing-log-configuration", "major", ["Style"]),
        ("ECS401 mutable-image-tag", "major", ["Style"]),
        ("ECS301 secret-in-environment", "major", ["Security"]),
        ("ECS301 secret-in-environment", "major", ["Security"]),
    ]


def test_gitlab_a_security_error_is_security(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps({"family": "web", "containerDefinitions": [
        {"name": "app", "image": "nginx:1.27", "privileged": True}]}))
    (tmp_path / ".ecslint.yaml").write_text("rules:\n  privileged-container: error\n")
    code, out, _ = run(["check", "--format", "gitlab", "--select", "ECS320", "td.json"], cwd=tmp_path)
    assert code == 1
    assert [(i["check_name"], i["severity"], i["categories"]) for i in json.loads(out)] == [
        ("ECS320 privileged-container", "critical", ["Security"])]


JUNIT_TD = json.dumps({"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]})


def _junit_dir(tmp_path):
    (tmp_path / "td.json").write_text(JUNIT_TD)
    (tmp_path / "clean.json").write_text(json.dumps({"family": "api", "containerDefinitions": [
        {"name": "app", "image": "nginx:1.27"}]}))
    (tmp_path / "package.json").write_text('{"name": "not-ecs", "version": "1.0.0"}')  # skipped: not ECS
    (tmp_path / "ci.yaml").write_text("stages: [test]\n")  # skipped: not ECS


def test_junit_cases_are_ecs_documents_and_failures_follow_fail_on(tmp_path):
    _junit_dir(tmp_path)
    code, out, _ = run(["check", "--format", "junit", "--select", "ECS401", "."], cwd=tmp_path)
    assert code == 1
    message = 'container "app" image "nginx:latest" uses the mutable tag "latest"'
    assert out == f"""<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ecslint" tests="2" failures="1">
  <testsuite name="ecslint" tests="2" failures="1" errors="0" skipped="0">
    <testcase name="clean.json" classname="ecslint" />
    <testcase name="td.json" classname="ecslint">
      <failure message="1 problem at or above --fail-on warning" type="warning">1:60: warning ECS401 mutable-image-tag: {message}</failure>
    </testcase>
  </testsuite>
</testsuites>
"""
    # below the threshold: the test case passes, and its findings are in its output
    code, out, _ = run(["check", "--format", "junit", "--select", "ECS401", "--fail-on", "error", "."], cwd=tmp_path)
    assert code == 0
    assert out == f"""<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ecslint" tests="2" failures="0">
  <testsuite name="ecslint" tests="2" failures="0" errors="0" skipped="0">
    <testcase name="clean.json" classname="ecslint" />
    <testcase name="td.json" classname="ecslint">
      <system-out>1:60: warning ECS401 mutable-image-tag: {message}</system-out>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_a_run_of_only_skipped_files_has_no_test_case(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "not-ecs"}')
    code, out, _ = run(["check", "--format", "junit", "package.json"], cwd=tmp_path)
    assert code == 0
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.get("tests") == "0" and root.find("testsuite").findall("testcase") == []


SERVICE = {"serviceName": "web", "cluster": "prod", "taskDefinition": "web:3", "desiredCount": 1,
           "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}


def _report_paths(cwd, target):
    """(SARIF URI and base, GitHub file=, GitLab path, JUnit test name) of the one finding."""
    args = ["check", "--select", "ECS601", target]
    sarif = json.loads(run([*args[:1], "--format", "sarif", *args[1:]], cwd=cwd)[1])
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    github = run([*args[:1], "--format", "github", *args[1:]], cwd=cwd)[1].splitlines()[0]
    gitlab = json.loads(run([*args[:1], "--format", "gitlab", *args[1:]], cwd=cwd)[1])[0]["location"]["path"]
    junit = ET.fromstring(run([*args[:1], "--format", "junit", *args[1:]], cwd=cwd)[1].split("\n", 1)[1])
    return ((location["uri"], location["uriBaseId"]), github.split(",", 1)[0], gitlab,
            [c.get("name") for c in junit.iter("testcase")])


def test_report_paths_are_relative_to_the_repository_root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "ecs" / "web").mkdir(parents=True)
    (tmp_path / "ecs" / "web" / "service.json").write_text(json.dumps(SERVICE))
    expected = (("ecs/web/service.json", "%SRCROOT%"), "::warning file=ecs/web/service.json", "ecs/web/service.json",
                ["ecs/web/service.json"])
    assert _report_paths(tmp_path / "ecs", "web") == expected
    assert _report_paths(tmp_path / "ecs" / "web", "service.json") == expected
    assert _report_paths(tmp_path / "ecs" / "web", str(tmp_path / "ecs" / "web" / "service.json")) == expected
    assert _report_paths(tmp_path, "ecs") == expected
    # the text output stays relative to where ecslint ran
    assert run(["check", "--select", "ECS601", "web"], cwd=tmp_path / "ecs")[1].startswith("web/service.json:1:")


def test_report_paths_outside_a_repository_are_relative_to_the_working_directory(tmp_path):
    (tmp_path / "ecs" / "web").mkdir(parents=True)
    (tmp_path / "ecs" / "web" / "service.json").write_text(json.dumps(SERVICE))
    assert _report_paths(tmp_path / "ecs", "web") == (
        ("web/service.json", "%SRCROOT%"), "::warning file=web/service.json", "web/service.json", ["web/service.json"])
    # a file outside the directory keeps the form it was given in
    (tmp_path / "ecs" / "api").mkdir()
    (tmp_path / "ecs" / "api" / "service.json").write_text(json.dumps(SERVICE))
    assert _report_paths(tmp_path / "ecs" / "web", "../api/service.json")[2] == "../api/service.json"
