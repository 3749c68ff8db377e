"""CloudFormation templates: mapping to the API form, unknowns, pointers, links, suppressions."""

from __future__ import annotations

import glob
import json
import os

import pytest

from helpers import ROOT, SHARED, lint_value, settings_for, triples
from ecslint import inputs
from ecslint import registry
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.engine import cross_document, lint_file, lint_text
from ecslint.model import Origin, Problem, Template
from ecslint.registry import Rule, default_registry, template
from ecslint.source import parse

FIXTURE = os.path.join(ROOT, "fixtures", "files", "cfn-web.yaml")
SCHEMA_RULES = ["ECS101", "ECS102", "ECS103", "ECS104", "ECS105"]
TD = "/Resources/TaskDef/Properties"


def docs_of(text, fmt="yaml"):
    src = parse(f"t.{fmt}", text, fmt)
    assert src.error is None
    docs, reason = inputs.classify(src.documents[0].value)
    return docs, reason


def fixture_docs():
    with open(FIXTURE, encoding="utf-8") as fh:
        return docs_of(fh.read())[0]


def test_task_definition_maps_to_api_form():
    td, svc = fixture_docs()
    assert (td.kind, td.origin, td.logical_id, td.label) == ("task-definition", Origin.CLOUDFORMATION, "TaskDef",
                                                             'task definition "web"')
    app, sidecar = td.data["containerDefinitions"]
    assert td.data["cpu"] == "256" and td.data["memory"] == "512"  # number → string field
    assert app["memory"] == 256 and app["essential"] is True  # "256" → int, "true" → bool
    assert app["portMappings"] == [{"containerPort": 8080}]
    assert app["image"] is UNKNOWN and td.data["executionRoleArn"] is UNKNOWN
    # User-keyed maps keep their keys; intrinsics inside them are unknown.
    assert app["dockerLabels"] == {"Team": "payments", "com.example.Owner": "web"}
    assert app["logConfiguration"] == {"logDriver": "awslogs", "options": {
        "awslogs-group": UNKNOWN, "awslogs-region": UNKNOWN, "awslogs-stream-prefix": "web"}}
    # Fn::If: differing branches → unknown; a NoValue list item → unknown item.
    assert app["environment"] == [{"name": "MODE", "value": UNKNOWN}, UNKNOWN]
    assert td.data["taskRoleArn"] is UNKNOWN  # one branch removes it, the other sets it
    assert "pidMode" not in td.data  # both branches AWS::NoValue: removed
    assert td.data["proxyConfiguration"] is UNKNOWN
    assert sidecar["mountPoints"] == [{"sourceVolume": "data", "containerPath": "/data", "readOnly": True}]
    assert td.data["volumes"] == [{"name": "data", "efsVolumeConfiguration": {
        "fileSystemId": UNKNOWN, "transitEncryption": "ENABLED",
        "authorizationConfig": {"iam": "ENABLED", "accessPointId": UNKNOWN}}}]
    assert td.data["tags"] == [{"key": "team", "value": "payments"}]
    assert "TaskDefinitionArn" not in td.data and "taskDefinitionArn" not in td.data
    assert td.suppressions == [("ECS501", "the sidecar logs to stdout of the host on purpose")]


def test_service_maps_to_api_form():
    _, svc = fixture_docs()
    assert svc.data == {
        "serviceName": "web", "cluster": UNKNOWN, "taskDefinition": UNKNOWN, "desiredCount": 2,
        "launchType": "FARGATE",
        "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
        "networkConfiguration": {"awsvpcConfiguration": {
            "assignPublicIp": "DISABLED", "subnets": ["SubnetA", "SubnetB"], "securityGroups": [UNKNOWN]}},
        "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100},
        "enableExecuteCommand": False,
    }
    assert svc.task_definition_ref == "TaskDef"
    assert svc.subnet_azs == {"SubnetA": "eu-west-1a", "SubnetB": "eu-west-1a"}


