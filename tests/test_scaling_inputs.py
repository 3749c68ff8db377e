"""Application Auto Scaling input kinds: CLI input, CloudFormation, Terraform plan and HCL map
scalable targets and scaling policies for ECS to the API form, skip other namespaces quietly,
and link each target to its service and each policy to its target within one file."""

from __future__ import annotations

import json
import os

from helpers import settings_for
from ecslint import inputs
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.engine import _terraform_documents, lint_text
from ecslint.model import SCALABLE_TARGET, SCALING_POLICY, Origin
from ecslint.source import parse

TARGET = {"ServiceNamespace": "ecs", "ResourceId": "service/main/web", "ScalableDimension": "ecs:service:DesiredCount",
          "MinCapacity": 2, "MaxCapacity": 6}
POLICY = {"PolicyName": "cpu", "ServiceNamespace": "ecs", "ResourceId": "service/main/web",
          "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": {
              "TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}


def _classify(text: str, name="t.yaml"):
    return inputs.classify(parse(name, text, "auto").documents[0].value)


def test_cli_input_is_a_target_or_a_policy():
    docs, _ = inputs.classify(TARGET)
    assert [(d.kind, d.origin, d.label, d.schema) for d in docs] == [
        (SCALABLE_TARGET, Origin.REGISTER, 'scalable target "service/main/web"', "register-scalable-target")]
    docs, _ = inputs.classify(POLICY)
    assert [(d.kind, d.label, d.schema) for d in docs] == [(SCALING_POLICY, 'scaling policy "cpu"', "put-scaling-policy")]
    assert docs[0].links is None  # a lone file links nothing: the linked rules stay quiet


def test_cli_input_for_another_namespace_is_skipped_quietly():
    value = {"ServiceNamespace": "dynamodb", "ResourceId": "table/t", "ScalableDimension": "dynamodb:table:ReadCapacityUnits"}
    assert inputs.classify(value) == ([], 'Application Auto Scaling input for the "dynamodb" namespace, not ECS')
    res = lint_text("t.json", json.dumps(value), settings_for())
    assert (res.documents, res.findings) == (0, [])


def test_cli_input_is_validated_against_the_generated_schema():
    res = lint_text("t.json", json.dumps({**TARGET, "MinCapacity": "two", "Extra": 1}), settings_for(["ECS101", "ECS103"]))
    assert sorted((f.rule, f.pointer, f.message) for f in res.findings) == [
        ("ECS101", "/Extra", 'unknown field "Extra" in the scalable target'),
        ("ECS103", "/MinCapacity", '"MinCapacity" must be an integer, not a string')]


CFN = """\
Resources:
  Svc:
    Type: AWS::ECS::Service
    Properties: {Cluster: main, TaskDefinition: "web:1", DesiredCount: 2}
  Target:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: ecs
      ScalableDimension: ecs:service:DesiredCount
      ResourceId: !Join ["/", [service, main, !GetAtt Svc.Name]]
      MinCapacity: "2"
      MaxCapacity: 6
      Tags: [{Key: team, Value: web}]
  Cpu:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties:
      PolicyName: cpu
      PolicyType: TargetTrackingScaling
      ScalingTargetId: !Ref Target
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 70
        PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}
  Table:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties: {ServiceNamespace: dynamodb, ScalableDimension: "dynamodb:table:ReadCapacityUnits", ResourceId: table/t,
                 MinCapacity: 1, MaxCapacity: 2}
  TablePolicy:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties: {PolicyName: t, PolicyType: TargetTrackingScaling, ScalingTargetId: !Ref Table}
"""


def test_cloudformation_resources_map_and_link():
    docs, _ = _classify(CFN)
    svc, target, policy = docs  # the DynamoDB target and its policy are not ours to judge
    assert target.data == {"ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
                           "ResourceId": UNKNOWN, "MinCapacity": 2, "MaxCapacity": 6}
    assert target.to_source(("MinCapacity",)) == ("Resources", "Target", "Properties", "MinCapacity")
    assert (target.scaling_refs, target.links.service) == ({"service": "Svc"}, svc.data)
    assert policy.scaling_refs == {"target": "Target", "names_target_in": "ScalingTargetId"}
    assert (policy.links.target, policy.links.service, policy.links.registered) == (target.data, svc.data, True)
    assert {"ServiceNamespace", "ResourceId", "ScalableDimension"} <= policy.not_required
    res = lint_text("t.yaml", CFN, settings_for(["ECS101", "ECS102"]))
    assert (res.documents, res.findings) == (3, [])  # no "missing ResourceId" beside ScalingTargetId


def test_cloudformation_policy_naming_a_missing_or_outside_target():
    text = CFN.replace("ScalingTargetId: !Ref Target", "ScalingTargetId: !Ref Svc")
    policy = _classify(text)[0][2]
    assert (policy.links.target, policy.links.registered) == (None, False)
    text = CFN.replace("ScalingTargetId: !Ref Target", "ScalingTargetId: !ImportValue web-target")
    policy = _classify(text)[0][2]
    assert (policy.scaling_refs, policy.links.registered) == (
        {"external": True, "names_target_in": "ScalingTargetId"}, None)


def test_cloudformation_template_with_only_scaling_for_another_namespace_is_skipped():
    text = "Resources:\n  Table:\n" + CFN.split("  Table:\n", 1)[1]
    res = lint_text("t.yaml", text, settings_for())
    assert (res.documents, res.skipped) == (0, "a CloudFormation template without ECS resources")


def _plan(resources, config_resources):
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}},
            "configuration": {"root_module": {"resources": config_resources}}}


