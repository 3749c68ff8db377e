"""A large run holds its results compactly (FileResult.compact): the pair-stage blobs and
texts in a temporary file (ecslint.spill), the parsed documents dropped, empty containers
shared. Its reports must not change: the same directory of task definitions, services
(paired by family; a CloudFormation template's by Ref), Auto Scaling and cluster files is
linted held in full and compact, in one process and in the pool, and every report compared."""

from __future__ import annotations

import gc
import json
import pickle

import pytest
from cli_helpers import run
from helpers import settings_for

from ecslint import runner, spill
from ecslint.engine import lint_text

FILES = {
    "td/web.json": """\
{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
 "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "portMappings": [{"containerPort": 8080}]}]}
""",
    "svc/web.json": """\
{"serviceName": "web", "cluster": "main", "taskDefinition": "web", "desiredCount": 1, "launchType": "FARGATE",
 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]}},
 "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef",
                    "containerName": "frontend", "containerPort": 8080}]}
""",
    "td/api.json": """\
{"family": "api", "containerDefinitions": [{"name": "api", "image": "nginx:1.27", "memory": 256,
  "portMappings": [{"containerPort": 8080}]}]}
""",
    # YAML, with text beyond ASCII before its pair finding (kept as UTF-8 in the spill)
    "svc/api.yaml": """\
serviceName: api
cluster: prod
taskDefinition: "api:4"
desiredCount: 2
capacityProviderStrategy:
  - {capacityProvider: FARGATE, weight: 1}
  - {capacityProvider: FARGATE_SPOT, weight: 1}
tags: [{key: owner, value: "équipe café ☕"}]
loadBalancers:
  - {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/0123456789abcdef", containerName: api, containerPort: 9090}
""",
    # two task definitions of one family equally near: not paired, a note for -v
    "a/worker.json": '{"family": "worker", "containerDefinitions": [{"name": "w", "image": "busybox:1.36", "memory": 128}]}\n',
    "b/worker.json": '{"family": "worker", "containerDefinitions": [{"name": "w", "image": "busybox:1.36", "memory": 128}]}\n',
    "svc/worker.json": '{"serviceName": "worker", "taskDefinition": "worker", "desiredCount": 1}\n',
    "scaling/target.json": """\
{"ServiceNamespace": "ecs", "ResourceId": "service/main/web", "ScalableDimension": "ecs:service:DesiredCount",
 "MinCapacity": 2, "MaxCapacity": 6}
""",
    "scaling/policy.json": """\
{"PolicyName": "requests", "ServiceNamespace": "ecs", "ResourceId": "service/main/web",
 "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 1000.0, "DisableScaleIn": true, "ScaleInCooldown": 300,
   "ScaleOutCooldown": 60, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget",
   "ResourceLabel": "app/web/1/targetgroup/web/2"}}}
""",
    "cluster/assoc.json": '{"cluster": "prod", "capacityProviders": ["FARGATE", "workers"]}\n',
    "stack.yaml": """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: stack-web
      ContainerDefinitions:
        - {Name: app, Image: "nginx:1.27", Memory: 256, PortMappings: [{ContainerPort: 80}]}
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      DesiredCount: 1
      LoadBalancers:
        - {TargetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/s/0123456789abcdef", ContainerName: web, ContainerPort: 80}
""",
}

# the cross-document findings: pairs by family (JSON, YAML) and by Ref, the scaling and cluster links
CROSS = [
    ("scaling/target.json", 2, "ECS656", "/MinCapacity"),
    ("stack.yaml", 15, "ECS630", "/Resources/Service/Properties/LoadBalancers/0/ContainerName"),
    ("svc/api.yaml", 7, "ECS645", "/capacityProviderStrategy/1/capacityProvider"),
    ("svc/api.yaml", 10, "ECS630", "/loadBalancers/0/containerPort"),
    ("svc/web.json", 4, "ECS630", "/loadBalancers/0/containerName"),
]
NOTE = ('ecslint: not paired svc/worker.json: 2 task definitions of family "worker" are equally near '
        "(a/worker.json, b/worker.json); the service's cross-document checks are skipped\n")