def test_renames_acronyms_and_user_keys():
    text = """
Resources:
  T:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          FirelensConfiguration: {Type: fluentbit, Options: {Name: cloudwatch, enable-ecs-log-metadata: "true"}}
      ProxyConfiguration:
        Type: APPMESH
        ContainerName: envoy
        ProxyConfigurationProperties: [{Name: IgnoredUID, Value: "1337"}]
      Volumes:
        - Name: win
          FSxWindowsFileServerVolumeConfiguration: {FileSystemId: fs-1, RootDirectory: share,
            AuthorizationConfig: {CredentialsParameter: arn, Domain: corp}}
        - Name: docker
          DockerVolumeConfiguration: {Driver: local, DriverOpts: {Type: nfs}, Labels: {Tier: db}}
"""
    (td,), _ = docs_of(text)
    assert td.data["containerDefinitions"][0]["firelensConfiguration"] == {
        "type": "fluentbit", "options": {"Name": "cloudwatch", "enable-ecs-log-metadata": "true"}}
    assert td.data["proxyConfiguration"] == {"type": "APPMESH", "containerName": "envoy",
                                             "properties": [{"name": "IgnoredUID", "value": "1337"}]}
    assert td.data["volumes"][0]["fsxWindowsFileServerVolumeConfiguration"] == {
        "fileSystemId": "fs-1", "rootDirectory": "share",
        "authorizationConfig": {"credentialsParameter": "arn", "domain": "corp"}}
    assert td.data["volumes"][1]["dockerVolumeConfiguration"] == {
        "driver": "local", "driverOpts": {"Type": "nfs"}, "labels": {"Tier": "db"}}
    assert triples(lint_value(text, SCHEMA_RULES, fmt="yaml")) == []


def test_template_is_schema_clean_without_family_or_service_name():
    text = """
Resources:
  T: {Type: AWS::ECS::TaskDefinition, Properties: {ContainerDefinitions: [{Name: a, Image: !Ref Img, Memory: !Ref Mem}]}}
  S:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref T
      DesiredCount: !Ref Count
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: !Ref Subnets}}
      LoadBalancers: [!If [HasLb, {ContainerName: a, ContainerPort: 80, TargetGroupArn: !Ref Tg}, !Ref "AWS::NoValue"]]
"""
    assert triples(lint_value(text, SCHEMA_RULES, fmt="yaml")) == []


def test_schema_errors_still_found_and_placed_in_the_template():
    text = """
Resources:
  T:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      NetworkMode: !Ref Mode
      ContainerDefinitions:
        - {Name: a, Image: !Ref Img, Cpu: lots, Essentiall: true}
"""
    got = sorted(triples(lint_value(text, SCHEMA_RULES, fmt="yaml")))
    assert got == [
        ("ECS101", "/Resources/T/Properties/ContainerDefinitions/0/Essentiall",
         'unknown field "Essentiall" at /containerDefinitions/0; did you mean "essential"?'),
        ("ECS103", "/Resources/T/Properties/ContainerDefinitions/0/Cpu", '"cpu" must be an integer, not a string'),
    ]


def test_findings_point_at_the_users_lines():
    settings = settings_for(["ECS401", "ECS501", "ECS601"])
    res = lint_file(FIXTURE, settings)
    got = [(f.rule, f.pointer, f.region.line, f.suppressed) for f in res.findings]
    assert got == [
        ("ECS501", f"{TD}/ContainerDefinitions/1", 57, "the sidecar logs to stdout of the host on purpose"),
        ("ECS401", f"{TD}/ContainerDefinitions/1/Image", 58, None),
        ("ECS601", "/Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/Subnets", 90, None),
    ]
    assert res.findings[2].message == 'service "web" has 2 subnets, all in Availability Zone eu-west-1a'


@pytest.mark.parametrize("image,fires", [("!If [C, 'nginx:latest', 'nginx:latest']", True),
                                         ("!If [C, 'nginx:latest', 'nginx:1.27']", False),
                                         ("!Sub 'nginx:${Tag}'", False), ("!Ref Image", False)])
def test_values_behind_intrinsics_are_not_judged(image, fires):
    text = f"Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n" \
           f"      ContainerDefinitions:\n        - Name: app\n          Image: {image}\n"
    got = triples(lint_value(text, ["ECS401"], fmt="yaml"))
    want = [("ECS401", "/Resources/T/Properties/ContainerDefinitions/0/Image",
             'container "app" image "nginx:latest" uses the mutable tag "latest"')] if fires else []
    assert got == want


def _subnet_template(idx_a, idx_b):
    return {"Resources": {
        "A": {"Type": "AWS::EC2::Subnet", "Properties": {"AvailabilityZone": {"Fn::Select": [idx_a, {"Fn::GetAZs": ""}]}}},
        "B": {"Type": "AWS::EC2::Subnet", "Properties": {"AvailabilityZone": {"Fn::Select": [idx_b, {"Fn::GetAZs": ""}]}}},
        "S": {"Type": "AWS::ECS::Service", "Properties": {"ServiceName": "api", "TaskDefinition": "api",
              "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": [{"Ref": "A"}, {"Ref": "B"}]}}}}}}


