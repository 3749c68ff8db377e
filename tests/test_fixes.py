"""Fixes: each one applied, the result re-linted (its finding gone, nothing new), the file's
formatting kept, and the refusals (templated text, unknown values, stdin, links)."""

from __future__ import annotations

import json
import os

import pytest

from ecslint.engine import lint_text
from ecslint.fix_apply import fix_text
from cli_helpers import run
from helpers import SARIF_SCHEMA, settings_for

SETTINGS = settings_for(preset="all")
SETTINGS.fixes = True

TD = {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
      "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
      "tags": [{"key": "team", "value": "web"}],
      "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": True,
                                "readonlyRootFilesystem": True,
                                "portMappings": [{"containerPort": 80}]}]}


def _td(**changes):
    td = json.loads(json.dumps(TD))
    for path, value in changes.items():
        node = td
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if k.isdigit() else node[k]
        node[keys[-1]] = value
    return td


def _keys(findings):
    return {(f.rule, f.pointer) for f in findings}


def _fix(name, text, unsafe=False):
    before = lint_text(name, text, SETTINGS).findings
    after_text, fixed, _ = fix_text(name, text, before, SETTINGS, unsafe)
    after = lint_text(name, after_text, SETTINGS).findings
    return before, after_text, fixed, after


TF = """resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/exec"

  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "nginx:1.27" # pinned
      essential              = true
      readonlyRootFilesystem = true
      portMappings           = [{ containerPort = 80 }]
    }
  ])

  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-12345678"
      transit_encryption = "ENABLED"
    }
  }
}
"""
TF_SERVICE = """resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "prod"
  task_definition = "web:3"
  desired_count   = 2

  deployment_circuit_breaker {
    enable   = false
    rollback = false
  }
}
"""

TF_JSON = """{
  "resource": {
    "aws_ecs_task_definition": {
      "web": {
        "family": "web",
        "network_mode": "awsvpc",
        "container_definitions": "[{\\"name\\": \\"app\\", \\"image\\": \\"nginx:1.27\\", \\"memory\\": 512}]",
        "volume": {
          "name": "data",
          "efs_volume_configuration": {"file_system_id": "fs-12345678", "transit_encryption": "DISABLED"}
        }
      }
    },
    "aws_ecs_service": [{"api": {"name": "api", "task_definition": "web:1", "desired_count": 2,
                                 "deployment_circuit_breaker": [{"enable": true}]}}]
  }
}
"""

TF_JSON_FIXED = TF_JSON.replace('"DISABLED"', '"ENABLED"').replace('[{"enable": true}]', '[{"enable": true, "rollback": true}]')


def _tf(old, new):
    assert old in TF
    return TF.replace(old, new)


