"""The task-definition hygiene, Fargate and resource rules (ECS106-113, ECS203-214,
ECS402-411) never raise, whatever shape the values they read have."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import lint_value, triples
from ecslint.registry import default_registry

RULES = [r.id for r in default_registry().rules
         if "106" <= r.id[3:] <= "139" or "203" <= r.id[3:] <= "239" or "402" <= r.id[3:] <= "419"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 300000), st.floats(allow_nan=False),
                    st.sampled_from(["", "x", "FARGATE", "awslogs", "ALL", "GPU", "1 vCPU", "2 GB", "${X}", "a.b"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["name", "type", "value", "add", "sourcePath", "options", "logDriver", "sizeInGiB",
                     "deviceName", "config-file-type", "tmpfs", "capabilities"]), inner, max_size=3), max_leaves=8)
CONTAINER_KEYS = ["name", "image", "memory", "memoryReservation", "cpu", "environment", "secrets", "links",
                  "privileged", "linuxParameters", "logConfiguration", "resourceRequirements", "startTimeout",
                  "stopTimeout", "firelensConfiguration", "repositoryCredentials"]
TASK_KEYS = ["family", "cpu", "memory", "pidMode", "ipcMode", "volumes", "ephemeralStorage", "runtimePlatform",
             "inferenceAccelerators", "placementConstraints", "executionRoleArn"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(TASK_KEYS), values, max_size=6),
       st.lists(st.one_of(values, st.dictionaries(st.sampled_from(CONTAINER_KEYS), values, max_size=8)), max_size=3),
       st.booleans())
def test_rules_never_raise(task, containers, fargate):
    doc = dict(task, containerDefinitions=containers)
    if fargate:
        doc["requiresCompatibilities"] = ["FARGATE"]
    for f in lint_value(doc, RULES):
        assert f.rule in RULES and f.message and not f.message.endswith(".")


def test_rule_set_is_selected():
    assert len(RULES) >= 30


def test_container_definitions_get_no_task_level_findings():
    """A Terraform container_definitions file has no task level to judge."""
    containers = [{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1",
                   "memory": 64, "cpu": 99999,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "r"}}}]
    assert triples(lint_value(containers, RULES, kind="task-definition")) == []
