"""Who deploys a file: `deploy-with:`, workflow and ecspresso detection, CodeDeploy placeholders,
and the severities that follow (error where the deployer rejects, info where it accepts)."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from helpers import ROOT
from ecslint import deployers
from ecslint.cli import cli
from ecslint.deployer_detection import ecspresso_deployments, workflow_deployments

# A console export: null for an unset field (the AWS CLI rejects it; the deploy action drops it).
EXPORT = {"family": "web", "taskRoleArn": None, "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}


def _write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(value if isinstance(value, str) else json.dumps(value, indent=2))
    return path


def _check(tmp_path, *args):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(cli, ["check", "--format", "json", "--fail-on", "never", "-v", *args])
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    return res


def _null_findings(res):
    return [(f["severity"], f["message"]) for f in json.loads(res.stdout)["findings"] if f["rule"] == "ECS103"]


WORKFLOW = """
jobs:
  deploy:
    steps:
      - uses: actions/checkout@v4
      - id: render
        uses: aws-actions/amazon-ecs-render-task-definition@v1
        with:
          task-definition: .aws/task-definition.json
          container-name: app
          image: ${{ steps.build.outputs.image }}
      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
        with:
          task-definition: ${{ steps.render.outputs.task-definition }}
      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
        with:
          task-definition: ecs/other.json
