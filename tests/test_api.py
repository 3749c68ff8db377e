"""The Python API as a program that embeds ecslint calls it: only `ecslint.api` and the
types it returns."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ecslint import api
from helpers import ROOT
from test_one_read import PAIR

BAD = {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
       "memory": "4096", "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]}
FARGATE_SIZE = ('task definition "web": cpu "256" with memory "4096" is not a Fargate size; '
                "256 cpu units allow 512, 1024 or 2048 MiB")


def test_lint_text_returns_typed_findings():
    run = api.configure(find=False, select="ECS201,ECS401")
    report = api.lint_text(json.dumps(BAD, indent=2), "td.json", run)
    got = [(f.path, f.region.line, f.rule, f.name, str(f.severity), f.pointer, f.message) for f in report.findings]
    assert got == [
        ("td.json", 8, "ECS201", "invalid-fargate-size", "error", "/memory", FARGATE_SIZE),
        ("td.json", 12, "ECS401", "mutable-image-tag", "warning", "/containerDefinitions/0/image",
         'container "app" image "nginx:latest" uses the mutable tag "latest"'),
    ]
    assert (report.files, report.documents, report.summary()["errors"], report.summary()["warnings"]) == (1, 1, 1, 1)


def test_lint_text_pairs_documents_of_one_text_and_honours_kind():
    run = api.configure(find=False, select=["ECS630"])
    assert [(f.rule, f.region.line) for f in api.lint_text(PAIR, "pair.yaml", run).findings] == [("ECS630", 7)]
    service_only = api.lint_text(json.dumps({"taskDefinition": "web"}), "x.json", api.configure(find=False),
                                 kind="service")
    assert service_only.documents == 1 and service_only.skipped == []


def test_lint_paths_applies_the_config_found_from_start(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps(BAD, indent=2))
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "td.json").write_text(json.dumps(BAD, indent=2))
    (tmp_path / ".ecslint.yaml").write_text(
        "exclude: ['skip/']\nignore:\n  - {rule: ECS401, container: app, reason: pinned by the deploy tool}\n")
    run = api.configure(start=str(tmp_path), select=["ECS201", "ECS401"])
    report = api.lint_paths([str(tmp_path)], run, jobs=1)
    got = [(f.rule, f.suppressed) for f in report.findings]
    assert got == [("ECS201", None), ("ECS401", "pinned by the deploy tool")]
    # skip/ is excluded; the config file itself is walked and skipped, as the CLI does
    assert [os.path.relpath(p, tmp_path) for p in report.paths] == [".ecslint.yaml", "td.json"]
    assert [os.path.relpath(p, tmp_path) for p, _ in report.skipped] == [".ecslint.yaml"] and report.errors == []


def test_what_cannot_be_done_is_an_error_not_a_finding(tmp_path):
    (tmp_path / "bad.yaml").write_text("rules: {ECS999: {severity: error}}\n")
    with pytest.raises(api.EcslintError, match="ECS999"):
        api.configure(str(tmp_path / "bad.yaml"))
    with pytest.raises(api.EcslintError, match="no such file"):
        api.lint_paths([str(tmp_path / "missing.json")], api.configure(find=False))
    report = api.lint_text('{"family": "web",', "td.json", api.configure(find=False, select=["ECS001"]))
    assert [f.rule for f in report.findings] == ["ECS001"]
    unknown_kind = ('unknown kind "clusters"; expected one of: task-definition, service, scalable-target, '
                    "scaling-policy, cluster, capacity-provider, cluster-capacity-providers, task-set")
    with pytest.raises(api.EcslintError) as error:
        api.configure(find=False, kind="clusters")
    assert error.value.message == unknown_kind
    with pytest.raises(api.EcslintError) as error:
        api.lint_text("{}", "x.json", api.configure(find=False), kind="clusters")
    assert error.value.message == unknown_kind
    cluster = api.lint_text(json.dumps({"clusterName": "prod"}), "x.json", api.configure(find=False, select=["ECS330"]),
                            kind="cluster")
    assert [(f.rule, f.message) for f in cluster.findings] == [("ECS330", 'cluster "prod" has no tags')]


def test_importing_the_api_stays_light():
    code = ("import sys, ecslint.api; print(sorted(m for m in ('ecslint.engine', 'ecslint.cli', 'click', "
            "'ruamel.yaml', 'jsonschema_rs') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_lint_paths_with_a_baseline_keeps_what_it_matched(tmp_path, monkeypatch):
    from cli_helpers import run

    td = dict(BAD, containerDefinitions=[{"name": "app", "image": "nginx:latest"}])
    (tmp_path / "a.json").write_text(json.dumps(td, indent=2))
    (tmp_path / "b.json").write_text(json.dumps(td, indent=2))
    run(["check", "--select", "ECS201,ECS401", "--write-baseline", "base.json", "a.json", "b.json"], cwd=tmp_path)
    td["containerDefinitions"].insert(0, {"name": "worker", "image": "busybox:latest"})
    (tmp_path / "a.json").write_text(json.dumps(td, indent=2))
    monkeypatch.chdir(tmp_path)
    report = api.lint_paths(["a.json"], api.configure(find=False, select="ECS201,ECS401"), baseline="base.json")
    assert [(f.rule, f.pointer) for f in report.findings] == [("ECS401", "/containerDefinitions/0/image")]
    assert [(f.rule, f.pointer) for f in report.baselined] == [("ECS201", "/memory"),
                                                               ("ECS401", "/containerDefinitions/1/image")]
    assert report.summary()["baseline_stale"] == 0  # b.json's entries are not this run's to judge
