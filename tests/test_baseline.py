"""Baselines end to end: adopt on a repository with 20 findings, then fail only on new ones."""

from __future__ import annotations

import json

from cli_helpers import run


def task_definition(i, extra=None):
    td = {
        "family": f"svc{i}",
        "requiresCompatibilities": ["FARGATE"],
        "networkMode": "bridge",  # ECS202
        "cpu": "512", "memory": "512",  # ECS201
        "containerDefinitions": [{"name": "app", "image": "nginx:latest"}],  # ECS401, ECS501
    }
    td.update(extra or {})
    return json.dumps(td, indent=2) + "\n"


def make_repo(tmp_path):
    for i in range(5):
        (tmp_path / "ecs").mkdir(exist_ok=True)
        (tmp_path / "ecs" / f"td{i}.json").write_text(task_definition(i))
    return tmp_path


def check(repo, *args):
    code, out, err = run(["check", "--format", "json", "--fail-on", "warning", *args, "ecs"], cwd=repo)
    return code, json.loads(out), err


def test_adopt_then_only_new_findings_fail(tmp_path):
    repo = make_repo(tmp_path)
    code, report, _ = check(repo)
    assert code == 1 and len(report["findings"]) == 20

    code, report, err = check(repo, "--write-baseline", "ecslint-baseline.json")
    assert code == 0 and report["findings"] == []
    assert "wrote 20 findings to baseline ecslint-baseline.json" in err
    baseline = json.loads((repo / "ecslint-baseline.json").read_text())
    assert sum(e["count"] for e in baseline["findings"].values()) == 20
    assert list(baseline["findings"]) == sorted(baseline["findings"])

    code, report, err = check(repo, "--baseline", "ecslint-baseline.json")
    assert code == 0 and report["findings"] == [] and report["summary"]["baseline_stale"] == 0
    assert err == ""

    # lines move (a key added above every finding): still nothing new
    td = json.loads((repo / "ecs" / "td0.json").read_text())
    (repo / "ecs" / "td0.json").write_text(json.dumps({"taskRoleArn": "arn:aws:iam::123456789012:role/x", **td}, indent=2))
    assert check(repo, "--baseline", "ecslint-baseline.json")[0] == 0

    # one new bad field: exit 1, and only it is reported
    (repo / "ecs" / "td3.json").write_text(task_definition(3, {"memoryReservaton": 128}))
    code, report, _ = check(repo, "--baseline", "ecslint-baseline.json")
    assert code == 1
    assert [(f["rule"], f["path"], f["pointer"]) for f in report["findings"]] == [
        ("ECS101", "ecs/td3.json", "/memoryReservaton")]


def test_stale_entries_are_counted(tmp_path):
    repo = make_repo(tmp_path)
    check(repo, "--write-baseline", "b.json")
    (repo / "ecs" / "td1.json").write_text(task_definition(1, {"networkMode": "awsvpc"}))  # fixes ECS202
    code, report, err = check(repo, "--baseline", "b.json")
    assert code == 0 and report["summary"]["baseline_stale"] == 1
    assert "1 baseline entry no longer match" in err


def test_baseline_is_deterministic_and_relative_to_its_directory(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "ci").mkdir()
    check(repo, "--write-baseline", "ci/one.json")
    check(repo, "--write-baseline", "ci/two.json")
    one = (repo / "ci" / "one.json").read_text()
    assert one == (repo / "ci" / "two.json").read_text()
    assert '"path": "../ecs/td0.json"' in one and str(tmp_path) not in one
    # run from another directory: same fingerprints
    code, out, _ = run(["check", "--format", "json", "--baseline", "one.json", "../ecs"], cwd=repo / "ci")
    assert code == 0 and json.loads(out)["findings"] == []


def test_bad_baseline_is_exit_2(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "b.json").write_text('{"findings": []}')
    code, out, err = run(["check", "--baseline", "b.json", "ecs"], cwd=repo)
    assert code == 2 and "not an ecslint baseline" in err and "Traceback" not in err
    code, out, err = run(["check", "--baseline", "missing.json", "ecs"], cwd=repo)
    assert code == 2 and "missing.json: cannot read baseline" in err
