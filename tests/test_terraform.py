"""Terraform plan/state JSON: mapping to the API form, unknowns, sensitive values, pointers, links."""

from __future__ import annotations

import json
import os

import pytest

from helpers import ROOT, settings_for, triples
from ecslint import inputs
from ecslint import registry
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.engine import cross_document, lint_file, lint_text
from ecslint.model import Origin, Problem, Template
from ecslint.registry import Rule, default_registry, template

PLAN = os.path.join(ROOT, "fixtures", "files", "terraform-plan.json")
TD0 = "/planned_values/root_module/resources/0/values"
MOD = "/planned_values/root_module/child_modules/0/resources"


def plan():
    with open(PLAN, encoding="utf-8") as fh:
        return json.load(fh)


def test_task_definition_maps_to_api_form():
    web, svc, api = inputs.classify(plan())[0]
    assert (web.kind, web.origin, web.logical_id) == ("task-definition", Origin.TERRAFORM_PLAN, "aws_ecs_task_definition.web")
    data = dict(web.data)
    containers = data.pop("containerDefinitions")
    assert [c["name"] for c in containers] == ["app", "sidecar"]
    assert data == {
        "family": "web", "cpu": "256", "memory": "512", "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"], "executionRoleArn": UNKNOWN, "taskRoleArn": UNKNOWN,
        "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
        "volumes": [{"name": "data", "configuredAtLaunch": False, "efsVolumeConfiguration": {
            "fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/", "transitEncryption": "ENABLED",
            "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}}}],
        "tags": [{"key": "team", "value": "payments"}, {"key": "managed-by", "value": "terraform"}],
    }


def test_service_maps_to_api_form():
    _, svc, _ = inputs.classify(plan())[0]
    assert svc.data == {
        "serviceName": "web", "cluster": "arn:aws:ecs:eu-west-1:123456789012:cluster/main",
        "taskDefinition": UNKNOWN, "desiredCount": 2, "launchType": "FARGATE", "platformVersion": "LATEST",
        "schedulingStrategy": "REPLICA", "enableExecuteCommand": False, "enableECSManagedTags": True,
        "propagateTags": "SERVICE", "healthCheckGracePeriodSeconds": 60, "availabilityZoneRebalancing": "ENABLED",
        "deploymentController": {"type": "ECS"},
        "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/"
                                             "0123456789abcdef", "containerName": "app", "containerPort": 8080}],
        "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100,
                                    "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0aaa1111bbbb2222c"],
                                                         "securityGroups": ["sg-0123456789abcdef0"],
                                                         "assignPublicIp": "DISABLED"}},
        "tags": [{"key": "managed-by", "value": "terraform"}],
    }
    assert svc.task_definition_ref == "module.api.aws_ecs_task_definition.this"


# The rules whose findings these plan tests pin down; the rest are covered by their case files.
CORE_RULES = ["ECS201", "ECS202", "ECS301", "ECS401", "ECS501", "ECS601"]


def test_plan_findings_point_into_the_plan_and_never_echo_secrets():
    res = lint_file(PLAN, settings_for(CORE_RULES, preset="all"))
    got = [(f.rule, f.pointer, f.region.line, f.message) for f in res.findings]
    assert got == [
        ("ECS301", f"{TD0}/container_definitions", 17,
         'container "app": "DB_PASSWORD" looks like a credential and has a literal value; use "secrets" instead'),
        ("ECS401", f"{TD0}/container_definitions", 17, 'container "app" image "123456789012.dkr.ecr.eu-west-1.'
                                                      'amazonaws.com/web:latest" uses the mutable tag "latest"'),
        ("ECS501", f"{TD0}/container_definitions", 17,
         'container "sidecar" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)'),
        ("ECS601", f"{MOD}/0/values/network_configuration/0/subnets", 148,
         'service "web" has 1 subnet, so all its tasks run in one Availability Zone'),
        ("ECS301", f"{MOD}/1/values/container_definitions", 194,
         'container "api": "(sensitive)" looks like a credential and has a literal value; use "secrets" instead'),
    ]
    assert not any("tok-9f8e" in f.message or "API_TOKEN" in f.message for f in res.findings)