def test_subnets_resolved_through_the_template():
    assert triples(lint_value(_subnet_template(0, 1), ["ECS601"])) == []
    assert triples(lint_value(_subnet_template(0, 0), ["ECS601"])) == [
        ("ECS601", "/Resources/S/Properties/NetworkConfiguration/AwsvpcConfiguration/Subnets",
         'service "api" has 2 subnets, all in Availability Zone number 1 of the region (Fn::GetAZs)')]
    # The config's subnet map is not consulted for the template's own subnets by mistake.
    assert triples(lint_value(_subnet_template(0, 1), ["ECS601"], subnet_azs={"X": "eu-west-1a"})) == []


def _pair_check(svc, td, params, ctx):
    yield Problem(("taskDefinition",), f'runs family {td.family} with {len(list(td.containers()))} containers')


def test_service_pairs_with_the_task_definition_it_references(monkeypatch, tmp_path):
    pair = Template("test-pair", _pair_check, pair=True)
    rule = Rule("ECS999", "test-pair", default_registry().get("ECS601").severity, "service", ("service",),
                "test", "test-pair")
    monkeypatch.setattr(registry, "template", lambda name: pair if name == "test-pair" else template(name))
    settings = settings_for(["ECS401"])
    settings.rules = {"ECS999": (rule, rule.severity, {})}
    # Two templates define family "web"; each service must pair with the resource it references.
    one = {"Resources": {
        "Td": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "web", "ContainerDefinitions": [
            {"Name": "a", "Image": "x:1"}]}},
        "Other": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "other", "ContainerDefinitions": []}},
        "Svc": {"Type": "AWS::ECS::Service", "Properties": {"ServiceName": "s", "TaskDefinition": {"Ref": "Td"}}}}}
    two = json.loads(json.dumps(one))
    two["Resources"]["Td"]["Properties"]["ContainerDefinitions"].append({"Name": "b", "Image": "y:1"})
    paths = []
    for name, tpl in (("one.json", one), ("two.json", two)):
        p = tmp_path / name
        p.write_text(json.dumps(tpl, indent=2))
        paths.append(str(p))
    results = [lint_file(p, settings) for p in paths]
    got = sorted((os.path.basename(f.path), f.pointer, f.message, f.region.line) for f in cross_document(results, settings))
    assert got == [("one.json", "/Resources/Svc/Properties/TaskDefinition", "runs family web with 1 containers", 26),
                   ("two.json", "/Resources/Svc/Properties/TaskDefinition", "runs family web with 2 containers", 30)]


def test_cfn_json_points_at_json_lines():
    tpl = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"T": {"Type": "AWS::ECS::TaskDefinition",
           "Properties": {"Family": "web", "ContainerDefinitions": [{"Name": "app", "Image": "nginx"}]}}}}
    res = lint_text("t.json", json.dumps(tpl, indent=2), settings_for(["ECS401"]))
    assert [(f.pointer, f.region.line) for f in res.findings] == [
        ("/Resources/T/Properties/ContainerDefinitions/0/Image", 11)]


@pytest.mark.parametrize("props", ["[1, 2]", "!Ref Props", "{ContainerDefinitions: !If [C, [], []]}",
                                   "{ContainerDefinitions: [!Ref X, 3, null]}", "{Family: {Nested: [!Ref a]}}",
                                   "{ContainerDefinitions: {\"Fn::If\": [C]}}"])
def test_odd_templates_do_not_crash(props):
    text = f"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n" \
           f"    Properties: {props}\n"
    res = lint_text("t.yaml", text, settings_for(preset="all"))
    assert res.documents == 1


def test_templates_without_ecs_are_skipped_with_a_reason():
    res = lint_text("t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", settings_for())
    assert (res.documents, res.skipped) == (0, "a CloudFormation template without ECS resources")


CORPUS = sorted(glob.glob(os.path.join(SHARED, "corpus", "cfn-yaml", "*"))
                + glob.glob(os.path.join(SHARED, "corpus", "cfn-json", "*")))


@pytest.mark.needs_corpus
def test_corpus_templates_are_linted_without_schema_noise():
    assert CORPUS, "no cfn-yaml/cfn-json files in the shared corpus"
    settings = settings_for(preset="all")
    linted = 0
    for path in CORPUS:
        res = lint_file(path, settings)
        linted += res.documents > 0
        schema = [(f.rule, f.pointer, f.message) for f in res.findings if f.rule.startswith(("ECS0", "ECS1"))
                  and "property names are case-sensitive" not in f.message]  # real keys in the wrong case
        assert schema == [], path
    assert linted >= len(CORPUS) - 3  # an EC2-cluster-only template and a parameters file have no ECS resource


