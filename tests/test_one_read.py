"""Each file is read and parsed once: the stages after checking (pairs, suppression) work
from what the file's result carries, never from the file read again by its display path.
Each case below failed while those stages re-read the file."""

from __future__ import annotations

import json

from cli_helpers import run

PAIR = """\
serviceName: web
taskDefinition: web
desiredCount: 2
launchType: FARGATE
networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]}}
loadBalancers:
  - {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef", containerName: frontend, containerPort: 8080}
---
family: web
requiresCompatibilities: [FARGATE]
networkMode: awsvpc
cpu: "256"
memory: "512"
containerDefinitions:
  - {name: app, image: "nginx:1.27", portMappings: [{containerPort: 8080}]}
"""
ECS630 = ("ECS630", 7, '/loadBalancers/0/containerName',
          'service "web" load balancer container "frontend" does not exist in task definition "web"')


def _found(out, rule):
    return [(f["rule"], f["line"], f["pointer"], f["message"]) for f in json.loads(out)["findings"] if f["rule"] == rule]


def test_a_pair_stream_finds_the_same_cross_document_error_as_a_file_and_on_stdin(tmp_path):
    (tmp_path / "pair.yaml").write_text(PAIR)
    args = ["check", "--config", "/dev/null", "--format", "json", "--select", "ECS630"]
    code, out, err = run([*args, "pair.yaml"], cwd=tmp_path)
    assert (code, _found(out, "ECS630")) == (1, [ECS630]), err
    code, out, err = run([*args, "-"], cwd=tmp_path, input=PAIR)
    assert (code, _found(out, "ECS630")) == (1, [ECS630]), err


def test_stdin_named_as_a_path_that_does_not_exist(tmp_path):
    code, out, err = run(["check", "--config", "/dev/null", "--format", "json", "--select", "ECS630", "-",
                          "--stdin-filename", "other/pair.yaml"], cwd=tmp_path, input=PAIR)
    assert (code, err) == (1, "")
    assert [(f["path"], f["line"]) for f in json.loads(out)["findings"]] == [("other/pair.yaml", 7)]


TEMPLATED = """\
{
  "family": "api",
  "memory": ${MEM},
  "containerDefinitions": [
    {"name": "app", "image": "nginx:latest"},
    {"name": "sidecar", "image": "busybox:latest"}
  ]
}
"""


def test_a_container_scoped_ignore_holds_for_a_file_that_needs_var(tmp_path):
    (tmp_path / "td.json").write_text(TEMPLATED)
    (tmp_path / ".ecslint.yaml").write_text("ignore:\n  - {rule: ECS401, container: app, reason: r}\n")
    code, out, err = run(["check", "--format", "json", "--select", "ECS401,ECS003", "--var", "MEM=512",
                          "--fail-on", "never", "td.json"], cwd=tmp_path)
    assert code == 0, err
    got = [(f["rule"], f["line"], f["message"], f["suppressed"]) for f in json.loads(out)["findings"]]
    assert got == [("ECS401", 5, 'container "app" image "nginx:latest" uses the mutable tag "latest"',
                    {"kind": "external", "reason": "r"}),
                   ("ECS401", 6, 'container "sidecar" image "busybox:latest" uses the mutable tag "latest"', None)]


def test_directives_are_read_from_the_text_that_was_linted(tmp_path):
    """A YAML directive still applies when the file is a template rendered with --var."""
    text = "family: web\nmemory: ${MEM}\ncontainerDefinitions:\n  - name: app\n" \
           "    image: nginx:latest  # ecslint: ignore=ECS401 -- pinned by the deploy tool\n"
    (tmp_path / "td.yaml").write_text(text)
    code, out, err = run(["check", "--config", "/dev/null", "--format", "json", "--select", "ECS401,ECS003",
                          "--var", "MEM=512", "--show-suppressed", "td.yaml"], cwd=tmp_path)
    assert code == 0, err
    got = [(f["rule"], f["line"], f["suppressed"]) for f in json.loads(out)["findings"]]
    assert got == [("ECS401", 5, {"kind": "inSource", "reason": "pinned by the deploy tool"})]
    assert json.loads(out)["summary"]["suppressed"] == 1


def test_a_worker_process_sends_back_what_the_pair_and_suppression_stages_need(tmp_path, monkeypatch):
    """The same findings (pair findings placed, containers named) whether files are linted in
    this process or in a pool, whose results cross processes pickled."""
    from helpers import settings_for

    from ecslint import runner

    (tmp_path / "pair.yaml").write_text(PAIR)
    (tmp_path / "td.json").write_text(TEMPLATED)
    settings = settings_for(["ECS630", "ECS401"])
    settings.variables = {"MEM": "512"}
    paths = [str(tmp_path / "pair.yaml"), str(tmp_path / "td.json")]

    def outcome(jobs):
        results, findings, errors = runner.run(paths, settings, jobs=jobs)
        assert errors == []
        return [(f.rule, f.region.line, f.container, f.message) for f in findings]

    alone = outcome(1)
    monkeypatch.setattr(runner, "POOL_THRESHOLD", 1)
    assert outcome(2) == alone
    assert [(r, line, c) for r, line, c, _ in alone] == [
        ("ECS630", 7, None), ("ECS401", 5, "app"), ("ECS401", 6, "sidecar")]