def test_unknown_container_definitions_are_not_judged():
    p = plan()
    p["resource_changes"][0]["change"]["after_unknown"]["container_definitions"] = True
    p["planned_values"]["root_module"]["resources"][0]["values"]["container_definitions"] = None
    res = lint_text("plan.json", json.dumps(p, indent=2), settings_for(CORE_RULES, preset="all"))
    assert [f.rule for f in res.findings] == ["ECS601", "ECS301"]  # only the other resources


def test_state_json_values_root():
    p = plan()
    state = {"format_version": "1.0", "terraform_version": "1.9.5", "values": p["planned_values"]}
    res = lint_text("state.json", json.dumps(state), settings_for(["ECS401"]))
    assert triples(res.findings)[0][:2] == ("ECS401", "/values/root_module/resources/0/values/container_definitions")


def _pair_check(svc, td, params, ctx):
    yield Problem(("taskDefinition",), f"runs family {td.family}")


def test_service_pairs_with_the_referenced_task_definition(monkeypatch):
    pair = Template("test-pair", _pair_check, pair=True)
    rule = Rule("ECS999", "test-pair", default_registry().get("ECS601").severity, "service", ("service",),
                "test", "test-pair")
    monkeypatch.setattr(registry, "template", lambda name: pair if name == "test-pair" else template(name))
    settings = settings_for(["ECS401"])
    settings.rules = {"ECS999": (rule, rule.severity, {})}
    results = [lint_file(PLAN, settings)]
    assert [(f.pointer, f.message) for f in cross_document(results, settings)] == [
        (f"{MOD}/0/values/task_definition", "runs family api")]


@pytest.mark.parametrize("mutate", [
    lambda p: p["planned_values"]["root_module"]["resources"][0].update(values=[1]),
    lambda p: p["planned_values"]["root_module"]["resources"][0]["values"].update(container_definitions="[not json"),
    lambda p: p["planned_values"]["root_module"]["resources"][0]["values"].update(volume="x", runtime_platform=[3]),
    lambda p: p["planned_values"].update(root_module=None),
    lambda p: p.update(resource_changes=[1, None], configuration=[]),
])
def test_odd_plans_do_not_crash(mutate):
    p = plan()
    mutate(p)
    lint_text("plan.json", json.dumps(p), settings_for(preset="all"))


def test_service_connect_volume_configuration_and_alarms_are_mapped():
    """The provider's service_connect_configuration, volume_configuration and alarms blocks
    reach the API form (they were dropped, so ECS634/ECS636/ECS610 never saw them)."""
    p = plan()
    svc = p["planned_values"]["root_module"]["child_modules"][0]["resources"][0]["values"]
    svc.update(
        service_connect_configuration=[{"enabled": True, "namespace": "internal", "service": [
            {"port_name": "http", "discovery_name": "web", "ingress_port_override": None,
             "client_alias": [{"port": 80, "dns_name": "web.internal"}]}]}],
        volume_configuration=[{"name": "data", "managed_ebs_volume": [
            {"role_arn": "arn:aws:iam::123456789012:role/ebs", "size_in_gb": 20, "encrypted": True}]}],
        alarms=[{"alarm_names": ["web-5xx"], "enable": True, "rollback": False}])
    _, svc_doc, _ = inputs.classify(p)[0]
    assert svc_doc.data["serviceConnectConfiguration"] == {"enabled": True, "namespace": "internal", "services": [
        {"portName": "http", "discoveryName": "web", "clientAliases": [{"port": 80, "dnsName": "web.internal"}]}]}
    assert svc_doc.data["volumeConfigurations"] == [{"name": "data", "managedEBSVolume": {
        "roleArn": "arn:aws:iam::123456789012:role/ebs", "sizeInGiB": 20, "encrypted": True}}]
    assert svc_doc.data["deploymentConfiguration"]["alarms"] == {"alarmNames": ["web-5xx"], "enable": True,
                                                                 "rollback": False}
    assert svc_doc.to_source(("deploymentConfiguration", "alarms", "enable")) == (
        "planned_values", "root_module", "child_modules", 0, "resources", 0, "values", "alarms", 0, "enable")
    assert svc_doc.to_source(("serviceConnectConfiguration", "services", 0, "portName")) == (
        "planned_values", "root_module", "child_modules", 0, "resources", 0, "values",
        "service_connect_configuration", 0, "service", 0, "port_name")
