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
    assert failure.get("type") == "error" and failure.get("message") == "7 problems"
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
