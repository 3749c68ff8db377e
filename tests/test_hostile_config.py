"""Config, policy, baseline and `extends` files from a hostile checkout: regular files of
bounded size only, `extends` inside the repository unless the runner opts in (the target's
content never shown), and a deep `extends` chain is a config error."""

from __future__ import annotations

import os

import pytest

from robustness import assert_sane, run_cli

TD = '{"family": "web", "containerDefinitions": [{"name": "a", "image": "b:1"}]}'


def _repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "td.json").write_text(TD)
    return repo


@pytest.mark.parametrize("option", ["--config", "--policy", "--baseline"])
def test_dev_zero_and_fifo_are_refused(tmp_path, option):
    repo = _repo(tmp_path)
    os.mkfifo(repo / "fifo.yaml")
    for target in ("/dev/zero", str(repo / "fifo.yaml")):
        run = run_cli(["check", option, target, str(repo / "td.json")], cwd=repo, timeout=15)
        assert_sane(run)
        assert run.code == 2
        assert "not a regular file" in run.stderr, run.stderr


def test_committed_policy_link_to_dev_zero(tmp_path):
    repo = _repo(tmp_path)
    (repo / "policies").mkdir()
    os.symlink("/dev/zero", repo / "policies" / "zero.yaml")
    (repo / ".ecslint.yaml").write_text("policies: [policies/zero.yaml]\n")
    run = run_cli(["check", "td.json"], cwd=repo, timeout=15)
    assert_sane(run)
    assert run.code == 2 and "not a regular file" in run.stderr


def test_oversized_config_is_refused(tmp_path):
    repo = _repo(tmp_path)
    (repo / ".ecslint.yaml").write_text("# padding\n" * 600_000)
    run = run_cli(["check", "td.json"], cwd=repo)
    assert_sane(run)
    assert run.code == 2 and "larger than the 5,242,880-byte limit" in run.stderr


def test_extends_outside_the_repository_needs_an_opt_in(tmp_path):
    repo = _repo(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("top-secret-content: [hunter2-prod-Pa55]\n")
    (repo / ".ecslint.yaml").write_text(f"extends: {secret}\n")
    run = run_cli(["check", "td.json"], cwd=repo)
    assert_sane(run)
    assert run.code == 2
    assert "is outside the repository" in run.stderr and "--allow-extends-outside" in run.stderr
    assert "hunter2" not in run.output and "top-secret" not in run.output
    (repo / ".ecslint.yaml").write_text("extends: /etc/passwd\n")
    run = run_cli(["check", "td.json"], cwd=repo)
    assert run.code == 2 and "root:" not in run.output
    (repo / ".ecslint.yaml").write_text(f"extends: {secret.parent / 'ok.yaml'}\n")
    (tmp_path / "ok.yaml").write_text("fail-on: error\n")
    run = run_cli(["--allow-extends-outside", "check", "td.json"], cwd=repo)
    assert_sane(run)
    assert run.code in (0, 1), run.output


def test_extends_chain_a_thousand_deep_is_a_config_error(tmp_path):
    repo = _repo(tmp_path)
    for i in range(1000):
        (repo / f"c{i}.yaml").write_text(f"extends: c{i + 1}.yaml\n")
    (repo / "c1000.yaml").write_text("fail-on: error\n")
    run = run_cli(["check", "--config", "c0.yaml", "td.json"], cwd=repo)
    assert_sane(run)
    assert run.code == 2
    assert "extends: more than 32 config files in one chain" in run.stderr
