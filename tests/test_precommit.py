"""The pre-commit manifest, tested the way users run it: `pre-commit try-repo` against a clone
of this repository's HEAD, on a clean file (passes) and a broken one (fails).

try-repo builds its own virtual environment and pip-installs ecslint from the clone, which
needs the build backend (hatchling) from the package index; the test skips with the reason
when pre-commit is not installed or that install cannot work here.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
import re
import shutil
import tempfile
import subprocess
import sys

import pytest

from helpers import ROOT
from ecslint.source import parse_yaml

PRE_COMMIT = os.path.join(os.path.dirname(sys.executable), "pre-commit")
CLEAN = {
    "family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
    "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": True,
                              "logConfiguration": {"logDriver": "awslogs", "options": {
                                  "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1",
                                  "awslogs-stream-prefix": "web"}}}],
}


def test_manifest_shape():
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8") as fh:
        hooks = {h["id"]: h for h in parse_yaml("m", fh.read()).documents[0].value}
    assert hooks["ecslint"]["entry"] == "ecslint check"  # no flags baked in: users' args: stay in control
    assert hooks["ecslint"]["args"] == ["--"]  # file names come after it: a file named --x is a path
    assert hooks["ecslint"]["require_serial"] is True  # one process, one summary, pairs found whatever the batching
    assert hooks["ecslint"]["language"] == "python"
    assert hooks["ecslint"]["types_or"] == ["json", "yaml", "terraform"]
    assert "stages" not in hooks["ecslint"]
    cfg = hooks["ecslint-config"]
    assert (cfg["entry"], cfg["pass_filenames"], cfg["always_run"]) == ("ecslint check .", False, True)


def _git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def _tree_digest() -> str:
    h = hashlib.sha256()
    for folder in ("ecslint", "rules", "schemas"):
        for dirpath, dirnames, names in os.walk(os.path.join(ROOT, folder)):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(names):
                if not name.endswith(".pyc"):
                    full = os.path.join(dirpath, name)
                    h.update(os.path.relpath(full, ROOT).encode() + b"\0" + Path(full).read_bytes())
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        h.update(Path(ROOT, name).read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def hook_repo():
    if not os.path.exists(PRE_COMMIT):
        pytest.skip(f"pre-commit is not installed next to {sys.executable}")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    # Keyed by the content under test, so a re-run reuses pre-commit's environment (~30 s
    # to build) and any change to the package or manifest builds a fresh one.
    base = os.path.join(tempfile.gettempdir(), f"ecslint-test-precommit-{_tree_digest()}")
    clone, work = os.path.join(base, "ecslint"), os.path.join(base, "work")
    env = dict(os.environ, PRE_COMMIT_HOME=os.path.join(base, "home"), PRE_COMMIT_COLOR="never")
    env.pop("PRE_COMMIT", None)
    if os.path.exists(os.path.join(base, "ready")):
        _write_samples(work)  # the samples live in this file, which the digest does not cover
        return clone, work, env
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    # try-repo needs the hook files committed: clone HEAD, then commit the working tree's
    # manifest and package so the test exercises what is checked out, not an older commit
    _git(base, "clone", "-q", "--no-local", ROOT, clone)
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        shutil.copy2(os.path.join(ROOT, name), os.path.join(clone, name))
    for folder in ("ecslint", "rules", "schemas"):
        shutil.rmtree(os.path.join(clone, folder))
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(clone, folder),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _git(clone, "add", "-A")
    _git(clone, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "wip")
    os.makedirs(work)
    _git(work, "init", "-q")
    _write_samples(work)
    return clone, work, env


def _write_samples(work):
    with open(os.path.join(work, "clean.json"), "w") as fh:
        fh.write(json.dumps(CLEAN, indent=2) + "\n")
    with open(os.path.join(work, "bad.json"), "w") as fh:
        fh.write(json.dumps(dict(CLEAN, cpu="512", memory="512"), indent=2) + "\n")
    _git(work, "add", "-A")


def try_repo(hook_repo, hook, *files):
    clone, work, env = hook_repo
    args = [PRE_COMMIT, "try-repo", str(clone), hook, "--verbose"]
    args += ["--files", *files] if files else ["--all-files"]
    proc = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=540)
    if proc.returncode not in (0, 1) or "An unexpected error has occurred" in proc.stdout + proc.stderr:
        log = os.path.join(env["PRE_COMMIT_HOME"], "pre-commit.log")
        detail = Path(log).read_text(encoding="utf-8")[-1500:] if os.path.exists(log) else proc.stdout[-1500:]
        pytest.skip(f"pre-commit could not install the hook environment here (offline index?): {detail}")
    Path(os.path.dirname(clone), "ready").touch()
    return proc


@pytest.mark.slow  # pre-commit builds a hook environment
def test_try_repo_clean_file_passes(hook_repo):
    proc = try_repo(hook_repo, "ecslint", "clean.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


@pytest.mark.slow  # pre-commit builds a hook environment
def test_try_repo_bad_file_fails(hook_repo):
    proc = try_repo(hook_repo, "ecslint", "clean.json", "bad.json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    assert re.search(r"^bad\.json:\d+:3: error ECS201 invalid-fargate-size: ", proc.stdout, re.M)
    assert "clean.json" not in proc.stdout.split("Failed", 1)[1]


@pytest.mark.slow  # pre-commit builds a hook environment
def test_config_hook_runs_on_the_repository(hook_repo):
    """`ecslint-config` through `pre-commit run` (try-repo installs into a throw-away store
    every time; `run` keeps the environment in PRE_COMMIT_HOME, so re-runs are quick)."""
    clone, work, env = hook_repo
    rev = _git(clone, "rev-parse", "HEAD").stdout.strip()
    config = os.path.join(os.path.dirname(clone), "pre-commit-config.yaml")
    with open(config, "w", encoding="utf-8") as fh:
        fh.write(f"repos:\n- repo: {clone}\n  rev: {rev}\n  hooks:\n  - id: ecslint-config\n")
    proc = subprocess.run([PRE_COMMIT, "run", "--config", config, "--verbose", "--files", "clean.json"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=540)
    if proc.returncode not in (0, 1):
        pytest.skip(f"pre-commit could not install the hook environment here: {proc.stdout[-1500:]}")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # always_run + pass_filenames: false → the whole repository is linted, bad.json included
    assert re.search(r"^bad\.json:\d+:3: error ECS201 ", proc.stdout, re.M)


def test_file_named_like_an_option_is_a_path_and_one_run_gives_one_summary(hook_repo):
    clone, work, env = hook_repo
    with open(os.path.join(work, "--config=relaxed.yaml"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(dict(CLEAN, containerDefinitions=[dict(CLEAN["containerDefinitions"][0],
                                                                    image="nginx:latest")]), indent=2) + "\n")
    with open(os.path.join(work, "relaxed.yaml"), "w", encoding="utf-8") as fh:
        fh.write("rules:\n  ECS401: 'off'\n")
    _git(work, "add", "-A")
    proc = try_repo(hook_repo, "ecslint")  # --all-files: every JSON and YAML file of the repository
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"^--config=relaxed\.yaml:\d+:\d+: warning ECS401 mutable-image-tag: ", proc.stdout, re.M)
    assert len(re.findall(r"^(Found \d+ problem|No problems found)", proc.stdout, re.M)) == 1


@pytest.mark.slow  # pre-commit builds a hook environment
def test_staging_only_the_service_still_checks_it_against_its_task_definition(hook_repo):
    clone, work, env = hook_repo
    os.makedirs(os.path.join(work, "deploy"), exist_ok=True)
    with open(os.path.join(work, "deploy", "web-td.json"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(CLEAN, indent=2) + "\n")
    container = CLEAN["containerDefinitions"][0]["name"]
    service = {"serviceName": "web", "taskDefinition": CLEAN["family"], "desiredCount": 2,
               "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:"
                                                    "targetgroup/web/0123456789abcdef",
                                  "containerName": container + "-typo", "containerPort": 80}]}
    # beside its task definition: the repository root holds other task definitions of the family
    with open(os.path.join(work, "deploy", "service.json"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(service, indent=2) + "\n")
    _git(work, "add", "-A")
    proc = try_repo(hook_repo, "ecslint", "deploy/service.json")
    assert re.search(rf'^deploy/service\.json:\d+:\d+: error ECS630 .*container "{container}-typo" does not exist',
                     proc.stdout, re.M), proc.stdout + proc.stderr