# (case, file name, text, rule, pointer of the finding, unsafe, text expected after fixing)
CASES = [
    ("describe-fields", "td.json",
     '{\n  "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1",\n'
     + json.dumps(TD, indent=2)[2:-2] + ',\n  "revision": 1,\n  "status": "ACTIVE"\n}\n',
     "ECS105", "/taskDefinitionArn", False, json.dumps(TD, indent=2) + "\n"),
    ("null-member", "td.json", json.dumps(_td(containerDefinitions__0__user=None), indent=2),
     "ECS103", "/containerDefinitions/0/user", False, json.dumps(TD, indent=2)),
    ("cpu-integer", "td.json", json.dumps(_td(cpu=256), indent=2), "ECS103", "/cpu", False,
     json.dumps(TD, indent=2)),
    ("memory-integer-yaml", "td.yaml",
     "family: web  # the app\nmemory: 512\ncpu: '256'\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n",
     "ECS103", "/memory", False,
     "family: web  # the app\nmemory: \"512\"\ncpu: '256'\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n"),
    ("misspelt-key", "td.json", json.dumps(TD, indent=2).replace('"essential"', '"Essential"'),
     "ECS101", "/containerDefinitions/0/Essential", False, json.dumps(TD, indent=2)),
    ("host-port", "td.json", json.dumps(_td(containerDefinitions__0__portMappings=[{"containerPort": 80, "hostPort": 8080}]), indent=2),
     "ECS140", "/containerDefinitions/0/portMappings/0/hostPort", False,
     json.dumps(_td(containerDefinitions__0__portMappings=[{"containerPort": 80, "hostPort": 80}]), indent=2)),
    ("health-check-exec-form-yaml", "td.yaml",
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: true\n    healthCheck:\n      command: [CMD, 'curl -f http://localhost/ || exit 1']  # probe\n",
     "ECS421", "/containerDefinitions/0/healthCheck/command/1", False,
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: true\n    healthCheck:\n      command: [CMD-SHELL, 'curl -f http://localhost/ || exit 1']  # probe\n"),
    ("readonly-root-unsafe", "td.json",
     json.dumps(TD, indent=2).replace('      "readonlyRootFilesystem": true,\n', ""),
     "ECS321", "/containerDefinitions/0", True,
     json.dumps(TD, indent=2).replace('      "readonlyRootFilesystem": true,\n', "").replace(
         '"containerPort": 80\n        }\n      ]', '"containerPort": 80\n        }\n      ],\n      "readonlyRootFilesystem": true')),
    ("readonly-root-false-yaml", "td.yaml",
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: false # for now\n",
     "ECS321", "/containerDefinitions/0/readonlyRootFilesystem", True,
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: true # for now\n"),
    ("efs-transit-unsafe", "td.yaml",
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: true\nvolumes:\n  - name: data\n    efsVolumeConfiguration:\n      fileSystemId: fs-12345678\n",
     "ECS326", "/volumes/0/efsVolumeConfiguration", True,
     "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 512\n"
     "    readonlyRootFilesystem: true\nvolumes:\n  - name: data\n    efsVolumeConfiguration:\n      fileSystemId: fs-12345678\n      transitEncryption: ENABLED\n"),
    ("circuit-breaker-unsafe", "svc.json",
     '{\n  "serviceName": "api",\n  "cluster": "prod",\n  "taskDefinition": "web:3",\n  "desiredCount": 2\n}\n',
     "ECS609", "", True,
     '{\n  "serviceName": "api",\n  "cluster": "prod",\n  "taskDefinition": "web:3",\n  "desiredCount": 2,\n'
     '  "deploymentConfiguration": {\n    "deploymentCircuitBreaker": {\n      "enable": true,\n'
     '      "rollback": true\n    }\n  }\n}\n'),
    ("circuit-breaker-yaml", "svc.yaml",
     "serviceName: api\ntaskDefinition: web:3\ndesiredCount: 2\ndeploymentConfiguration:\n  maximumPercent: 200\n"
     "  deploymentCircuitBreaker:\n    enable: false\n",
     "ECS609", "/deploymentConfiguration/deploymentCircuitBreaker/enable", True,
     "serviceName: api\ntaskDefinition: web:3\ndesiredCount: 2\ndeploymentConfiguration:\n  maximumPercent: 200\n"
     "  deploymentCircuitBreaker:\n    enable: true\n    rollback: true\n"),
    ("cloudformation-host-port", "stack.yaml",
     "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n"
     "      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n          Memory: 512\n"
     "          PortMappings:\n            - ContainerPort: 80\n              HostPort: 8080\n",
     "ECS140", "/Resources/Task/Properties/ContainerDefinitions/0/PortMappings/0/HostPort", False,
     "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n"
     "      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n          Memory: 512\n"
     "          PortMappings:\n            - ContainerPort: 80\n              HostPort: 80\n"),
    ("cloudformation-readonly-json", "stack.json",
     json.dumps({"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
         "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27", "Memory": 512}]}}}}, indent=1),
     "ECS321", "/Resources/Task/Properties/ContainerDefinitions/0", True,
     json.dumps({"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
         "ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27", "Memory": 512,
                                   "ReadonlyRootFilesystem": True}]}}}}, indent=1)),
    ("terraform-host-port", "main.tf",
     _tf("{ containerPort = 80 }", "{ containerPort = 80, hostPort = 8080 }"),
     "ECS140", "/aws_ecs_task_definition.web/container_definitions/0/portMappings/0/hostPort", False,
     _tf("{ containerPort = 80 }", "{ containerPort = 80, hostPort = 80 }")),
    ("terraform-misspelt-key", "main.tf", _tf("      essential ", '      "Essential"'),
     "ECS101", "/aws_ecs_task_definition.web/container_definitions/0/Essential", False,
     _tf("      essential ", '      "essential"')),
    ("terraform-readonly-false", "main.tf", _tf("readonlyRootFilesystem = true", "readonlyRootFilesystem = false"),
     "ECS321", "/aws_ecs_task_definition.web/container_definitions/0/readonlyRootFilesystem", True, TF),
    ("terraform-health-check", "main.tf",
     _tf("]\n    }\n  ])", ']\n      healthCheck = { command = ["CMD", "curl -f http://localhost/ || exit 1"] }\n    }\n  ])'),
     "ECS421", "/aws_ecs_task_definition.web/container_definitions/0/healthCheck/command/1", False,
     _tf("]\n    }\n  ])", ']\n      healthCheck = { command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] }\n    }\n  ])')),
    ("terraform-efs-transit", "main.tf", _tf('"ENABLED"', '"DISABLED"'),
     "ECS326", "/aws_ecs_task_definition.web/volume/0/efs_volume_configuration/0/transit_encryption", True, TF),
    ("terraform-readonly-added", "main.tf", _tf("      readonlyRootFilesystem = true\n", ""),
     "ECS321", "/aws_ecs_task_definition.web/container_definitions/0", True,
     _tf("      readonlyRootFilesystem = true\n", "").replace(
         "80 }]\n", "80 }]\n      readonlyRootFilesystem = true\n")),
    ("terraform-efs-transit-added", "main.tf", _tf('      transit_encryption = "ENABLED"\n', ""),
     "ECS326", "/aws_ecs_task_definition.web/volume/0/efs_volume_configuration", True,
     _tf('      transit_encryption = "ENABLED"\n', "").replace(
         '"fs-12345678"\n', '"fs-12345678"\n      transit_encryption = "ENABLED"\n')),
    ("terraform-circuit-breaker-empty", "svc.tf", TF_SERVICE.replace("    enable   = false\n    rollback = false\n", ""),
     "ECS609", "/aws_ecs_service.api/deployment_circuit_breaker/0", True,
     TF_SERVICE.replace("    enable   = false\n    rollback = false\n", "    enable = true\n    rollback = true\n")),
    ("terraform-json-efs-transit", "main.tf.json", TF_JSON,
     "ECS326", "/aws_ecs_task_definition.web/volume/0/efs_volume_configuration/0/transit_encryption", True,
     TF_JSON_FIXED),
    ("terraform-json-circuit-breaker", "main.tf.json", TF_JSON,
     "ECS609", "/aws_ecs_service.api/deployment_circuit_breaker/0", True,
     TF_JSON_FIXED),
    ("terraform-circuit-breaker", "svc.tf", TF_SERVICE,
     "ECS609", "/aws_ecs_service.api/deployment_circuit_breaker/0/enable", True,
     TF_SERVICE.replace("= false", "= true")),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fix_applies_and_relints_clean(case):
    _, name, text, rule, pointer, unsafe, expected = case
    before, after_text, fixed, after = _fix(name, text, unsafe)
    assert (rule, pointer) in _keys(before)
    target = next(f for f in before if (f.rule, f.pointer) == (rule, pointer))
    assert target.fix is not None and target.fix.safety == ("unsafe" if unsafe else "safe")
    assert after_text == expected
    assert fixed >= 1
    assert (rule, pointer) not in _keys(after)
    assert _keys(after) <= _keys(before)  # nothing new


