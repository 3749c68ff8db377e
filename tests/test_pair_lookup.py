"""A staged service is checked against its task definition even when only the service was
staged (pre-commit passes the changed files): ecslint.pair_lookup reads the repository's task
definitions of the service's family, for the pairing only."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from ecslint.cli import cli

SERVICE = {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "FARGATE",
           "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]}},
           "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/"
                                                "0123456789abcdef", "containerName": "frontend", "containerPort": 8080}]}


def _td(name="app"):
    return {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
            "memory": "512", "containerDefinitions": [{"name": name, "image": "nginx:1.27",
                                                       "portMappings": [{"containerPort": 8080}]}]}


def _repo(tmp_path, tds):
    (tmp_path / ".git").mkdir()
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "web.json").write_text(json.dumps(SERVICE))
    for rel, td in tds.items():
        os.makedirs(tmp_path / os.path.dirname(rel), exist_ok=True)
        (tmp_path / rel).write_text(json.dumps(td))


def _check(tmp_path, *args):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["check", "--select", "ECS630", "--format", "json", *args])
    finally:
        os.chdir(old)
    return result.exit_code, [(f["path"], f["pointer"], f["message"]) for f in json.loads(result.stdout)["findings"]]


MISSING = ("services/web.json", "/loadBalancers/0/containerName",
           'service "web" load balancer container "frontend" does not exist in task definition "web"')


def test_a_service_alone_is_paired_with_its_task_definition_in_the_repository(tmp_path):
    _repo(tmp_path, {"deploy/web/task-definition.json": _td()})
    assert _check(tmp_path, "services/web.json") == (1, [MISSING])
    # and the task definition's own findings are not reported: it was not given
    code, found = _check(tmp_path, "--select", "ECS630,ECS401", "services/web.json")
    assert {p for p, _, _ in found} == {"services/web.json"}


def test_the_nearest_task_definition_of_the_family_wins(tmp_path):
    _repo(tmp_path, {"services/td/web.json": _td(), "other/team/web.json": _td("frontend")})
    assert _check(tmp_path, "services/web.json") == (1, [MISSING])


def test_two_equally_near_are_skipped_rather_than_guessed(tmp_path):
    _repo(tmp_path, {"a/web.json": _td(), "b/web.json": _td("frontend")})
    assert _check(tmp_path, "services/web.json") == (0, [])


def test_outside_a_repository_or_with_the_family_linted_nothing_is_searched(tmp_path):
    _repo(tmp_path, {"deploy/web.json": _td()})
    os.rmdir(tmp_path / ".git")
    assert _check(tmp_path, "services/web.json") == (0, [])
    (tmp_path / ".git").mkdir()
    (tmp_path / "services" / "td.json").write_text(json.dumps(_td("frontend")))  # given: it is the pair
    assert _check(tmp_path, "services/web.json", "services/td.json") == (0, [])


def test_gitignored_task_definitions_are_not_read(tmp_path):
    _repo(tmp_path, {"build/web.json": _td()})
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _check(tmp_path, "services/web.json") == (0, [])


def test_the_search_is_bounded(tmp_path, monkeypatch):
    from ecslint import pair_lookup

    _repo(tmp_path, {f"z/{i:02d}.json": {"family": "other"} for i in range(5)})
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "web.json").write_text(json.dumps(_td()))  # walked after z/: past the bound
    monkeypatch.setattr(pair_lookup, "MAX_FILES_READ", 3)
    assert _check(tmp_path, "services/web.json") == (0, [])
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["check", "-v", "--select", "ECS630", "services/web.json"])
    finally:
        os.chdir(old)
    assert "the search for task definitions stopped after 3 files" in result.stderr
    monkeypatch.setattr(pair_lookup, "MAX_FILES_READ", 100)
    assert _check(tmp_path, "services/web.json") == (1, [MISSING])
