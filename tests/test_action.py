"""The composite GitHub Action: its shape, and its lint step's shell script run for real."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT
from ecslint.source import parse_yaml


def action():
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as fh:
        return parse_yaml("action.yml", fh.read()).documents[0].value


def test_shape():
    a = action()
    assert a["runs"]["using"] == "composite"
    assert set(a["inputs"]) >= {"paths", "fail-on", "config"}
    uses = [s.get("uses", "") for s in a["runs"]["steps"]]
    assert not any(u.startswith("actions/setup-python@") for u in uses)  # its own venv instead
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in a["runs"]["steps"] if s.get("name") == "Install ecslint")
    assert "$ACTION_PATH" in install["run"] and install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    for step in a["runs"]["steps"]:  # inputs reach scripts through env, never pasted into them
        assert "${{" not in step.get("run", "")


def run_lint_step(tmp_path, **inputs):
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "lint")
    shim = tmp_path / "bin"  # `ecslint` from this checkout, whatever is installed
    shim.mkdir(exist_ok=True)
    (shim / "ecslint").write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m ecslint "$@"\n')
    (shim / "ecslint").chmod(0o755)
    env = dict(os.environ, PATH=str(shim) + os.pathsep + os.environ.get("PATH", ""),
               GITHUB_OUTPUT=str(tmp_path / "out.txt"))
    defaults = {k: v.get("default", "") for k, v in action()["inputs"].items()}
    values = {**defaults, **inputs}
    for name, expr in step["env"].items():
        if "inputs." in expr:  # the rest (runner.temp) is GitHub's; `ecslint` on PATH stands in
            env[name] = values[expr.split("inputs.")[1].split()[0]]
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in (tmp_path / "out.txt").read_text().splitlines()) \
        if (tmp_path / "out.txt").exists() else {}
    return proc, outputs


@pytest.fixture
def repo(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    shutil.copytree(os.path.join(ROOT, "examples"), tmp_path / "examples")
    return tmp_path


def test_findings_write_sarif_and_exit_code_1(repo):
    proc, outputs = run_lint_step(repo, paths="examples/broken examples/fargate-web")
    assert proc.returncode == 0, proc.stderr  # the step itself passes; the last step fails the job
    assert outputs == {"exit-code": "1"}
    doc = json.loads((repo / "ecslint.sarif").read_text())
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"ECS201", "ECS601"}


def test_fail_on_never_and_config(repo):
    (repo / "ci.yaml").write_text("rules:\n  ECS2: off\n")
    proc, outputs = run_lint_step(repo, paths="examples", **{"fail-on": "never", "config": "ci.yaml", "sarif-file": "x.sarif"})
    assert outputs == {"exit-code": "0"}
    doc = json.loads((repo / "x.sarif").read_text())
    assert not any(r["ruleId"].startswith("ECS2") for r in doc["runs"][0]["results"])


def test_ecslint_failure_fails_the_step(repo):
    (repo / "bad.yaml").write_text("rules: [\n")
    proc, outputs = run_lint_step(repo, config="bad.yaml")
    assert proc.returncode == 2 and outputs == {"exit-code": "2"}
    assert "bad.yaml" in proc.stderr