def test_unsafe_fixes_wait_for_the_flag():
    text = next(c for c in CASES if c[0] == "readonly-root-unsafe")[2]
    before, after_text, fixed, _ = _fix("td.json", text, unsafe=False)
    assert any(f.rule == "ECS321" and f.fix for f in before)
    assert (after_text, fixed) == (text, 0)


def test_a_console_export_is_fixed_in_one_run():
    export = {"taskDefinition": {**_td(cpu=256, memory=512), "taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/web:1",
                                 "revision": 1, "status": "ACTIVE", "compatibilities": ["EC2", "FARGATE"],
                                 "registeredAt": "2024-01-01T00:00:00Z", "ipcMode": None, "pidMode": None}}
    text = json.dumps(export, indent=4)
    before, after_text, fixed, after = _fix("export.json", text)
    assert fixed == 5  # describe fields (one fix), cpu, memory, two nulls
    assert not {f.rule for f in after} & {"ECS103", "ECS105"}
    assert _keys(after) <= _keys(before)
    assert json.loads(after_text)["taskDefinition"]["cpu"] == "256"


def test_overlapping_fixes_resolve_over_passes():
    # The null at the head of the object and the describe field after it: removing both at
    # once would delete the same comma twice; the second waits for the next pass.
    text = '{"revision": 1, "ipcMode": null, ' + json.dumps(TD)[1:]
    _, after_text, fixed, after = _fix("td.json", text)
    assert json.loads(after_text) == TD and fixed == 2
    assert not after or {f.rule for f in after}.isdisjoint({"ECS103", "ECS105"})


