"""The command line end to end: exit codes, stdin, output formats, errors without tracebacks."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

from click.testing import CliRunner

from helpers import ROOT
from ecslint.cli import cli

GOOD = {"family": "web", "containerDefinitions": [{
    "name": "app", "image": "nginx:1.27.3", "memory": 512,
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1"}}}]}
WARN = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 512,
        "logConfiguration": {"logDriver": "json-file"}}]}
BAD = {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "4096",
       "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
       "containerDefinitions": [{"name": "app", "image": "nginx:1.27.3", "logConfiguration": {
           "logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1",
                                               "awslogs-stream-prefix": "web"}}}]}


def write(tmp_path, name, value):
    p = tmp_path / name
    p.write_text(value if isinstance(value, str) else json.dumps(value, indent=2), encoding="utf-8")
    return str(p)


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def run_in(cwd, *args):
    from cli_helpers import run as run_from

    return run_from(args, cwd=cwd)


def test_clean_file_exits_0(tmp_path):
    res = run("check", write(tmp_path, "td.json", GOOD))
    assert res.exit_code == 0, res.output
    assert res.output.endswith("No problems found in 1 document from 1 file\n")


def test_warnings_fail_by_default_and_pass_with_fail_on_error(tmp_path):
    path = write(tmp_path, "td.json", WARN)
    res = run("check", path)
    assert res.exit_code == 1
    assert res.output.splitlines()[-1].endswith("; 1 at or above --fail-on warning: exit 1")
    res = run("check", "--fail-on", "error", path)
    assert res.exit_code == 0
    assert res.output.splitlines()[-1].endswith("; none at or above --fail-on error: exit 0")
    res = run("check", "--fail-on", "never", path)
    assert (res.exit_code, res.output.splitlines()[-1].endswith("; --fail-on never: exit 0")) == (0, True)
    write(tmp_path, ".ecslint.yaml", "fail-on: error\n")
    assert run_in(tmp_path, "check", "td.json")[0] == 0  # the config's fail-on, when the command line has none


def test_error_exits_1_and_never_exits_0(tmp_path):
    path = write(tmp_path, "td.json", BAD)
    res = run("check", path)
    assert res.exit_code == 1
    line = res.output.splitlines()[0]
    assert line == (f"{path}:8:3: error ECS201 invalid-fargate-size: task definition \"web\": cpu \"256\" with memory "
                    "\"4096\" is not a Fargate size; 256 cpu units allow 512, 1024 or 2048 MiB")
    assert run("check", "--fail-on", "never", path).exit_code == 0


def test_json_output_has_exactly_the_documented_keys(tmp_path):
    path = write(tmp_path, "td.json", BAD)
    res = run("check", "--format", "json", path)
    body = json.loads(res.output)
    assert body["summary"]["errors"] == 1
    f = body["findings"][0]
    assert set(f) == {"path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message", "pointer",
                      "fingerprint", "help_url", "suppressed"}
    assert (f["rule"], f["name"], f["pointer"], f["line"], f["column"]) == ("ECS201", "invalid-fargate-size", "/memory", 8, 3)


def test_stdin_with_a_filename(tmp_path):
    res = run("check", "-", "--stdin-filename", "td.json", input=json.dumps(BAD, indent=2))
    assert res.exit_code == 1
    assert res.output.startswith("td.json:8:3: error ECS201")


def test_stdin_yaml_is_detected():
    res = run("check", "-", input="family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx\n")
    assert "-:4:5: warning ECS401 mutable-image-tag" in res.output


def test_directory_walk_skips_non_ecs_files(tmp_path):
    write(tmp_path, "package.json", {"name": "x", "version": "1.0.0"})
    os.makedirs(tmp_path / "node_modules" / "x")
    write(tmp_path / "node_modules" / "x", "td.json", BAD)
    write(tmp_path, "td.json", GOOD)
    res = run("check", "-v", str(tmp_path))
    assert res.exit_code == 0
    assert "1 file skipped (not ECS)" in res.output


def test_missing_path_is_exit_2(tmp_path):
    res = run("check", str(tmp_path / "nope.json"))
    assert res.exit_code == 2
    assert "no such file or directory" in res.output


def test_no_path_checks_the_current_directory(tmp_path):
    write(tmp_path, "td.json", WARN)
    code, out, err = run_in(tmp_path, "check")
    assert code == 1
    assert out.startswith("td.json:"), out


def test_unknown_rule_in_select_is_exit_2(tmp_path):
    res = run("check", "--select", "nope-rule", write(tmp_path, "td.json", GOOD))
    assert res.exit_code == 2
    assert res.output == 'ecslint: error: --select: unknown rule, name, id prefix or category "nope-rule"\n'


def test_select_and_ignore_by_name_and_prefix(tmp_path):
    path = write(tmp_path, "td.json", BAD)
    assert run("check", "--ignore", "invalid-fargate-size", path).exit_code == 0
    assert run("check", "--ignore", "ECS2", path).exit_code == 0
    res = run("check", "--select", "ECS401", "--fail-on", "info", path)
    assert res.exit_code == 0


def test_kind_forces_classification(tmp_path):
    path = write(tmp_path, "x.json", {"containerDefinitions": [{"name": "app", "image": "nginx:1.27.3", "memory": 512}]})
    res = run("check", "--kind", "task-definition", "--format", "json", path)
    rules = {f["rule"] for f in json.loads(res.output)["findings"]}
    assert "ECS102" in rules  # family is required


def test_config_file_sets_severity_and_fail_on(tmp_path):
    path = write(tmp_path, "td.json", WARN)
    cfg = write(tmp_path, ".ecslint.yaml", "fail-on: warning\nrules:\n  mutable-image-tag: 'off'\n  ECS501: error\n")
    res = run("check", "--config", cfg, path)
    assert res.exit_code == 0
    assert "ECS401" not in res.output


def test_bad_config_is_exit_2_with_a_position(tmp_path):
    cfg = write(tmp_path, ".ecslint.yaml", "rules:\n  mutable-image-tag: loud\n")
    res = run("check", "--config", cfg, write(tmp_path, "td.json", GOOD))
    assert res.exit_code == 2
    assert f"{cfg}:2:3: invalid config at /rules/mutable-image-tag" in res.output


def test_version_names_the_botocore_model():
    res = run("--version")
    assert res.exit_code == 0
    assert res.output.startswith("ecslint 0.1.0 (ECS API model: botocore 1.44.5)")


def test_explain_unknown_rule_suggests():
    res = run("explain", "mutable-image-tags")
    assert res.exit_code == 2
    assert 'did you mean "mutable-image-tag"?' in res.output


def test_python_dash_m_and_no_traceback_on_internal_error(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    res = subprocess.run([sys.executable, "-m", "ecslint", "check", write(tmp_path, "td.json", GOOD)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr


def test_bundled_examples():
    res = run("check", "--format", "json", os.path.join(ROOT, "examples"))
    assert res.exit_code == 1
    body = json.loads(res.output)
    by_file = {}
    for f in body["findings"]:
        by_file.setdefault(os.path.relpath(f["path"], ROOT), set()).add(f["rule"])
    assert {"ECS101", "ECS201", "ECS202", "ECS301", "ECS401", "ECS501"} <= by_file["examples/broken/task-definition.json"]
    assert "ECS601" in by_file["examples/broken/service.yaml"]


def _findings(res):
    return [(f["rule"], f["pointer"], f["message"]) for f in json.loads(res.output)["findings"]]


def test_kind_forces_the_kinds_around_a_service(tmp_path):
    # detected as put-cluster-capacity-providers input; forced, it is judged as create-cluster input
    path = write(tmp_path, "x.json", {"cluster": "prod", "capacityProviders": ["FARGATE"]})
    res = run("check", "--kind", "cluster", "--select", "ECS101,ECS511", "--format", "json", path)
    assert _findings(res) == [
        ("ECS511", "", "the cluster does not turn on Container Insights (the setting containerInsights); the account "
                       "default applies, which is off unless changed"),
        ("ECS101", "/cluster", 'unknown field "cluster" in the cluster; did you mean "clusterName"?')]
    res = run("check", "--select", "ECS1", "--format", "json", path)
    assert _findings(res) == [("ECS102", "", 'required field "defaultCapacityProviderStrategy" is missing')]


def test_kind_forces_a_scaling_kind_on_a_file_without_its_members(tmp_path):
    path = write(tmp_path, "t.json", {"MinCapacity": 3, "MaxCapacity": 2})
    assert "ecslint: warning: no ECS documents found in " in run("check", path).output  # not ECS: skipped
    res = run("check", "--kind", "scalable-target", "--select", "ECS650", "--format", "json", path)
    assert _findings(res) == [("ECS650", "/MinCapacity", "scalable target has MinCapacity 3 above MaxCapacity 2; "
                                                         "Application Auto Scaling rejects the target")]
    res = run("check", "--kind", "scaling-policy", "--select", "ECS102", "--format", "json", path)
    assert [f[2] for f in _findings(res)][:1] == ['required field "PolicyName" is missing']


def test_kind_offers_every_document_kind_and_rejects_others(tmp_path):
    from ecslint.model import KINDS

    res = run("check", "--kind", "nope", write(tmp_path, "x.json", GOOD))
    assert res.exit_code == 2
    assert "'nope' is not one of " + ", ".join(f"'{k}'" for k in KINDS) in res.output


def test_schema_is_printed_for_every_document_kind():
    from ecslint.cli import SCHEMA_FILES
    from ecslint.model import KINDS

    for kind in KINDS:
        res = run("schema", kind)
        assert res.exit_code == 0, kind
        on_disk = pathlib.Path(ROOT, "schemas", SCHEMA_FILES[kind][0]).read_text(encoding="utf-8")
        assert res.output == on_disk and isinstance(json.loads(res.output), dict), kind


def test_kind_keeps_only_that_kind_of_a_template(tmp_path):
    template = {"Resources": {
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "prod"}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "web", "ContainerDefinitions": [
            {"Name": "app", "Image": "nginx:latest", "Memory": 512}]}}}}
    path = write(tmp_path, "template.json", template)
    res = run("check", "--kind", "cluster", "--select", "ECS330,ECS401", "--format", "json", path)
    report = json.loads(res.output)
    assert report["summary"]["documents"] == 1
    assert _findings(res) == [("ECS330", "/Resources/Cluster/Properties", 'cluster "prod" has no tags')]
