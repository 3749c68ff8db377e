"""The language server end to end: `ecslint server` as a subprocess, spoken to over stdio."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pygls")

from lsp_client import Client  # noqa: E402

TD = {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": 256,
      "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
      "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": True,
                                "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]}
SERVICE = ("serviceName: api\ncluster: prod\ntaskDefinition: web:1\ndesiredCount: 2\nlaunchType: FARGATE\n"
           "networkConfiguration:\n  awsvpcConfiguration:\n    subnets: [subnet-1, subnet-2]\n"
           "loadBalancers:\n  - targetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/1\n"
           "    containerName: web\n    containerPort: 80\n")


def _line(text, needle):
    for i, line in enumerate(text.split("\n")):
        if needle in line:
            return i, line.index(needle)
    raise AssertionError(needle)


@pytest.fixture
def server(tmp_path):
    (tmp_path / ".ecslint.yaml").write_text(
        "ignore:\n  - rule: missing-log-configuration\n    paths: ['td.json']\n    reason: logs go to stdout here\n")
    (tmp_path / "td.json").write_text(json.dumps(TD, indent=2))
    client = Client(tmp_path)
    yield client, tmp_path
    client.close()


def _open(client, uri, text, language):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})


def test_diagnostics_actions_hover_and_shutdown(server):
    client, root = server
    init = client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {},
                                         "initializationOptions": {"debounceMs": 5}})
    caps = init["result"]["capabilities"]
    assert caps["codeActionProvider"] and caps["hoverProvider"]
    client.notify("initialized", {})

    uri = (root / "td.json").as_uri()
    text = json.dumps(TD, indent=2)
    _open(client, uri, text, "json")
    published = client.diagnostics(uri)
    by_code = {(d["code"], d["data"]["pointer"]): d for d in published["diagnostics"]}
    cpu = by_code[("ECS103", "/cpu")]
    line, col = _line(text, '"cpu": 256')
    assert cpu["range"] == {"start": {"line": line, "character": col},
                            "end": {"line": line, "character": col + len('"cpu": 256')}}
    assert cpu["severity"] == 2 and cpu["source"] == "ecslint"  # a warning: deployer-dependent (ecslint.deployers)
    assert cpu["message"] == ('wrong-type: "cpu" must be a string, not an integer; write "256"; the AWS CLI, '
                              'the ECS deploy action @v1 and ecspresso reject a number where a string belongs')
    assert ("ECS140", "/containerDefinitions/0/portMappings/0/hostPort") in by_code
    assert not any(code == "ECS501" for code, _ in by_code)  # the workspace config ignores it

    # A change re-lints the document: the port mismatch is gone, the cpu finding stays.
    changed = text.replace('"hostPort": 8080', '"hostPort": 80')
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": changed}]})
    published = client.diagnostics(uri)
    codes = {(d["code"], d["data"]["pointer"]) for d in published["diagnostics"]}
    assert ("ECS140", "/containerDefinitions/0/portMappings/0/hostPort") not in codes
    assert ("ECS103", "/cpu") in codes and published["version"] == 2

    cpu = next(d for d in published["diagnostics"] if d["code"] == "ECS103")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": cpu["range"], "context": {"diagnostics": [cpu]}})["result"]
    fix = next(a for a in actions if a["title"].startswith("write cpu"))
    assert fix["isPreferred"] is True and fix["kind"] == "quickfix"
    (edit,) = fix["edit"]["changes"][uri]
    line, col = _line(changed, "256")
    assert edit == {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 3}},
                    "newText": '"256"'}
    ignore = next(a for a in actions if a["title"].startswith("Ignore wrong-type"))
    (config_edit,) = ignore["edit"]["documentChanges"]
    assert config_edit["textDocument"]["uri"] == (root / ".ecslint.yaml").as_uri()
    assert config_edit["edits"][0]["newText"] == ('  - rule: wrong-type\n    paths: ["td.json"]\n'
                                                  '    pointer: "/cpu"\n    reason: REASON\n')

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": cpu["range"]["start"]})
    value = hover["result"]["contents"]["value"]
    assert value.startswith("**ECS103 wrong-type**") and "docs/rules/ECS103.md" in value

    assert client.request("shutdown", None)["result"] is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=30) == 0


def test_a_service_is_paired_with_the_workspace_task_definition(server):
    client, root = server
    client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    uri = (root / "svc.yaml").as_uri()
    _open(client, uri, SERVICE, "yaml")
    diags = client.diagnostics(uri)["diagnostics"]
    lb = [d for d in diags if d["code"] == "ECS630"]
    assert [d["data"]["pointer"] for d in lb] == ["/loadBalancers/0/containerName"]
    line, col = _line(SERVICE, "containerName: web")
    assert lb[0]["range"]["start"] == {"line": line, "character": col}

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": lb[0]["range"], "context": {"diagnostics": lb}})["result"]
    (ignore,) = [a for a in actions if a["title"].startswith("Ignore")]
    (edit,) = ignore["edit"]["changes"][uri]
    assert edit["newText"] == "    # ecslint: ignore=load-balancer-container -- REASON\n"
    assert edit["range"]["start"] == {"line": line, "character": 0}
    client.request("shutdown", None)
    client.notify("exit", None)
    assert client.proc.wait(timeout=30) == 0


def test_terraform_code_action_edits_the_literal(server):
    client, root = server
    client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    text = ('resource "aws_ecs_task_definition" "web" {\n  family       = "web"\n  network_mode = "awsvpc"\n'
            '  container_definitions = jsonencode([{\n    name         = "app"\n    image        = "nginx:1.27"\n'
            '    portMappings = [{ containerPort = 80, hostPort = 8080 }]\n  }])\n}\n')
    uri = (root / "main.tf").as_uri()
    _open(client, uri, text, "terraform")
    diags = [d for d in client.diagnostics(uri)["diagnostics"] if d["code"] == "ECS140"]
    assert [d["data"]["pointer"] for d in diags] == ["/aws_ecs_task_definition.web/container_definitions/0/portMappings/0/hostPort"]
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": diags}})["result"]
    fix = next(a for a in actions if a["title"].startswith("set hostPort"))
    (edit,) = fix["edit"]["changes"][uri]
    line, col = _line(text, "8080")
    assert edit == {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 4}},
                    "newText": "80"}
    client.request("shutdown", None)
    client.notify("exit", None)
    assert client.proc.wait(timeout=30) == 0