def test_line_endings_bom_comments_and_final_newline_survive(tmp_path):
    path = tmp_path / "td.yaml"
    body = ("# header comment\r\nfamily: web\r\ncpu: 256 # keep me\r\ncontainerDefinitions:\r\n"
            "  - name: app   # the app\r\n    image: nginx:1.27\r\n    memory: 512\r\n    user: null")
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    code, out, err = run(["check", "--fix", "--select", "ECS103", str(path)])
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbf" + body.replace("cpu: 256", 'cpu: "256"').replace("\r\n    user: null", "").encode()
    assert "Fixed 2 problems; none remain" in out and code == 0


def test_utf16_file_keeps_its_encoding(tmp_path):
    path = tmp_path / "td.json"
    path.write_bytes("\ufeff".encode("utf-16-le") + json.dumps(_td(cpu=256), indent=2).encode("utf-16-le"))
    code, out, _ = run(["check", "--fix", "--select", "ECS103", str(path)])
    assert code == 0
    assert path.read_bytes().startswith(b"\xff\xfe")
    assert json.loads(path.read_bytes()[2:].decode("utf-16-le"))["cpu"] == "256"


def test_diff_prints_and_writes_nothing(tmp_path):
    path = tmp_path / "td.json"
    text = json.dumps(_td(cpu=256), indent=2)
    path.write_text(text)
    code, out, err = run(["check", "--diff", "--select", "ECS103", str(path)])
    assert code == 1 and path.read_text() == text
    assert '-  "cpu": 256,\n+  "cpu": "256",\n' in out
    assert "would fix 1 problem in 1 file" in err


def test_stdin_is_only_diffed():
    text = json.dumps(_td(cpu=256), indent=2)
    code, _, err = run(["check", "--fix", "-"], input=text)
    assert code == 2 and "--fix cannot write back to stdin" in err
    code, out, _ = run(["check", "--diff", "--select", "ECS103", "-"], input=text)
    assert code == 1 and '+  "cpu": "256",' in out


