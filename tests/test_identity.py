"""Stable identities (ecslint.identity): list elements by name, the document by its logical id
or address, the index only where no name is known; the same for every input kind."""

from __future__ import annotations

import json

import pytest

from helpers import settings_for
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.engine import lint_text
from ecslint.identity import stable_pointer

TASK = {"containerDefinitions": [{
    "name": "app",
    "environment": [{"name": "DB_PASSWORD"}],
    "secrets": [{"name": "TOKEN"}],
    "ulimits": [{"name": "nofile"}],
    "extraHosts": [{"hostname": "db.local"}],
    "systemControls": [{"namespace": "net.core.somaxconn"}],
    "portMappings": [{"name": "http", "containerPort": 80}, {"containerPort": 443, "protocol": "tcp"},
                     {"containerPort": 8080}, {}],
    "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}, {"containerPath": "/tmp"}],
    "dockerLabels": {"team": "web"},
}, {"name": UNKNOWN}, {"name": {"Ref": "Name"}}, {"name": "${APP}"}, {"image": "x"}, "not an object"],
    "volumes": [{"name": "data"}],
    "tags": [{"key": "env"}],
    "placementConstraints": [{"type": "memberOf"}]}


@pytest.mark.parametrize("tokens, expected", [
    (("containerDefinitions", 0, "image"), "/containerDefinitions/name=app/image"),
    (("containerDefinitions", 0, "environment", 0, "value"), "/containerDefinitions/name=app/environment/name=DB_PASSWORD/value"),
    (("containerDefinitions", 0, "secrets", 0), "/containerDefinitions/name=app/secrets/name=TOKEN"),
    (("containerDefinitions", 0, "ulimits", 0), "/containerDefinitions/name=app/ulimits/name=nofile"),
    (("containerDefinitions", 0, "extraHosts", 0), "/containerDefinitions/name=app/extraHosts/hostname=db.local"),
    (("containerDefinitions", 0, "systemControls", 0),
     "/containerDefinitions/name=app/systemControls/namespace=net.core.somaxconn"),
    (("containerDefinitions", 0, "portMappings", 0), "/containerDefinitions/name=app/portMappings/name=http"),
    (("containerDefinitions", 0, "portMappings", 1), "/containerDefinitions/name=app/portMappings/containerPort=443,protocol=tcp"),
    (("containerDefinitions", 0, "portMappings", 2), "/containerDefinitions/name=app/portMappings/containerPort=8080"),
    (("containerDefinitions", 0, "portMappings", 3), "/containerDefinitions/name=app/portMappings/3"),
    (("containerDefinitions", 0, "mountPoints", 0),
     "/containerDefinitions/name=app/mountPoints/sourceVolume=data,containerPath=~1data"),
    (("containerDefinitions", 0, "mountPoints", 1), "/containerDefinitions/name=app/mountPoints/1"),
    (("containerDefinitions", 0, "dockerLabels", "team"), "/containerDefinitions/name=app/dockerLabels/team"),
    (("containerDefinitions", 1, "image"), "/containerDefinitions/1/image"),  # known only after apply
    (("containerDefinitions", 2), "/containerDefinitions/2"),  # an intrinsic function
    (("containerDefinitions", 3), "/containerDefinitions/3"),  # a placeholder a deploy tool fills in
    (("containerDefinitions", 4), "/containerDefinitions/4"),  # no name
    (("containerDefinitions", 5), "/containerDefinitions/5"),
    (("containerDefinitions", 9, "image"), "/containerDefinitions/9/image"),  # past the end
    (("volumes", 0, "efsVolumeConfiguration"), "/volumes/name=data/efsVolumeConfiguration"),
    (("tags", 0), "/tags/key=env"),
    (("placementConstraints", 0), "/placementConstraints/0"),  # no name: by position
    ((), ""),
])
def test_stable_pointer(tokens, expected):
    assert stable_pointer(TASK, tokens) == expected


def _identities(name, text):
    return [(f.pointer, f.identity) for f in lint_text(name, text, settings_for(["ECS401"])).findings]


def test_ecs_json_and_yaml_have_no_document_identity():
    td = {"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx"}, {"name": "b", "image": "nginx"}]}
    expected = [("/containerDefinitions/0/image", "#/containerDefinitions/name=a/image"),
                ("/containerDefinitions/1/image", "#/containerDefinitions/name=b/image")]
    assert _identities("td.json", json.dumps(td)) == expected
    yaml = "family: web\ncontainerDefinitions:\n  - {name: a, image: nginx}\n  - {name: b, image: nginx}\n"
    assert _identities("td.yaml", yaml) == expected
    # describe-task-definition output: the same identity as the register input
    assert _identities("d.json", json.dumps({"taskDefinition": td})) == [
        ("/taskDefinition/containerDefinitions/0/image", "#/containerDefinitions/name=a/image"),
        ("/taskDefinition/containerDefinitions/1/image", "#/containerDefinitions/name=b/image")]


def test_cloudformation_resource_by_logical_id():
    template = {"Resources": {"Web": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
        "ContainerDefinitions": [{"Name": {"Ref": "Name"}, "Image": "nginx"}, {"Name": "app", "Image": "nginx"}]}}}}
    assert _identities("t.json", json.dumps(template)) == [
        ("/Resources/Web/Properties/ContainerDefinitions/0/Image", "Web#/containerDefinitions/0/image"),
        ("/Resources/Web/Properties/ContainerDefinitions/1/Image", "Web#/containerDefinitions/name=app/image")]


def test_terraform_plan_resource_by_address_inside_the_container_definitions_string():
    containers = json.dumps([{"name": "side", "image": "busybox"}, {"name": "app", "image": "nginx"}])
    plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [{
        "address": "aws_ecs_task_definition.web", "mode": "managed", "type": "aws_ecs_task_definition",
        "name": "web", "values": {"family": "web", "container_definitions": containers}}]}}}
    where = "/planned_values/root_module/resources/0/values/container_definitions"
    assert _identities("plan.json", json.dumps(plan)) == [
        (where, "aws_ecs_task_definition.web#/containerDefinitions/name=app/image"),  # sorted by message
        (where, "aws_ecs_task_definition.web#/containerDefinitions/name=side/image")]


def test_terraform_hcl_resource_by_address():
    tf = ('resource "aws_ecs_task_definition" "web" {\n  family = "web"\n  container_definitions = jsonencode([\n'
          '    { name = "side", image = "busybox" },\n    { name = "app", image = "nginx" },\n  ])\n}\n')
    assert _identities("main.tf", tf) == [
        ("/aws_ecs_task_definition.web/container_definitions/0/image",
         "aws_ecs_task_definition.web#/containerDefinitions/name=side/image"),
        ("/aws_ecs_task_definition.web/container_definitions/1/image",
         "aws_ecs_task_definition.web#/containerDefinitions/name=app/image")]


def test_findings_outside_a_document_have_none():
    findings = lint_text("td.json", '{"family": "web", "containerDefinitions": [', settings_for(["ECS001"])).findings
    assert [(f.rule, f.identity) for f in findings] == [("ECS001", None)]