@pytest.fixture
def tree(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _reports(tree, monkeypatch, compact: bool, jobs: int) -> dict:
    monkeypatch.setattr(runner, "COMPACT_FILES", 0 if compact else 10**9)
    monkeypatch.setattr(runner, "POOL_THRESHOLD", 1)  # forked workers inherit it
    out = {}
    for form in ("json", "sarif", "text"):
        code, stdout, stderr = run(["check", "--config", "/dev/null", "--format", form, "-v", "--jobs", str(jobs), "."],
                                   cwd=tree)
        out[form] = (code, stdout, stderr)
    # --diff: the fix stage gets the results (sent to its pool: a spilled blob goes as bytes) and pairs again
    out["diff"] = run(["check", "--config", "/dev/null", "--diff", "--unsafe-fixes", "--jobs", str(jobs), "."], cwd=tree)
    return out


def test_reports_are_the_same_held_in_full_or_compact_in_one_process_or_the_pool(tree, monkeypatch):
    full = _reports(tree, monkeypatch, compact=False, jobs=1)
    found = [(f["path"], f["line"], f["rule"], f["pointer"]) for f in json.loads(full["json"][1])["findings"]]
    assert [f for f in found if f in CROSS] == CROSS  # the stages under test did find something
    assert NOTE in full["text"][2]
    assert "+++ b/svc/api.yaml" in full["diff"][1]  # the fixes were made
    sarif = json.loads(full["sarif"][1])["runs"][0]["results"]
    api = [r for r in sarif if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "svc/api.yaml"
           and r["ruleId"] == "ECS630"]
    assert [r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in api] == ["containerPort: 9090"]
    for compact, jobs in ((True, 1), (True, 2), (False, 2)):
        assert _reports(tree, monkeypatch, compact, jobs) == full, (compact, jobs)


def test_compact_moves_the_pair_blobs_and_text_to_the_spill_and_shares_empty_values():
    settings = settings_for()
    text = FILES["svc/web.json"].replace('"web", "desiredCount"', '"web\udc80é", "desiredCount"')
    res = lint_text("svc/web.json", text, settings)
    place, documents, _ = res.placed_documents(0, settings)
    before = (place(("loadBalancers", 0)), documents[0].data)
    blob = res.services[0][2]
    assert res.scaling_services[0][1] is blob  # one blob for the pairing and the scaling links
    store = spill.open_spill()
    res.compact(store)
    (index, position, ref, _, _), = res.services
    assert (index, position, type(ref), res.scaling_services[0][1] is ref) == (0, 0, spill.Spilled, True)
    assert spill.load(ref) == pickle.loads(blob)
    assert type(res.text) is spill.Spilled and res.linted_text() == text  # a lone surrogate survives
    assert (res.task_definitions, res.scaling, res.directives, res.cluster_providers) == ((), (), (), ())
    assert len(res.linked_task_definitions) == 0 and "_parsed" not in res.__dict__
    place, documents, _ = res.placed_documents(0, settings)  # parsed again from the spilled text
    assert (place(("loadBalancers", 0)), documents[0].data) == before
    # pickled (a --fix worker gets the result), a reference carries its bytes
    again = pickle.loads(pickle.dumps(res))
    assert (again.services[0][2], again.text) == (blob, text.encode("utf-8", "surrogatepass"))
    assert again.linted_text() == text


def test_a_spill_that_cannot_be_written_keeps_the_blobs_in_memory():
    class Full:
        def write(self, _):
            raise OSError(28, "No space left on device")

    store = spill.Spill(Full())
    assert store.put(b"abc") == b"abc" and store.failed
    res = lint_text("td.json", FILES["td/web.json"], settings_for())
    blob = res.task_definitions[0][1]
    res.compact(store)
    assert res.task_definitions[0][1] is blob and spill.load(blob)["family"] == "web"


def test_a_spill_whose_buffered_writes_fail_later_is_a_clear_error():
    """The 1 MB buffer holds writes back: a disk that fills up fails at the flush before a
    read, which must be one error line (exit 2), never a traceback."""
    from ecslint.model import EcslintError

    class FillsUp:
        def write(self, _):
            return None

        def flush(self):
            raise OSError(28, "No space left on device")

    store = spill.Spill(FillsUp())
    ref = store.put(b"abc")
    assert isinstance(ref, spill.Spilled)
    with pytest.raises(EcslintError, match="No space left on device .TMPDIR names where it is made"):
        ref.read()


def test_compact_without_a_spill_drops_only_the_parsed_documents():
    res = lint_text("svc/web.json", FILES["svc/web.json"], settings_for())
    res.compact(None)
    assert (type(res.services[0][2]), res.text, "_parsed" in res.__dict__) == (bytes, FILES["svc/web.json"], False)


@pytest.mark.parametrize("name", sorted(n for n in FILES if n.endswith(".json")))
def test_linting_leaves_no_reference_cycles(name):
    # A large run collects cycles rarely (cli sets the thresholds high): a cycle made per
    # document (depends-on-cycle's recursive closure was one) is memory kept for most of it.
    # (YAML is left out: ruamel's C loader leaves a cycle of 4 small objects per parse.)
    text = FILES[name]
    if name == "td/web.json":  # containers that depend on each other, in a cycle
        value = json.loads(text)
        value["containerDefinitions"] = [
            {"name": "a", "image": "x:1", "memory": 64, "dependsOn": [{"containerName": "b", "condition": "START"}]},
            {"name": "b", "image": "x:1", "memory": 64, "dependsOn": [{"containerName": "a", "condition": "START"}]}]
        text = json.dumps(value)
    settings = settings_for()
    lint_text(name, text, settings)  # caches filled once
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        res = lint_text(name, text, settings)
        assert res.documents >= 1
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_a_small_run_is_held_in_full():
    assert runner._keeper(runner.COMPACT_FILES - 1) is None
    assert runner._keeper(runner.COMPACT_FILES) is not None


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_json_report_is_dumped_one_finding_at_a_time_as_if_all_at_once(count):
    from ecslint.formatters import json_format
    from ecslint.model import Finding, Region, Severity
    from ecslint.report import Report

    settings = settings_for()
    findings = [Finding(f"d/{i}.json", Region(i + 1, 2, i + 1, 9), "ECS630", "name", Severity.ERROR,
                        f'message "{i}" é\n\t☕', "/a/0", suppressed="why" if i == 1 else None) for i in range(count)]
    report = Report(findings=findings, files=count, documents=count, rules=settings.rules)
    body = {"format_version": json_format.FORMAT_VERSION, "version": report.version,
            "findings": [json_format._finding(f, report) for f in findings], "summary": report.summary()}
    assert json_format.render(report) == json.dumps(body, indent=2, ensure_ascii=False) + "\n"