def test_templated_text_is_never_fixed(tmp_path):
    path = tmp_path / "td.json"
    text = json.dumps(_td(cpu=256, family="${FAMILY}"), indent=2)
    path.write_text(text)
    code, _, _ = run(["check", "--fix", "--select", "ECS103", "--var", "FAMILY=web", str(path)])
    assert path.read_text() == text and code == 1  # --var changed what was linted


def test_placeholders_and_intrinsics_in_the_span_are_refused():
    findings = lint_text("td.json", json.dumps(_td(containerDefinitions__0__portMappings=[
        {"containerPort": 80, "hostPort": 8080}])), SETTINGS).findings
    assert any(f.rule == "ECS140" and f.fix for f in findings)
    cfn = ("Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
           "      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n          Memory: 512\n"
           "          ReadonlyRootFilesystem: !If [Prod, true, false]\n")
    found = [f for f in lint_text("stack.yaml", cfn, SETTINGS).findings if f.rule == "ECS321"]
    assert all(f.fix is None for f in found)
    yaml_alias = ("family: web\ncpu: &c 256\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n"
                  "    memory: 512\n")
    assert all(f.fix is None for f in lint_text("td.yaml", yaml_alias, SETTINGS).findings)


def test_terraform_plan_is_never_fixed():
    plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [{
        "address": "aws_ecs_task_definition.web", "type": "aws_ecs_task_definition", "name": "web",
        "values": {"family": "web", "network_mode": "awsvpc", "cpu": "256", "memory": "512",
                   "container_definitions": json.dumps([{"name": "app", "image": "nginx:1.27",
                                                         "portMappings": [{"containerPort": 80, "hostPort": 81}]}])}}]}}}
    findings = lint_text("plan.json", json.dumps(plan), SETTINGS).findings
    assert any(f.rule == "ECS140" for f in findings)
    assert all(f.fix is None for f in findings)


def test_a_symlinked_file_is_not_written(tmp_path):
    real = tmp_path / "real.json"
    text = json.dumps(_td(cpu=256), indent=2)
    real.write_text(text)
    os.symlink(real, tmp_path / "link.json")
    code, _, err = run(["check", "--fix", "--select", "ECS103", str(tmp_path / "link.json")])
    assert real.read_text() == text and err.count("a symbolic link") == 1 and code == 1


def test_suppressed_findings_are_not_fixed(tmp_path):
    (tmp_path / ".ecslint.yaml").write_text(
        "ignore:\n  - rule: wrong-type\n    paths: ['td.json']\n    reason: exported as is on purpose\n")
    text = json.dumps(_td(cpu=256), indent=2)
    (tmp_path / "td.json").write_text(text)
    code, out, _ = run(["check", "--fix", "--select", "ECS103", "td.json"], cwd=tmp_path)
    assert (tmp_path / "td.json").read_text() == text and "Fixed 0 problems" in out


def test_rule_definitions_declare_the_fixes_their_checks_make():
    from ecslint.registry import default_registry

    declared = {r.id: r.raw.get("fix") for r in default_registry().rules if r.raw.get("fix")}
    assert declared == {"ECS101": "safe", "ECS103": "safe", "ECS105": "safe", "ECS140": "safe", "ECS421": "safe",
                        "ECS321": "unsafe", "ECS326": "unsafe", "ECS609": "unsafe"}
    seen = {c[3] for c in CASES}
    assert seen == set(declared)  # every fixing rule has a case that applies its fix


