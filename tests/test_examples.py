"""The shipped examples: the well-configured Fargate web service must be clean under the
default preset (no error, no warning), and the broken one must show its problems."""

from __future__ import annotations

import os

from helpers import ROOT
from ecslint.config import Config, build_settings
from ecslint.engine import cross_document, discover, lint_file
from ecslint.model import Severity
from ecslint.registry import default_registry

EXAMPLES = os.path.join(ROOT, "examples")


def run(folder, preset="recommended"):
    settings = build_settings(default_registry(), Config(), preset, (), (), None)
    results = [lint_file(p, settings) for p in discover([os.path.join(EXAMPLES, folder)])]
    return settings, results, [f for r in results for f in r.findings] + cross_document(results, settings)


def in_pack_c(rule_id):
    n = int(rule_id[3:])
    return 320 <= n <= 359 or 420 <= n <= 449 or 602 <= n <= 659


def test_fargate_web_has_no_error_or_warning_by_default():
    settings, results, findings = run("fargate-web")
    assert sum(r.documents for r in results) == 2
    assert [(f.rule, f.pointer, f.message) for f in findings if f.severity >= Severity.WARNING] == []


def test_fargate_web_is_paired_and_checked_by_the_cross_document_rules():
    """Guard against a vacuous pass: the pair rules ran and would see a broken reference."""
    import json
    import pickle

    from ecslint.ecs.views import ServiceView, TaskDefinitionView
    from ecslint.engine import check_pair

    settings, results, _ = run("fargate-web")
    service = next(pickle.loads(d) for r in results for _, _, d, _, _ in r.services)
    task = next(pickle.loads(d) for r in results for _, d, _, _ in r.task_definitions)
    assert any(r.id == "ECS630" for r, _, _ in settings.rules.values())
    broken = json.loads(json.dumps(service))
    broken["loadBalancers"][0]["containerName"] = "api"
    assert [rule.id for _, rule, _ in check_pair(ServiceView(broken), TaskDefinitionView(task), settings)] == ["ECS630"]


def test_fargate_web_stays_clean_under_every_rule_of_this_pack():
    """Even the rules that are off by default find nothing to report in the example."""
    _, _, findings = run("fargate-web", preset="all")
    pack = [f for f in findings if in_pack_c(f.rule)]
    assert [(f.rule, f.pointer, f.message) for f in pack] == []


def test_broken_example_fails_with_cross_document_error():
    _, _, findings = run("broken")
    rules = {f.rule for f in findings}
    assert "ECS632" in rules  # networkConfiguration for a bridge task definition


def test_fargate_web_autoscaling_is_clean_by_default_in_every_form():
    _, results, findings = run("fargate-web-autoscaling")
    docs = {os.path.relpath(r.path, EXAMPLES): r.documents for r in results}
    assert docs == {"fargate-web-autoscaling/cli/scalable-target.json": 1,
                    "fargate-web-autoscaling/cli/scaling-policy.json": 1,
                    "fargate-web-autoscaling/cloudformation/template.yaml": 4,
                    "fargate-web-autoscaling/terraform/autoscaling.tf": 2,
                    "fargate-web-autoscaling/terraform/main.tf": 2}
    assert [(f.path, f.rule, f.message) for f in findings if f.severity >= Severity.WARNING] == []


def test_fargate_web_autoscaling_links_its_targets_to_the_service():
    """Guard against a vacuous pass: the linked rules see the service in both forms."""
    from ecslint import inputs
    from ecslint.engine import _terraform_documents
    from ecslint.source import parse

    settings, _, _ = run("fargate-web-autoscaling")
    path = os.path.join(EXAMPLES, "fargate-web-autoscaling", "cloudformation", "template.yaml")
    with open(path, encoding="utf-8") as f:
        docs, _ = inputs.classify(parse(path, f.read(), "yaml").documents[0].value)
    path = os.path.join(EXAMPLES, "fargate-web-autoscaling", "terraform", "autoscaling.tf")
    with open(path, encoding="utf-8") as f:
        docs += _terraform_documents(path, f.read(), settings)[1]
    linked = [(d.kind, d.links.service["desiredCount"], d.links.target is not None) for d in docs if d.links is not None]
    assert linked == [("scalable-target", 3, False), ("scaling-policy", 3, True)] * 2
def test_fargate_stack_is_clean_by_default_in_cloudformation_and_terraform():
    """The web service with its cluster, log group and repository (issue 15), in both forms."""
    settings, results, findings = run("fargate-stack")
    kinds = sorted((os.path.basename(r.path), r.documents) for r in results)
    assert kinds == [("main.tf", 5), ("template.yaml", 5)]
    assert [(f.path, f.rule, f.message) for f in findings if f.severity >= Severity.WARNING] == []


def test_fargate_stack_links_are_checked(tmp_path):
    """Guard against a vacuous pass: without retention and Container Insights, and with a
    scaling minimum above the service's desiredCount, the same files warn."""
    from ecslint.engine import lint_text

    settings, _, _ = run("fargate-stack")
    base = os.path.join(EXAMPLES, "fargate-stack")
    with open(os.path.join(base, "cloudformation", "template.yaml"), encoding="utf-8") as fh:
        cfn = fh.read().replace("      RetentionInDays: 90\n", "").replace("Value: enabled", "Value: disabled").replace(
            "MinCapacity: 2", "MinCapacity: 3")
    with open(os.path.join(base, "terraform", "main.tf"), encoding="utf-8") as fh:
        tf = fh.read().replace("  retention_in_days = 90\n", "").replace('"enabled"', '"disabled"').replace(
            "min_capacity       = 2", "min_capacity       = 3")
    (tmp_path / "main.tf").write_text(tf, encoding="utf-8")
    got = {name: sorted(f.rule for f in lint_text(name, text, settings).findings if f.severity >= Severity.WARNING)
           for name, text in (("template.yaml", cfn), (str(tmp_path / "main.tf"), tf))}
    assert list(got.values()) == [["ECS511", "ECS513", "ECS656"], ["ECS511", "ECS513", "ECS656"]]
