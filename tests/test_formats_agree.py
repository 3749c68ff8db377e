"""The same defects written as ECS JSON, CloudFormation YAML and JSON, and a Terraform plan give
the same findings (rule and message, which name the container and the field)."""

from __future__ import annotations

import json

from hypothesis import given, settings as hsettings, strategies as st

import cfn_reverse
from helpers import settings_for
from ecslint.engine import lint_text

TASK = {
    "family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "bridge", "cpu": "256", "memory": "3072",
    "containerDefinitions": [
        {"name": "app", "image": "nginx:latest", "essential": True,
         "environment": [{"name": "DB_PASSWORD", "value": "hunter2-Pa55word"}]},
        {"name": "sidecar", "image": "busybox", "essential": False,
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1",
                                                                  "awslogs-stream-prefix": "s"}}},
    ],
}
SERVICE = {"serviceName": "api", "taskDefinition": "web", "desiredCount": 2, "launchType": "FARGATE",
           "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"], "assignPublicIp": "DISABLED"}}}
RULES = ["ECS201", "ECS202", "ECS301", "ECS401", "ECS501", "ECS601"]


def as_plan(task, service):
    """The same documents as `terraform show -json` would print them."""
    tf_task = {"family": task["family"], "cpu": task["cpu"], "memory": task["memory"],
               "network_mode": task["networkMode"], "requires_compatibilities": task["requiresCompatibilities"],
               "container_definitions": json.dumps(task["containerDefinitions"])}
    vpc = service["networkConfiguration"]["awsvpcConfiguration"]
    tf_svc = {"name": service["serviceName"], "task_definition": service["taskDefinition"],
              "desired_count": service["desiredCount"], "launch_type": service["launchType"],
              "network_configuration": [{"subnets": vpc["subnets"], "assign_public_ip": False}]}
    res = [{"address": "aws_ecs_task_definition.web", "mode": "managed", "type": "aws_ecs_task_definition",
            "name": "web", "values": tf_task},
           {"address": "aws_ecs_service.api", "mode": "managed", "type": "aws_ecs_service", "name": "api",
            "values": tf_svc}]
    return json.dumps({"format_version": "1.2", "planned_values": {"root_module": {"resources": res}}}, indent=2)


def findings(name, text):
    res = lint_text(name, text, settings_for(RULES))
    return sorted((f.rule, f.message) for f in res.findings)


def test_the_four_forms_agree():
    api = sorted(findings("td.json", json.dumps(TASK)) + findings("svc.json", json.dumps(SERVICE)))
    assert {r for r, _ in api} == set(RULES)  # every representative rule fires once at least
    td_tpl, _ = cfn_reverse.template(TASK, "task-definition")
    svc_tpl, _ = cfn_reverse.template(SERVICE, "service")
    both = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {**td_tpl["Resources"], **svc_tpl["Resources"]}}
    assert findings("t.yaml", cfn_reverse.as_yaml(both)) == api
    assert findings("t.json", cfn_reverse.as_json(both)) == api
    assert findings("plan.json", as_plan(TASK, SERVICE)) == api


def test_cfn_short_form_yaml_agrees():
    text = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilities: [FARGATE]
      NetworkMode: bridge
      Cpu: 256
      Memory: 3072
      ExecutionRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - Name: app
          Image: nginx:latest
          Essential: "true"
          Environment: [{Name: DB_PASSWORD, Value: hunter2-Pa55word}, {Name: REGION, Value: !Ref "AWS::Region"}]
        - Name: sidecar
          Image: busybox
          Essential: "false"
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: !Ref Logs, awslogs-region: !Ref "AWS::Region", awslogs-stream-prefix: s}
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: api
      TaskDefinition: !Ref TaskDef
      DesiredCount: 2
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [subnet-0a1b2c3d], AssignPublicIp: DISABLED}
"""
    api = sorted(findings("td.json", json.dumps(TASK)) + findings("svc.json", json.dumps(SERVICE)))
    assert findings("t.yaml", text) == api


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                         st.sampled_from(["Ref", "Fn::If", "Fn::Sub", "Image", "Name", "Cpu", "Options",
                                          "ContainerDefinitions", "Volumes", "EFSVolumeConfiguration", "x"]),
                         inner, max_size=3), max_leaves=12)


@hsettings(max_examples=60, deadline=None)
@given(props=_json, rtype=st.sampled_from(["AWS::ECS::TaskDefinition", "AWS::ECS::Service"]))
def test_any_cfn_properties_lint_without_error(props, rtype):
    tpl = {"Resources": {"R": {"Type": rtype, "Properties": props}}}
    lint_text("t.json", json.dumps(tpl), settings_for(preset="all"))


@hsettings(max_examples=40, deadline=None)
@given(values=_json, rtype=st.sampled_from(["aws_ecs_task_definition", "aws_ecs_service"]))
def test_any_plan_values_lint_without_error(values, rtype):
    plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
        {"address": f"{rtype}.x", "type": rtype, "values": values}]}},
        "resource_changes": [{"address": f"{rtype}.x", "change": {"after_unknown": values}}]}
    lint_text("plan.json", json.dumps(plan), settings_for(preset="all"))
