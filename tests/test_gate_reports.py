"""One run, several reports; reports written atomically and never over an input; colour
forced or refused; the Action, the pre-commit manifest and the release workflow as files."""

from __future__ import annotations

import json
import os
import re

from click.testing import CliRunner

from cli_helpers import run
from ecslint.cli import cli
from ecslint.source import parse_yaml
from helpers import ROOT

WARN = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 512,
        "logConfiguration": {"logDriver": "json-file"}}]}
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def yaml_file(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as fh:
        return parse_yaml(parts[-1], fh.read()).documents[0].value


def test_several_outputs_in_one_run(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps(WARN, indent=2))
    code, out, err = run(["check", "--output-format", "sarif:ecslint.sarif", "--output-format", "junit:ecslint.xml",
                          "td.json"], cwd=tmp_path)
    assert code == 1, err
    assert out.startswith("td.json:") and "ECS401 mutable-image-tag" in out  # text stays on stdout
    sarif = json.loads((tmp_path / "ecslint.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["ECS401"]
    assert (tmp_path / "ecslint.xml").read_text().startswith("<?xml")
    code, _, err = run(["check", "--output-format", "yaml:x.yaml", "td.json"], cwd=tmp_path)
    assert code == 2 and "--output-format: expected FORMAT:PATH" in err


def test_reports_are_written_by_rename_never_through_a_link_or_over_an_input(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps(WARN, indent=2))
    (tmp_path / "precious.txt").write_text("keep me")
    os.symlink(tmp_path / "precious.txt", tmp_path / "report.json")
    code, _, err = run(["check", "--format", "json", "--output", "report.json", "td.json"], cwd=tmp_path)
    assert code == 1, err
    assert (tmp_path / "precious.txt").read_text() == "keep me"
    assert not os.path.islink(tmp_path / "report.json")
    assert json.loads((tmp_path / "report.json").read_text())["findings"]
    before = (tmp_path / "td.json").read_text()
    code, _, err = run(["check", "--output-format", "sarif:td.json", "td.json"], cwd=tmp_path)
    assert code == 2 and "refusing to write the report over a file being linted" in err
    assert (tmp_path / "td.json").read_text() == before
    code, _, err = run(["check", "--write-baseline", "no/such/dir/b.json", "td.json"], cwd=tmp_path)
    assert code == 2 and "cannot write" in err
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".ecslint-")]  # no temporary file left


def test_colour_forced_refused_and_from_the_environment(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps(WARN, indent=2))
    path = str(tmp_path / "td.json")

    def output(*args, env=None):
        return CliRunner(env=env or {}).invoke(cli, ["check", *args, path]).stdout

    assert "\x1b[33mwarning\x1b[0m" in output("--color")  # forced off a terminal
    assert "\x1b[" not in output()
    assert "\x1b[33m" in output(env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b[" not in output("--no-color", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in output(env={"NO_COLOR": "1", "FORCE_COLOR": None})


def test_action_pins_logs_and_inputs():
    a = yaml_file("action.yml")
    assert a["inputs"]["fail-on"]["default"] == "warning"
    assert {"args", "category"} <= set(a["inputs"])
    steps = a["runs"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(SHA_PIN.match(u) for u in uses), uses
    assert not any(u.startswith("actions/setup-python@") for u in uses)  # no side effect on later steps
    install = next(s for s in steps if s.get("name") == "Install ecslint")
    assert '-m venv "$ECSLINT_VENV"' in install["run"]
    lint = next(s for s in steps if s.get("id") == "lint")
    assert "--format github" in lint["run"] and '"sarif:$ECSLINT_SARIF"' in lint["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["category"] == "${{ inputs.category }}"
    assert "github.event.pull_request.head.repo.full_name != github.repository" in upload["if"]  # forks skip it
    fail = next(s for s in steps if s.get("name") == "Fail on findings")
    assert "upload" not in fail.get("if", "")  # a fork's findings still fail the job


def test_release_workflow_builds_tests_and_publishes_on_a_tag():
    wf = yaml_file(".github", "workflows", "release.yml")
    assert wf["on"]["push"]["tags"] == ["v*"]
    steps = wf["jobs"]["release"]["steps"]
    text = "\n".join(s.get("run", "") for s in steps)
    assert "python -m build" in text and "pytest" in text and "dist/*.whl" in text
    publish = next(s for s in steps if "gh-action-pypi-publish" in s.get("uses", ""))
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/')"
    assert all(SHA_PIN.match(s["uses"]) for s in steps if "uses" in s)
    assert wf["jobs"]["release"]["permissions"]["id-token"] == "write"