def test_sarif_carries_safe_fixes_only(tmp_path):
    import jsonschema

    with open(SARIF_SCHEMA, encoding="utf-8") as fh:
        validator = jsonschema.Draft4Validator(json.load(fh))
    text = json.dumps(_td(cpu=256, containerDefinitions__0__readonlyRootFilesystem=False), indent=2)
    (tmp_path / "td.json").write_text(text)
    code, out, _ = run(["check", "--format", "sarif", "--preset", "all", "td.json"], cwd=tmp_path)
    doc = json.loads(out)
    validator.validate(doc)
    results = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    assert "fixes" not in results["ECS321"]  # unsafe
    (change,) = results["ECS103"]["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "td.json"
    (rep,) = change["replacements"]
    line = text.splitlines()[rep["deletedRegion"]["startLine"] - 1]
    start, end = rep["deletedRegion"]["startColumn"] - 1, rep["deletedRegion"]["endColumn"] - 1
    assert line[start:end] == "256" and rep["insertedContent"]["text"] == '"256"'


def test_a_check_never_imports_the_language_server(tmp_path):
    import subprocess
    import sys

    (tmp_path / "td.json").write_text(json.dumps(_td(cpu=256)))
    code = ("import sys\nfrom click.testing import CliRunner\nfrom ecslint.cli import cli\n"
            "CliRunner().invoke(cli, ['check', '--diff', 'td.json'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'ecslint.lsp')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_explain_says_whether_a_rule_fixes_and_how_safely():
    assert "- Autofix: safe" in run(["explain", "ECS103"])[1]
    assert "- Autofix: unsafe" in run(["explain", "writable-root-filesystem"])[1]
    assert "Autofix" not in run(["explain", "ECS501"])[1]


def test_fixes_are_placed_only_when_asked_for():
    plain = settings_for(preset="all")
    text = json.dumps(_td(cpu=256))
    assert all(f.fix is None for f in lint_text("td.json", text, plain).findings)
    assert any(f.fix is not None for f in lint_text("td.json", text, SETTINGS).findings)


def _tf_fixes(text, name="main.tf"):
    return [f for f in lint_text(name, text, SETTINGS).findings if f.fix is not None]


def test_terraform_values_that_are_not_literals_are_refused(tmp_path):
    bad_port = _tf("{ containerPort = 80 }", "{ containerPort = 80, hostPort = 8080 }")
    assert [f.rule for f in _tf_fixes(bad_port)] == ["ECS140"]
    variable = 'variable "port" {\n  default = 8080\n}\n\n' + _tf(
        "{ containerPort = 80 }", "{ containerPort = 80, hostPort = var.port }")
    local = 'locals {\n  off = "DISABLED"\n}\n\n' + _tf('"ENABLED"', "local.off")
    interpolated = 'variable "mode" {\n  default = "DISABLED"\n}\n\n' + _tf('"ENABLED"', '"${var.mode}"')
    merged = _tf("{ containerPort = 80 }", "merge({ containerPort = 80 }, { hostPort = 8080 })")
    heredoc = ('resource "aws_ecs_task_definition" "web" {\n  family       = "web"\n  network_mode = "awsvpc"\n'
               '  container_definitions = <<EOF\n[{"name": "app", "image": "nginx:1.27", "readonlyRootFilesystem": true,\n'
               '  "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]\nEOF\n}\n')
    rollback_null = TF_SERVICE.replace("rollback = false", "rollback = null")  # adding it would redefine it
    one_line = _tf('{\n      file_system_id     = "fs-12345678"\n      transit_encryption = "ENABLED"\n    }',
                   '{ file_system_id = "fs-12345678" }')
    for text, rule in ((variable, "ECS140"), (local, "ECS326"), (interpolated, "ECS326"), (merged, "ECS140"),
                       (heredoc, "ECS140"), (rollback_null, "ECS609"), (one_line, "ECS326")):
        found = [f for f in lint_text("main.tf", text, SETTINGS).findings if f.rule == rule]
        assert found and all(f.fix is None for f in found), text
    (tmp_path / "containers.json").write_text(json.dumps([{
        "name": "app", "image": "nginx:1.27", "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]))
    for call in ('file("containers.json")', 'templatefile("containers.json", {})'):
        path = tmp_path / "main.tf"
        path.write_text(_tf(TF[TF.index("jsonencode(["):TF.index("])") + 2], call))
        found = [f for f in lint_text(str(path), path.read_text(), SETTINGS).findings if f.rule == "ECS140"]
        assert found and found[0].path.endswith("containers.json") and found[0].fix is None


def test_terraform_json_and_module_calls_are_refused():
    td = json.loads(json.dumps(TD))
    td["containerDefinitions"][0]["portMappings"] = [{"containerPort": 80, "hostPort": 8080}]
    tf_json = {"resource": {"aws_ecs_task_definition": {"web": {
        "family": "web", "network_mode": "awsvpc", "container_definitions": json.dumps(td["containerDefinitions"])}}}}
    found = [f for f in lint_text("main.tf.json", json.dumps(tf_json, indent=2), SETTINGS).findings if f.rule == "ECS140"]
    assert found and all(f.fix is None for f in found)  # inside the container_definitions string
    template = TF_JSON.replace('"DISABLED"', '"${var.mode}"')
    template = '{"variable": {"mode": {"default": "DISABLED"}},' + template[1:]
    found = [f for f in lint_text("main.tf.json", template, SETTINGS).findings if f.rule == "ECS326"]
    assert found and all(f.fix is None for f in found)
    module = ('module "web" {\n  source  = "terraform-aws-modules/ecs/aws//modules/service"\n  version = "6.1.0"\n'
              '  name    = "web"\n  cluster_arn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod"\n'
              '  container_definitions = {\n    app = {\n      image = "nginx:1.27"\n'
              '      readonlyRootFilesystem = false\n    }\n  }\n}\n')
    found = [f for f in lint_text("main.tf", module, SETTINGS).findings if f.rule == "ECS321"]
    assert found and all(f.fix is None for f in found)


def test_terraform_fix_is_written_in_place_and_diffed(tmp_path):
    path = tmp_path / "main.tf"
    text = _tf('"ENABLED"', '"DISABLED"').replace("\n", "\r\n")
    path.write_bytes(text.encode())
    code, out, _ = run(["check", "--diff", "--unsafe-fixes", "--select", "ECS326", str(path)])
    assert '-      transit_encryption = "DISABLED"\n+      transit_encryption = "ENABLED"\n' in out and code == 1
    code, out, _ = run(["check", "--fix", "--unsafe-fixes", "--select", "ECS326", str(path)])
    assert path.read_bytes() == TF.replace("\n", "\r\n").encode()
    assert "Fixed 1 problem; none remain" in out and code == 0


def test_hcl_literals_are_rendered_with_hcl_escapes():
    from ecslint.fix_hcl import hcl_scalar

    assert [hcl_scalar(v) for v in (80, 1.5, True, False, None, "ENABLED")] == [
        "80", "1.5", "true", "false", "null", '"ENABLED"']
    assert hcl_scalar('a "q" \\ ${x} %{if} $x\n\t\x01') == '"a \\"q\\" \\\\ $${x} %%{if} $x\\n\\t\\u0001"'
    assert hcl_scalar([1]) is None and hcl_scalar(float("nan")) is None
    from ecslint.fix_hcl import _json_string

    assert [_json_string(v) for v in ("a ${b} %{c}", 80, True)] == ["a $${b} %%{c}", 80, True]  # .tf.json templates


@pytest.mark.slow  # 250 files through a process pool
def test_many_files_are_fixed_in_a_pool_as_in_one_process(tmp_path):
    """Past the pool threshold the fixes run in worker processes (each file's fix, re-lint and
    write is its own): the files written and the report are those of a one-process run."""
    from ecslint.runner import POOL_THRESHOLD

    n = POOL_THRESHOLD + 50
    for where in ("pool", "one"):
        os.makedirs(tmp_path / where)
        for i in range(n):
            (tmp_path / where / f"td{i:03d}.json").write_text(json.dumps(_td(cpu=256, family=f"web{i}"), indent=2))
    pooled = run(["check", "--fix", "--select", "ECS103", "-j", "2", "pool"], cwd=tmp_path)
    single = run(["check", "--fix", "--select", "ECS103", "-j", "1", "one"], cwd=tmp_path)
    assert pooled[0] == single[0] == 0
    assert pooled[1].replace("pool", "one") == single[1]
    assert f"Fixed {n} problems; none remain" in pooled[1]
    for i in range(n):
        assert json.loads((tmp_path / "pool" / f"td{i:03d}.json").read_text())["cpu"] == "256"
    assert sorted(os.listdir(tmp_path / "pool")) == [f"td{i:03d}.json" for i in range(n)]  # no spare left (fix_writes)


def test_a_directive_keeps_its_finding_from_being_fixed_where_the_file_is_linted(tmp_path):
    """--fix without a baseline fixes each file where it is linted (fix_apply.lint_and_fix):
    the file's own directives and the config's ignores are applied there, as after the run."""
    text = ("family: web\ncpu: 256  # ecslint: ignore=wrong-type -- kept a number on purpose\nmemory: 512\n"
            "containerDefinitions:\n  - name: app\n    image: nginx:1.27\n")
    (tmp_path / "td.yaml").write_text(text)
    code, out, _ = run(["check", "--fix", "--select", "ECS103", "td.yaml"], cwd=tmp_path)
    assert (tmp_path / "td.yaml").read_text() == text.replace("memory: 512", 'memory: "512"')
    assert code == 0 and "Fixed 1 problem" in out


def test_fixing_where_linted_and_after_the_run_agree(tmp_path):
    """A baseline makes --fix wait for the whole run (fix_apply.fix_results); without one each
    file is fixed where it is linted. With an empty baseline the two write the same files and
    print the same report."""
    for where in ("linted", "after"):
        os.makedirs(tmp_path / where)
        (tmp_path / where / "td.json").write_text(json.dumps(_td(cpu=256, memory=512), indent=2))
        (tmp_path / where / "td.yaml").write_text("family: web\ncpu: 256\nmemory: 512\ncontainerDefinitions:\n"
                                                  "  - {name: app, image: 'nginx:1.27', user: null}\n")
        (tmp_path / where / "clean.json").write_text(json.dumps(TD, indent=2))
    (tmp_path / "empty.json").write_text(json.dumps({"ecslint-baseline": 2, "findings": {}}))
    linted = run(["check", "--fix", "--preset", "all", "linted"], cwd=tmp_path)
    after = run(["check", "--fix", "--preset", "all", "--baseline", "empty.json", "after"], cwd=tmp_path)
    assert linted[0] == after[0]
    assert linted[1].replace("linted", "after") == after[1]
    assert "Fixed 5 problems" in linted[1]
    for name in ("td.json", "td.yaml", "clean.json"):
        assert (tmp_path / "linted" / name).read_bytes() == (tmp_path / "after" / name).read_bytes()


def test_fixes_that_do_not_read_back_are_tried_once(tmp_path, monkeypatch):
    """A file whose fixes fail their check where it is linted is left as it is, reported whole,
    and not tried again by the pass after the run (fix_apply.lint_and_fix sets fix_tried)."""
    from ecslint import fix_apply

    calls = []
    monkeypatch.setattr(fix_apply, "_verified", lambda *a, **k: calls.append(a[0]))
    text = json.dumps(_td(cpu=256), indent=2)
    (tmp_path / "td.json").write_text(text)
    code, out, err = run(["check", "--fix", "--select", "ECS103", "-j", "1", "td.json"], cwd=tmp_path)
    assert (tmp_path / "td.json").read_text() == text
    assert code == 1 and "td.json:" in out and "ECS103" in out
    assert calls == ["td.json", "td.json"]  # on the lint's parse, then on a fresh one; not after the run
    assert err.count("ecslint: not fixed: td.json: its fixes did not read back as they describe") == 1
    code, _, err = run(["check", "--diff", "--select", "ECS103", "td.json"], cwd=tmp_path)  # the after-run path
    assert code == 0 and "ecslint: not fixed: td.json: its fixes did not read back" in err