"""


def test_workflow_render_then_deploy_is_detected(tmp_path):
    _write(str(tmp_path / ".github" / "workflows" / "deploy.yml"), WORKFLOW)
    found = workflow_deployments(str(tmp_path))
    td = os.path.realpath(tmp_path / ".aws" / "task-definition.json")
    other = os.path.realpath(tmp_path / "ecs" / "other.json")
    assert found[td][0] == (deployers.RENDER_ACTION, deployers.DEPLOY_ACTION)
    assert "renders it, then deploys it with aws-actions/amazon-ecs-deploy-task-definition@v2" in found[td][1]
    assert found[other][0] == (deployers.DEPLOY_ACTION_V1,)


def test_detected_deploy_action_makes_a_null_info_and_v_says_why(tmp_path):
    (tmp_path / ".git").mkdir()
    _write(str(tmp_path / ".github" / "workflows" / "deploy.yml"), WORKFLOW)
    _write(str(tmp_path / ".aws" / "task-definition.json"), EXPORT)
    res = _check(tmp_path, ".aws")
    assert _null_findings(res) == [
        ("info", '"taskRoleArn" must be a string, not null; the ECS deploy action @v2 drops it')]
    assert ("ecslint: deployer .aws/task-definition.json: ecs-render-action then ecs-deploy-action "
            "(.github/workflows/deploy.yml renders it, then deploys it with "
            "aws-actions/amazon-ecs-deploy-task-definition@v2)") in res.stderr


def test_unknown_deployer_is_a_warning_naming_who_rejects(tmp_path):
    _write(str(tmp_path / "td.json"), EXPORT)
    res = _check(tmp_path, "td.json")
    assert _null_findings(res) == [
        ("warning", '"taskRoleArn" must be a string, not null; the AWS CLI rejects null; '
                    'the ECS deploy action and ecspresso drop it')]
    assert "ecslint: deployer td.json: deployer unknown" in res.stderr


def test_deploy_with_glob_in_config_wins(tmp_path):
    (tmp_path / ".git").mkdir()
    _write(str(tmp_path / ".github" / "workflows" / "deploy.yml"), WORKFLOW)
    _write(str(tmp_path / ".aws" / "task-definition.json"), EXPORT)
    _write(str(tmp_path / ".ecslint.yaml"), "deploy-with:\n  .aws/*.json: aws-cli\n")
    res = _check(tmp_path, ".")
    assert _null_findings(res) == [("error", '"taskRoleArn" must be a string, not null; the AWS CLI rejects null')]
    assert 'deployer .aws/task-definition.json: aws-cli (deploy-with ".aws/*.json" in .ecslint.yaml)' in res.stderr


def test_deploy_with_rejects_an_unknown_deployer(tmp_path):
    _write(str(tmp_path / ".ecslint.yaml"), "deploy-with:\n  '*.json': kubectl\n")
    _write(str(tmp_path / "td.json"), EXPORT)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(cli, ["check", "td.json"])
    finally:
        os.chdir(old)
    assert res.exit_code == 2
    assert "invalid config at /deploy-with/*.json" in res.output


def test_ecspresso_config_names_its_definitions(tmp_path):
    _write(str(tmp_path / "deploy" / "ecspresso.yml"),
           "region: eu-west-1\ncluster: main\nservice: api\ntask_definition: ecs-task-def.json\n"
           "service_definition: ecs-service-def.json\n")
    found = ecspresso_deployments([str(tmp_path / "deploy")])
    assert found[os.path.realpath(tmp_path / "deploy" / "ecs-task-def.json")][0] == (deployers.ECSPRESSO,)
    assert "names it as service_definition" in found[os.path.realpath(tmp_path / "deploy" / "ecs-service-def.json")][1]
    svc = {"serviceName": "api", "taskDefinition": "web", "desiredCount": 1, "launchType": "", "runningCount": 1}
    _write(str(tmp_path / "deploy" / "ecs-service-def.json"), svc)
    res = _check(tmp_path, "deploy")
    sev = {f["rule"]: f["severity"] for f in json.loads(res.stdout)["findings"] if f["rule"] in ("ECS104", "ECS105")}
    assert sev == {"ECS104": "info", "ECS105": "info"}


def test_codedeploy_placeholder_names_the_deployer(tmp_path):
    td = dict(EXPORT, containerDefinitions=[{"name": "app", "image": "<IMAGE1_NAME>"}])
    _write(str(tmp_path / "taskdef.json"), td)
    res = _check(tmp_path, "taskdef.json")
    assert _null_findings(res) == [
        ("warning", '"taskRoleArn" must be a string, not null; what CodeDeploy does with null is not established')]
    assert 'deployer taskdef.json: codedeploy (an image is the CodeDeploy placeholder "<IMAGE1_NAME>")' in res.stderr


def test_cloudformation_documents_are_deployed_by_cloudformation(tmp_path):
    template = {"Resources": {"TD": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
        "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27", "Memory": "512"}]}}}}
    _write(str(tmp_path / "stack.json"), template)
    res = _check(tmp_path, "stack.json")
    assert "deployer stack.json: cloudformation (a CloudFormation template resource)" in res.stderr


def test_config_schema_lists_every_deployer():
    with open(os.path.join(ROOT, "schemas", "ecslint", "config.schema.json"), encoding="utf-8") as fh:
        schema = json.load(fh)
    one_of = schema["properties"]["deploy-with"]["additionalProperties"]["oneOf"]
    assert one_of[0]["enum"] == list(deployers.DEPLOYERS) == one_of[1]["items"]["enum"]


def test_every_fact_names_only_known_deployers():
    for fact, (_, _, row) in deployers.FACTS.items():
        assert set(row) <= set(deployers.DEPLOYERS), fact


def test_a_verdict_never_raises_the_rules_severity():
    from ecslint.model import Severity

    assert deployers.verdict(deployers.NULL, (deployers.AWS_CLI,), (), Severity.WARNING)[0] == Severity.WARNING


# Pairing: the nearest task definition of the family, never another stack's resource.
_SVC = {"serviceName": "api", "taskDefinition": "web", "desiredCount": 1,
        "loadBalancers": [{"containerName": "api", "containerPort": 80, "targetGroupArn":
                           "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/t/0123456789abcdef"}]}
_TD = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]}


def _lb_findings(tmp_path, *args):
    res = CliRunner().invoke(cli, ["check", "--config", os.devnull, "--select", "ECS630", "--format", "json",
                                   "--fail-on", "never", "-v", *args])
    assert res.exit_code == 0, res.output
    return [(os.path.relpath(f["path"], tmp_path), f["rule"]) for f in json.loads(res.stdout)["findings"]], res.stderr


def test_the_nearest_task_definition_of_a_family_is_paired(tmp_path):
    _write(str(tmp_path / "api" / "service.json"), _SVC)
    _write(str(tmp_path / "api" / "td.json"), _TD)
    _write(str(tmp_path / "other" / "td.json"), dict(_TD, containerDefinitions=[{"name": "api", "image": "x:1"}]))
    found, _ = _lb_findings(tmp_path, str(tmp_path))
    assert found == [("api/service.json", "ECS630")]


def test_an_ambiguous_pair_is_skipped_and_v_says_so(tmp_path):
    _write(str(tmp_path / "svc" / "service.json"), _SVC)
    _write(str(tmp_path / "a" / "td.json"), _TD)
    _write(str(tmp_path / "b" / "td.json"), _TD)
    found, stderr = _lb_findings(tmp_path, str(tmp_path))
    assert found == []
    assert 'not paired ' in stderr and '2 task definitions of family "web" are equally near' in stderr


def test_a_service_file_is_not_paired_with_another_stacks_resource(tmp_path):
    _write(str(tmp_path / "service.json"), _SVC)
    _write(str(tmp_path / "stack.json"), {"Resources": {"Td": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
        "Family": "web", "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27", "Memory": 256}]}}}})
    found, _ = _lb_findings(tmp_path, str(tmp_path))
    assert found == []


def test_a_workflow_without_the_deploy_actions_is_not_parsed(tmp_path):
    """Most repositories' workflows deploy nothing to ECS: detection reads their text and
    loads no YAML parser for them (start-up of every run in such a repository)."""
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {t: {steps: [{run: make}]}}\n")
    (tmp_path / "td.json").write_text(json.dumps({"family": "web", "containerDefinitions": [
        {"name": "app", "image": "nginx:1.27", "essential": True, "memory": 512}]}))
    code = ("import sys\nfrom ecslint.cli import main\nsys.argv = ['ecslint', 'check', 'td.json', '--fail-on', 'never']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('ruamel.yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
    assert workflow_deployments(str(tmp_path)) == {}
