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


def _sha(*parts):
    import hashlib

    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _with_container_first(repo, name="td0.json"):
    """Insert a container at index 0: the old container moves to index 1."""
    td = json.loads((repo / "ecs" / name).read_text())
    td["containerDefinitions"].insert(0, {"name": "worker", "image": "busybox:latest"})
    (repo / "ecs" / name).write_text(json.dumps(td, indent=2))


def test_a_container_inserted_first_shows_only_its_own_findings(tmp_path):
    repo = make_repo(tmp_path)
    check(repo, "--write-baseline", "b.json")
    entries = json.loads((repo / "b.json").read_text())["findings"]
    assert sorted((e["rule"], e["identity"]) for e in entries.values() if e["path"] == "ecs/td0.json") == [
        ("ECS201", "#/memory"), ("ECS202", "#/networkMode"),
        ("ECS401", "#/containerDefinitions/name=app/image"), ("ECS501", "#/containerDefinitions/name=app")]
    assert _sha("ECS401", "ecs/td0.json", "#/containerDefinitions/name=app/image") in entries
    _with_container_first(repo)
    code, report, err = check(repo, "--baseline", "b.json")
    assert code == 1 and report["summary"]["baseline_stale"] == 0 and report["summary"]["baselined"] == 20
    assert [(f["rule"], f["path"], f["pointer"]) for f in report["findings"]] == [
        ("ECS501", "ecs/td0.json", "/containerDefinitions/0"),
        ("ECS401", "ecs/td0.json", "/containerDefinitions/0/image")]


def _as_version_1(path):
    """The baseline as ecslint wrote it before stable identities: keyed by (rule, path, pointer)."""
    body = json.loads(path.read_text())
    findings = {}
    for e in body["findings"].values():
        e.pop("identity")
        findings[_sha(e["rule"], e["path"], e["pointer"])] = e
    path.write_text(json.dumps({"ecslint-baseline": 1, "findings": findings}, indent=2))


def test_a_version_1_baseline_matches_by_the_old_key_and_is_rewritten_as_version_2(tmp_path):
    repo = make_repo(tmp_path)
    check(repo, "--write-baseline", "v2.json")
    check(repo, "--write-baseline", "v1.json")
    _as_version_1(repo / "v1.json")
    code, report, _ = check(repo, "--baseline", "v1.json")
    assert code == 0 and report["findings"] == [] and report["summary"]["baseline_stale"] == 0
    # matched by position, as before: the moved container's findings are new, two entries stale
    _with_container_first(repo)
    code, report, _ = check(repo, "--baseline", "v1.json")
    assert [(f["rule"], f["pointer"]) for f in report["findings"]] == [
        ("ECS501", "/containerDefinitions/1"), ("ECS401", "/containerDefinitions/1/image")]
    assert report["summary"]["baseline_stale"] == 0  # the new container took the old entries
    (repo / "ecs" / "td0.json").write_text(task_definition(0))
    check(repo, "--write-baseline", "v1.json")
    assert (repo / "v1.json").read_text() == (repo / "v2.json").read_text()
    assert json.loads((repo / "v1.json").read_text())["ecslint-baseline"] == 2


def check_paths(repo, *args):
    code, out, err = run(["check", "--format", "json", *args], cwd=repo)
    return code, json.loads(out), err


def test_a_run_over_some_files_counts_and_rewrites_only_their_entries(tmp_path):
    repo = make_repo(tmp_path)
    check(repo, "--write-baseline", "b.json")
    (repo / "ecs" / "td1.json").write_text(task_definition(1, {"networkMode": "awsvpc"}))  # fixes ECS202
    # pre-commit passes the staged files only: the others' entries are not stale
    code, report, err = check_paths(repo, "--baseline", "b.json", "--", "ecs/td0.json")
    assert (code, report["summary"]["baseline_stale"], err) == (0, 0, "")
    code, report, err = check_paths(repo, "--baseline", "b.json", "--", "ecs/td1.json")
    assert (code, report["summary"]["baseline_stale"]) == (0, 1)
    assert err == "ecslint: 1 baseline entry no longer match a finding (fixed or moved); refresh with --write-baseline\n"

    code, report, err = check_paths(repo, "--write-baseline", "b.json", "ecs/td1.json")
    assert err == "ecslint: wrote 19 findings to baseline b.json (16 of them from files this run did not lint)\n"
    entries = json.loads((repo / "b.json").read_text())["findings"].values()
    assert sorted((e["path"], e["rule"]) for e in entries if e["path"] == "ecs/td1.json") == [
        ("ecs/td1.json", "ECS201"), ("ecs/td1.json", "ECS401"), ("ecs/td1.json", "ECS501")]
    assert sum(e["count"] for e in entries) == 19
    code, report, err = check(repo, "--baseline", "b.json")
    assert (code, report["findings"], report["summary"]["baseline_stale"], err) == (0, [], 0, "")

    # a file gone from a directory the run walked: its entries are stale; a run elsewhere keeps them
    (repo / "ecs" / "td4.json").unlink()
    assert check(repo, "--baseline", "b.json")[1]["summary"]["baseline_stale"] == 4
    assert check_paths(repo, "--baseline", "b.json", "ecs/td0.json")[1]["summary"]["baseline_stale"] == 0
    check(repo, "--write-baseline", "b.json")
    assert sum(e["count"] for e in json.loads((repo / "b.json").read_text())["findings"].values()) == 15


def test_write_baseline_over_a_file_that_is_not_one_is_exit_2(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "notes.json").write_text('{"todo": []}')
    code, out, err = run(["check", "--write-baseline", "notes.json", "ecs"], cwd=repo)
    assert code == 2 and "notes.json: not an ecslint baseline" in err and "Traceback" not in err
    assert (repo / "notes.json").read_text() == '{"todo": []}'
