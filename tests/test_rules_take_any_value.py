"""Rules get whatever the user wrote: any JSON value at the keys they read gives findings
(or none), never a traceback; every pointer resolves in the document and every message
follows the style (no final period). Two property suites, each over the rules that read
the keys it varies: task-definition hygiene, Fargate and resources (ECS106-139, ECS203-239,
ECS402-419), and security, reliability and service/deployment with the pair stage
(ECS320-359, ECS420-449, ECS602-659). tests/test_template_robustness.py runs every rule's
own cases with hostile values; this file explores shapes no case holds."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import lint_value, settings_for, triples
from ecslint.ecs.views import ServiceView, TaskDefinitionView
from ecslint.engine import check_pair, lint_text
from ecslint.model import pointer_tokens
from ecslint.registry import default_registry

# ------------------------------------------------ task-definition hygiene, Fargate, resources

TASK_RULES = [r.id for r in default_registry().rules
              if "106" <= r.id[3:] <= "139" or "203" <= r.id[3:] <= "239" or "402" <= r.id[3:] <= "419"]

task_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 300000), st.floats(allow_nan=False),
                         st.sampled_from(["", "x", "FARGATE", "awslogs", "ALL", "GPU", "1 vCPU", "2 GB", "${X}", "a.b"]))
task_values = st.recursive(task_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["name", "type", "value", "add", "sourcePath", "options", "logDriver", "sizeInGiB",
                     "deviceName", "config-file-type", "tmpfs", "capabilities"]), inner, max_size=3), max_leaves=8)
CONTAINER_KEYS = ["name", "image", "memory", "memoryReservation", "cpu", "environment", "secrets", "links",
                  "privileged", "linuxParameters", "logConfiguration", "resourceRequirements", "startTimeout",
                  "stopTimeout", "firelensConfiguration", "repositoryCredentials"]
TASK_KEYS = ["family", "cpu", "memory", "pidMode", "ipcMode", "volumes", "ephemeralStorage", "runtimePlatform",
             "inferenceAccelerators", "placementConstraints", "executionRoleArn"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(TASK_KEYS), task_values, max_size=6),
       st.lists(st.one_of(task_values, st.dictionaries(st.sampled_from(CONTAINER_KEYS), task_values, max_size=8)),
                max_size=3),
       st.booleans())
def test_task_definition_rules_take_any_value(task, containers, fargate):
    doc = dict(task, containerDefinitions=containers)
    if fargate:
        doc["requiresCompatibilities"] = ["FARGATE"]
    for f in lint_value(doc, TASK_RULES):
        assert f.rule in TASK_RULES and f.message and not f.message.endswith(".")


def test_task_definition_rule_set_is_selected():
    assert len(TASK_RULES) >= 30


def test_container_definitions_get_no_task_level_findings():
    """A Terraform container_definitions file has no task level to judge."""
    containers = [{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1",
                   "memory": 64, "cpu": 99999,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "r"}}}]
    assert triples(lint_value(containers, TASK_RULES, kind="task-definition")) == []


# ------------------------------------------------ security, reliability, service and pairs

SERVICE_RULES = [r.id for r, _, _ in settings_for(()).rules.values()
                 if 320 <= int(r.id[3:]) <= 359 or 420 <= int(r.id[3:]) <= 449 or 602 <= int(r.id[3:]) <= 659]
SERVICE_SETTINGS = settings_for(SERVICE_RULES)

service_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.sampled_from(
    ["", "host", "ENABLED", "DISABLED", "DAEMON", "FARGATE", "EC2", "CMD", "NONE", "root", "0:0", "awsvpc",
     "CODE_DEPLOY", "${X}", "SYS_ADMIN", "LATEST", "1.3.0", "app", "data"]))
service_values = st.recursive(service_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["name", "command", "enable", "rollback", "base", "weight", "capacityProvider", "containerName",
         "containerPort", "portName", "type", "transitEncryption", "authorizationConfig", "iam",
         "accessPointId", "rootDirectory", "add", "capabilities", "portMappings", "configuredAtLaunch"]),
        inner, max_size=4)), max_leaves=12)

PAIR_TD_KEYS = ["pidMode", "ipcMode", "networkMode", "volumes", "tags", "requiresCompatibilities", "runtimePlatform"]
PAIR_C_KEYS = ["privileged", "readonlyRootFilesystem", "user", "healthCheck", "restartPolicy", "linuxParameters",
               "portMappings", "essential", "name"]
SVC_KEYS = ["launchType", "capacityProviderStrategy", "networkConfiguration", "schedulingStrategy",
            "deploymentConfiguration", "deploymentController", "platformVersion", "loadBalancers", "role",
            "enableECSManagedTags", "propagateTags", "enableExecuteCommand", "serviceConnectConfiguration",
            "healthCheckGracePeriodSeconds", "volumeConfigurations", "tags"]


def resolves(doc, pointer):
    node = doc
    for tok in pointer_tokens(pointer):
        node = node[int(tok)] if isinstance(node, list) else node[str(tok)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PAIR_TD_KEYS), service_values),
       st.dictionaries(st.sampled_from(PAIR_C_KEYS), service_values),
       st.dictionaries(st.sampled_from(SVC_KEYS), service_values))
def test_service_and_pair_rules_take_any_value(td_extra, container_extra, svc_extra):
    td = {"family": "web", **td_extra, "containerDefinitions": [{"name": "app", "image": "nginx:1.27", **container_extra}]}
    svc = {"serviceName": "web", "taskDefinition": "web", **svc_extra}
    for doc in (td, svc):
        for f in lint_text("x.json", json.dumps(doc), SERVICE_SETTINGS, "json").findings:
            resolves(doc, f.pointer)
    for problem, _rule, _ in check_pair(ServiceView(svc), TaskDefinitionView(td), SERVICE_SETTINGS):
        node = svc
        for tok in problem.pointer:
            node = node[tok]
        assert problem.message and not problem.message.endswith(".")
