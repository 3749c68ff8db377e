"""Policies reach SARIF like built-in rules: every policy template and a select + assert
policy appear in tool.driver.rules with their own ids, names and help, and their results
carry those ids."""

from __future__ import annotations

import json
import os

import jsonschema

from helpers import SARIF_SCHEMA
from cli_helpers import run

POLICIES = """
policies:
  - id: ACME-001
    name: unapproved-registry
    severity: error
    applies-to: [task-definition]
    summary: Image is not from the approved registry
    remediation: Push the image to the platform registry.
    template: image-registry
    params: {allow: ['^111122223333\\.dkr\\.ecr\\.']}
  - id: ACME-002
    name: missing-cost-center
    severity: warning
    applies-to: [task-definition]
    summary: Task definition has no cost-center tag
    remediation: Add a cost-center tag.
    template: required-tags
    params: {tags: [{key: cost-center}]}
  - id: ACME-003
    name: forbidden-env
    severity: warning
    applies-to: [task-definition]
    summary: A debug variable is set
    remediation: Remove the debug variable.
    template: environment-variables
    params: {forbidden: ['^DEBUG$']}
  - id: ACME-004
    name: non-firelens-logs
    severity: warning
    applies-to: [task-definition]
    summary: Container logs without FireLens
    remediation: Route logs through FireLens.
    template: allowed-log-drivers
    params: {drivers: [awsfirelens]}
  - id: ACME-005
    name: non-awsvpc
    severity: warning
    applies-to: [task-definition]
    summary: Task does not use awsvpc
    remediation: Use awsvpc.
    template: allowed-network-modes
    params: {modes: [awsvpc]}
  - id: ACME-006
    name: oversized-task
    severity: error
    applies-to: [task-definition]
    summary: Task is larger than 4 vCPU
    remediation: Split the task.
    template: resource-limits
    params: {max-task-cpu: 4096}
  - id: ACME-007
    name: missing-container-fields
    severity: warning
    applies-to: [task-definition]
    summary: Container lacks a required field
    remediation: Set the field.
    template: required-container-fields
    params: {fields: [healthCheck]}
  - id: ACME-008
    name: launch-type-not-allowed
    severity: warning
    applies-to: [service]
    summary: Service uses a launch type the platform does not allow
    remediation: Use Fargate.
    template: allowed-launch-types
    params: {launch-types: [FARGATE]}
  - id: ACME-009
    name: missing-team-label
    severity: warning
    applies-to: [task-definition]
    summary: Container has no team label
    remediation: Add the team docker label.
    template: required-docker-labels
    params: {labels: [{key: team}]}
  - id: ACME-010
    name: privileged-sidecar
    severity: error
    applies-to: [task-definition]
    summary: Container runs privileged
    remediation: Drop privileged.
    select: /containerDefinitions/*/privileged
    assert: {const: false}
    message: 'container "{container}" is privileged'
"""

TD = {"family": "web", "cpu": "8192", "memory": "16384", "networkMode": "bridge",
      "containerDefinitions": [{"name": "app", "image": "docker.io/library/nginx:1.27", "memory": 512,
                                "privileged": True, "environment": [{"name": "DEBUG", "value": "1"}],
                                "logConfiguration": {"logDriver": "json-file"}}]}
SERVICE = {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "launchType": "EC2"}


def test_every_policy_template_and_select_assert_in_sarif(tmp_path):
    (tmp_path / "policies.yaml").write_text(POLICIES, encoding="utf-8")
    (tmp_path / "td.json").write_text(json.dumps(TD), encoding="utf-8")
    (tmp_path / "svc.json").write_text(json.dumps(SERVICE), encoding="utf-8")
    code, out, err = run(["check", "--config", os.devnull, "--policy", "policies.yaml", "--format", "sarif",
                          "td.json", "svc.json"], cwd=tmp_path)
    assert code == 1, err
    sarif = json.loads(out)
    with open(SARIF_SCHEMA, encoding="utf-8") as fh:
        jsonschema.validate(sarif, json.load(fh))
    run_ = sarif["runs"][0]
    descriptors = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    want = {f"ACME-{i:03d}" for i in range(1, 11)}
    assert want <= set(descriptors)
    for rid in want:
        d = descriptors[rid]
        assert d["name"] and d["shortDescription"]["text"] and d["help"]["text"] and d["help"]["markdown"]
        assert "policy" in d["properties"]["tags"]
    fired = {r["ruleId"] for r in run_["results"]}
    assert want <= fired, sorted(want - fired)  # the inputs break every policy once
    index = {r["id"]: i for i, r in enumerate(run_["tool"]["driver"]["rules"])}
    for r in run_["results"]:
        assert r["ruleIndex"] == index[r["ruleId"]]