@pytest.mark.needs_corpus
@pytest.mark.parametrize("name,pointer", [
    ("0039__", "/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Image"),  # !Ref ImageUrl
    ("0038__", "/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Image"),  # {"Ref": "ImageUrl"}
    ("0045__", "/Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/Subnets"),  # ImportValue
])
def test_corpus_values_behind_intrinsics_have_no_finding(name, pointer):
    path = next(p for p in CORPUS if os.path.basename(p).startswith(name))
    res = lint_file(path, settings_for(preset="all"))
    assert res.documents >= 1
    assert [f for f in res.findings if f.pointer.startswith(pointer)] == []


def test_a_container_named_by_an_intrinsic_has_one_label_in_every_rule(tmp_path):
    """Before: "?", "<unknown>" (the sentinel's repr) and an unfilled "{container}" in one run."""
    from cli_helpers import run

    (tmp_path / "cfn.yaml").write_text(
        "Parameters:\n  Name: {Type: String}\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n"
        "    Properties:\n      Family: web\n      ContainerDefinitions:\n        - Name: !Ref Name\n"
        "          Image: nginx:latest\n          Memory: 512\n          Privileged: true\n", encoding="utf-8")
    _, out, _ = run(["check", "--select", "ECS401,ECS320,ECS325,ECS501", "cfn.yaml"], cwd=tmp_path)
    assert out.splitlines()[:-1] == [
        'cfn.yaml:9:11: warning ECS325 root-user: container "?" does not set user, so it runs as root unless '
        "the image sets USER",
        'cfn.yaml:9:11: warning ECS501 missing-log-configuration: container "?" has no logConfiguration, so its '
        "logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)",
        'cfn.yaml:10:11: warning ECS401 mutable-image-tag: container "?" image "nginx:latest" uses the mutable '
        'tag "latest"',
        'cfn.yaml:12:11: warning ECS320 privileged-container: container "?" sets privileged to true, which gives '
        "it root access to the host",
    ]


@pytest.mark.parametrize("ref", ['!GetAtt [Td, TaskDefinitionArn]', '!GetAtt Td.TaskDefinitionArn', '!Ref Td'])
def test_a_service_naming_its_task_definition_by_getatt_is_paired(tmp_path, ref):
    text = ("Resources:\n  Td:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
            "      ContainerDefinitions: [{Name: web, Image: 'nginx:1.27', Memory: 256}]\n"
            "  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n"
            f"      TaskDefinition: {ref}\n"
            "      LoadBalancers: [{ContainerName: api, ContainerPort: 80, TargetGroupArn: !Ref Tg}]\n")
    path = tmp_path / "stack.yaml"
    path.write_text(text)
    settings = settings_for(["ECS630"])
    results = [lint_file(str(path), settings)]
    assert [(f.pointer, f.message) for f in cross_document(results, settings)] == [
        ("/Resources/Svc/Properties/LoadBalancers/0/ContainerName",
         'the service load balancer container "api" does not exist in the task definition')]


def test_an_unknown_container_name_may_be_the_load_balancers(tmp_path):
    text = ("Parameters:\n  Name: {Type: String, Default: web}\nResources:\n  Td:\n"
            "    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
            "      ContainerDefinitions: [{Name: !Ref Name, Image: 'nginx:1.27', Memory: 256}]\n"
            "  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: !Ref Td\n"
            "      LoadBalancers: [{ContainerName: windows-fe, ContainerPort: 80, TargetGroupArn: !Ref Tg}]\n")
    path = tmp_path / "stack.yaml"
    path.write_text(text)
    settings = settings_for(["ECS630"])
    assert cross_document([lint_file(str(path), settings)], settings) == []


def test_cloudformation_property_names_are_case_sensitive():
    text = ("Resources:\n  Td:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      networkMode: awsvpc\n"
            "      ContainerDefinitions: [{Name: web, Image: 'nginx:1.27', Memory: 256, portMappings: [{ContainerPort: 80}]}]\n")
    res = lint_text("stack.yaml", text, settings_for(["ECS101"]))
    tail = "; what CloudFormation does with a property in the wrong case is not established"
    assert sorted((f.pointer, f.message, str(f.severity)) for f in res.findings) == [
        ("/Resources/Td/Properties/ContainerDefinitions/0/portMappings",
         'unknown property "portMappings"; CloudFormation property names are case-sensitive: did you mean '
         '"PortMappings"?' + tail, "warning"),
        ("/Resources/Td/Properties/networkMode",
         'unknown property "networkMode"; CloudFormation property names are case-sensitive: did you mean '
         '"NetworkMode"?' + tail, "warning")]
    # still linted as the property it names: no "required field missing" beside the warning
    found = lint_text("stack.yaml", text, settings_for(preset="all")).findings
    assert not any(f.rule == "ECS102" for f in found)