def test_terraform_plan_maps_links_and_defaults_the_policy_type():
    plan = _plan([
        {"address": "aws_ecs_service.web", "mode": "managed", "type": "aws_ecs_service", "name": "web",
         "values": {"name": "web", "cluster": "arn:aws:ecs:us-east-1:1:cluster/main", "desired_count": 2}},
        {"address": "aws_appautoscaling_target.web", "mode": "managed", "type": "aws_appautoscaling_target",
         "name": "web", "values": {"service_namespace": "ecs", "resource_id": "service/main/web",
                                   "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 1,
                                   "max_capacity": 4, "role_arn": "", "tags": {}}},
        {"address": "aws_appautoscaling_policy.steps", "mode": "managed", "type": "aws_appautoscaling_policy",
         "name": "steps", "values": {"name": "steps", "service_namespace": "ecs", "resource_id": "service/main/web",
                                     "scalable_dimension": "ecs:service:DesiredCount", "policy_type": None,
                                     "step_scaling_policy_configuration": [{
                                         "adjustment_type": "ChangeInCapacity", "cooldown": 60,
                                         "step_adjustment": [{"metric_interval_lower_bound": "0",
                                                              "scaling_adjustment": 1}]}]}},
        {"address": "aws_appautoscaling_target.table", "mode": "managed", "type": "aws_appautoscaling_target",
         "name": "table", "values": {"service_namespace": "dynamodb", "resource_id": "table/t",
                                     "scalable_dimension": "dynamodb:table:ReadCapacityUnits"}},
    ], [{"address": "aws_appautoscaling_policy.steps", "type": "aws_appautoscaling_policy",
         "expressions": {"resource_id": {"references": ["aws_appautoscaling_target.web.resource_id",
                                                        "aws_appautoscaling_target.web"]}}}])
    docs, _ = inputs.classify(plan)
    svc, target, policy = docs
    assert target.data == {"ServiceNamespace": "ecs", "ResourceId": "service/main/web",
                           "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 4}
    assert policy.data["PolicyType"] == "StepScaling"  # the provider's default
    assert policy.data["StepScalingPolicyConfiguration"] == {
        "AdjustmentType": "ChangeInCapacity", "Cooldown": 60,
        "StepAdjustments": [{"MetricIntervalLowerBound": "0", "ScalingAdjustment": 1}]}
    assert target.links.service is svc.data  # by the literal ResourceId: cluster ARN's name, service name
    assert (policy.scaling_refs, policy.links.target, policy.links.registered) == (
        {"target": "aws_appautoscaling_target.web"}, target.data, True)
    assert target.to_source(("MaxCapacity",)) == ("planned_values", "root_module", "resources", 1, "values", "max_capacity")


HCL = """\
resource "aws_ecs_service" "web" {
  name          = "web"
  cluster       = aws_ecs_cluster.main.id
  desired_count = 2
}
resource "aws_appautoscaling_policy" "cpu" {
  name               = "cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.web.service_namespace
  scalable_dimension = aws_appautoscaling_target.web.scalable_dimension
  resource_id        = aws_appautoscaling_target.web.resource_id
  target_tracking_scaling_policy_configuration {
    target_value       = "70"
    disable_scale_in   = "false"
    scale_in_cooldown  = 300
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
"""
HCL_TARGET = """\
resource "aws_appautoscaling_target" "web" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.web.name}"
  min_capacity       = 2
  max_capacity       = 6
}
"""


def test_terraform_hcl_maps_and_links_across_the_module(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(HCL)
    (tmp_path / "scaling.tf").write_text(HCL_TARGET)
    settings = settings_for()
    _, docs, *_ = _terraform_documents(str(tmp_path / "main.tf"), HCL, settings)
    svc, policy = docs
    assert policy.data == {"ServiceNamespace": UNKNOWN, "ResourceId": UNKNOWN, "ScalableDimension": UNKNOWN,
                           "PolicyName": "cpu", "PolicyType": "TargetTrackingScaling",
                           "TargetTrackingScalingPolicyConfiguration": {
                               "TargetValue": 70, "DisableScaleIn": False, "ScaleInCooldown": 300,
                               "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}
    assert policy.links.target["MinCapacity"] == 2 and policy.links.registered is True  # from scaling.tf
    assert policy.links.service == svc.data
    _, docs, *_ = _terraform_documents(str(tmp_path / "scaling.tf"), HCL_TARGET, settings)
    target, = docs
    assert target.scaling_refs == {"service": "aws_ecs_service.web"}
    assert target.links.service["serviceName"] == "web"  # the service of main.tf
    res = lint_text(str(tmp_path / "scaling.tf"), HCL_TARGET, settings_for(["ECS101", "ECS102", "ECS103"]))
    assert (res.documents, res.findings) == (1, [])


LINKED_HCL = """\
resource "aws_ecs_service" "web" {
  name          = "web"
  cluster       = "main"
  desired_count = 1
}
resource "aws_appautoscaling_target" "web" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/main/${aws_ecs_service.web.name}"
  min_capacity       = 2
  max_capacity       = 6
}
resource "aws_appautoscaling_policy" "requests" {
  name               = "requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = aws_appautoscaling_target.web.resource_id
  target_tracking_scaling_policy_configuration {
    target_value       = 1000
    disable_scale_in   = true
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "app/web/1/targetgroup/web/2"
    }
  }
}
resource "aws_appautoscaling_policy" "orphan" {
  name               = "orphan"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = aws_appautoscaling_target.other.resource_id
  target_tracking_scaling_policy_configuration {
    target_value       = 70
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
"""
LINKED_RULES = ["ECS656", "ECS658", "ECS660", "ECS661"]


def test_linked_rules_in_a_terraform_module(tmp_path):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "main.tf"
    path.write_text(LINKED_HCL)
    res = lint_text(str(path), LINKED_HCL, settings_for(LINKED_RULES))
    assert [(f.region.line, f.rule, f.pointer, f.message) for f in res.findings] == [
        (10, "ECS656", "/aws_appautoscaling_target.web/min_capacity",
         "scalable target \"aws_appautoscaling_target.web\" has MinCapacity 2, above its service's "
         "desiredCount 1: registering the target scales the service out at once"),
        (21, "ECS660", "/aws_appautoscaling_policy.requests/target_tracking_scaling_policy_configuration/0/disable_scale_in",
         'scaling policy "requests" disables scale-in, and no other policy on its scalable target scales in: the '
         "service never shrinks after a peak"),
        (25, "ECS658", "/aws_appautoscaling_policy.requests/target_tracking_scaling_policy_configuration/0/"
                       "predefined_metric_specification/0/predefined_metric_type",
         'scaling policy "requests" tracks ALBRequestCountPerTarget, but its service has no load balancer: there '
         "are no requests to count"),
        (35, "ECS661", "/aws_appautoscaling_policy.orphan/resource_id",
         'scaling policy "orphan" names a scalable target that this template or module does not register; '
         "PutScalingPolicy fails until the target exists")]


def test_linked_rules_in_a_terraform_plan():
    plan = _plan([
        {"address": "aws_ecs_service.web", "mode": "managed", "type": "aws_ecs_service", "name": "web",
         "values": {"name": "web", "cluster": "arn:aws:ecs:us-east-1:1:cluster/main", "desired_count": 9}},
        {"address": "aws_appautoscaling_target.web", "mode": "managed", "type": "aws_appautoscaling_target",
         "name": "web", "values": {"service_namespace": "ecs", "resource_id": "service/main/web",
                                   "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 2,
                                   "max_capacity": 6}},
        {"address": "aws_appautoscaling_policy.lost", "mode": "managed", "type": "aws_appautoscaling_policy",
         "name": "lost", "values": {"name": "lost", "service_namespace": "ecs", "resource_id": "service/main/api",
                                    "scalable_dimension": "ecs:service:DesiredCount",
                                    "policy_type": "TargetTrackingScaling",
                                    "target_tracking_scaling_policy_configuration": [{
                                        "target_value": 70, "scale_in_cooldown": 300, "scale_out_cooldown": 60,
                                        "predefined_metric_specification": [{
                                            "predefined_metric_type": "ECSServiceAverageCPUUtilization"}]}]}},
    ], [])
    res = lint_text("plan.json", json.dumps(plan), settings_for(LINKED_RULES))
    assert [(f.rule, f.pointer, f.message) for f in res.findings] == [
        ("ECS656", "/planned_values/root_module/resources/1/values/max_capacity",
         "scalable target \"service/main/web\" has MaxCapacity 6, below its service's desiredCount 9: registering "
         "the target scales the service in at once"),
        ("ECS661", "/planned_values/root_module/resources/2/values/resource_id",
         'scaling policy "lost" names a scalable target that this template or module does not register; '
         "PutScalingPolicy fails until the target exists")]


def test_cli_input_files_are_linked_by_resource_id_in_one_run(tmp_path):
    from ecslint.runner import run

    service = {"serviceName": "web", "cluster": "main", "taskDefinition": "web", "desiredCount": 1}
    policy = {**POLICY, "PolicyName": "requests", "TargetTrackingScalingPolicyConfiguration": {
        "TargetValue": 1000.0, "DisableScaleIn": True, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
        "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget",
                                          "ResourceLabel": "app/web/1/targetgroup/web/2"}}}
    for name, value in (("service.json", service), ("target.json", TARGET), ("policy.json", policy)):
        (tmp_path / name).write_text(json.dumps(value, indent=2))
    rules = ["ECS654", "ECS656", "ECS658", "ECS660", "ECS661"]
    _, findings, _ = run([str(tmp_path)], settings_for(rules), jobs=1)
    assert [(os.path.basename(f.path), f.region.line, f.rule, f.message) for f in findings] == [
        ("policy.json", 13, "ECS658", 'scaling policy "requests" tracks ALBRequestCountPerTarget, but its service has '
                                      "no load balancer: there are no requests to count"),
        ("target.json", 5, "ECS656", "scalable target \"service/main/web\" has MinCapacity 2, above its service's "
                                     "desiredCount 1: registering the target scales the service out at once")]
    (tmp_path / "service.json").unlink()  # alone, the policy has nothing to be judged against
    _, findings, _ = run([str(tmp_path)], settings_for(rules), jobs=1)
    assert findings == []


def test_a_resource_id_built_from_variables_may_name_another_modules_target(tmp_path):
    (tmp_path / ".git").mkdir()
    text = LINKED_HCL.split('resource "aws_appautoscaling_policy" "orphan"')[1].replace(
        "aws_appautoscaling_target.other.resource_id", '"service/${var.cluster}/web"')
    text = 'variable "cluster" {}\nresource "aws_appautoscaling_policy" "orphan"' + text
    (tmp_path / "main.tf").write_text(text)
    res = lint_text(str(tmp_path / "main.tf"), text, settings_for(LINKED_RULES))
    assert (res.documents, res.findings) == (1, [])


def test_a_resource_type_that_is_not_a_string_is_no_resource():
    text = CFN.replace("Type: AWS::ApplicationAutoScaling::ScalingPolicy", 'Type: ["AWS::ApplicationAutoScaling::ScalingPolicy"]')
    docs, _ = _classify(text)
    assert [d.kind for d in docs] == ["service", "scalable-target"]
