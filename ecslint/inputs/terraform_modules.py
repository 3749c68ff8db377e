"""Calls of the terraform-aws-modules/ecs service module → a task definition and a service.

`module "web" { source = "terraform-aws-modules/ecs/aws//modules/service" ... }` creates an
`aws_ecs_task_definition` and an `aws_ecs_service` from its inputs (terraform-hcl.md §A.14,
module v7.5.0). Inputs are evaluated like any HCL and turned into the two resources' plan
values, with the module's own defaults where the module documents one (cpu 1024, memory 2048,
awsvpc, FARGATE, desired_count 1, minimum healthy 66 %, a read-only root file system and an
awslogs log configuration per container...). What the module computes (roles, security
group, log group name, region) is UNKNOWN, and so is every input this mapping does not read,
so no rule concludes from the module that something is missing.

Only module versions 6 and later are read: their `container_definitions` inputs are the API's
camelCase names. A 5.x call (snake_case inputs) is skipped with a reason.
"""

from __future__ import annotations

import re

from ecslint.ecs.placeholders import UNKNOWN

SOURCES = ("terraform-aws-modules/ecs/aws//modules/service", "terraform-aws-modules/terraform-aws-ecs//modules/service")
_OLD_VERSION = re.compile(r"^\s*+[~>=<!]*+\s*+[0-5]\.")  # possessive: linear on long runs of spaces
# Container inputs that are the module's own, not API fields.
_NOT_API = frozenset({"create", "operating_system_family", "tags", "enable_cloudwatch_logging",
                      "create_cloudwatch_log_group", "cloudwatch_log_group_name",
                      "cloudwatch_log_group_use_name_prefix", "cloudwatch_log_group_class",
                      "cloudwatch_log_group_retention_in_days", "cloudwatch_log_group_kms_key_id"})
_CONTAINER_DEFAULTS = {"readonlyRootFilesystem": True, "privileged": False, "interactive": False,
                       "pseudoTerminal": False, "versionConsistency": "disabled", "startTimeout": 30,
                       "stopTimeout": 120}
# Inputs with the resource argument's name and meaning.
_TASK_SAME = ("family", "cpu", "memory", "network_mode", "requires_compatibilities", "ipc_mode", "pid_mode",
              "enable_fault_injection")
_SERVICE_SAME = ("name", "desired_count", "launch_type", "platform_version", "scheduling_strategy",
                 "health_check_grace_period_seconds", "propagate_tags", "enable_ecs_managed_tags",
                 "enable_execute_command", "deployment_maximum_percent", "deployment_minimum_healthy_percent",
                 "availability_zone_rebalancing")
# Inputs the mapping does not read: given, they make the matching argument UNKNOWN.
_SERVICE_UNREAD = {"service_connect_configuration": "service_connect_configuration",
                   "ordered_placement_strategy": "ordered_placement_strategy",
                   "placement_constraints": "placement_constraints", "service_registries": "service_registries",
                   "volume_configuration": "volume_configuration", "alarms": "alarms",
                   "deployment_controller": "deployment_controller"}
_TASK_UNREAD = {"volume": "volume", "proxy_configuration": "proxy_configuration",
                "task_definition_placement_constraints": "placement_constraints",
                "ephemeral_storage": "ephemeral_storage"}


def is_service_module(block, evaluate) -> bool:
    src = block.attrs.get("source")
    return src is not None and evaluate(src[1]) in SOURCES


def old_version(block, evaluate) -> bool:
    ver = block.attrs.get("version")
    v = evaluate(ver[1]) if ver else None
    return isinstance(v, str) and _OLD_VERSION.match(v) is not None


def resources(inputs: dict) -> tuple[dict, dict, list]:
    """(task definition values, service values, container keys in order) from the evaluated inputs."""
    def given(name):
        return name in inputs and inputs[name] is not None

    name = inputs.get("name", UNKNOWN)
    td: dict = {"family": inputs["family"] if given("family") else name, "cpu": "1024", "memory": "2048",
                "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"],
                "execution_role_arn": UNKNOWN, "task_role_arn": UNKNOWN,
                "runtime_platform": [{"cpu_architecture": "X86_64", "operating_system_family": "LINUX"}]}
    for k in _TASK_SAME:
        if given(k):
            td[k] = inputs[k]
    for k in ("cpu", "memory"):
        if isinstance(td[k], (int, float)) and not isinstance(td[k], bool):
            td[k] = str(int(td[k]))
    rp = inputs.get("runtime_platform")
    if isinstance(rp, dict):
        td["runtime_platform"] = [{**td["runtime_platform"][0], **rp}]
    elif rp is UNKNOWN:
        td["runtime_platform"] = UNKNOWN
    for k, arg in _TASK_UNREAD.items():
        if given(k):
            td[arg] = UNKNOWN
    exec_cmd = inputs.get("enable_execute_command", False)
    cds = inputs.get("container_definitions")
    keys: list = []
    if isinstance(cds, dict):
        containers: list = []
        for key, c in cds.items():
            if not isinstance(c, dict):
                containers.append(UNKNOWN)
                keys.append(key)
                continue
            if c.get("create") is False:
                continue
            containers.append(_container(key, c, exec_cmd))
            keys.append(key)
        td["container_definitions"] = containers
    elif given("container_definitions"):
        td["container_definitions"] = UNKNOWN

    svc: dict = {"name": name, "cluster": inputs.get("cluster_arn", UNKNOWN), "task_definition": UNKNOWN,
                 "desired_count": 1, "launch_type": "FARGATE", "deployment_maximum_percent": 200,
                 "deployment_minimum_healthy_percent": 66, "enable_execute_command": False,
                 "deployment_circuit_breaker": UNKNOWN}
    for k in _SERVICE_SAME:
        if given(k):
            svc[k] = inputs[k]
    if given("capacity_provider_strategy"):
        svc.pop("launch_type", None)  # the module sets launch_type null with a strategy
        svc["capacity_provider_strategy"] = UNKNOWN
    cb = inputs.get("deployment_circuit_breaker")
    if isinstance(cb, dict) and cb:
        svc["deployment_circuit_breaker"] = [cb]
    if td["network_mode"] == "awsvpc" or td["network_mode"] is UNKNOWN:
        svc["network_configuration"] = [{"subnets": inputs.get("subnet_ids", UNKNOWN), "security_groups": UNKNOWN,
                                         "assign_public_ip": inputs.get("assign_public_ip", False)}]
    lbs = inputs.get("load_balancer")
    if isinstance(lbs, dict):
        svc["load_balancer"] = [lb if isinstance(lb, dict) else UNKNOWN for lb in lbs.values()]
    elif given("load_balancer"):
        svc["load_balancer"] = UNKNOWN
    for k, arg in _SERVICE_UNREAD.items():
        if given(k):
            svc[arg] = UNKNOWN
    if given("tags"):
        svc["tags"] = td["tags"] = inputs["tags"]
    return td, svc, keys


def _container(key, c: dict, exec_cmd) -> dict:
    out = dict(_CONTAINER_DEFAULTS)
    out["name"] = key
    for k, v in c.items():
        if k not in _NOT_API and v is not None:
            out[k] = v
    if c.get("enable_cloudwatch_logging", True) is not False:
        base: dict = {"logDriver": "awslogs", "options": {"awslogs-region": UNKNOWN, "awslogs-group": UNKNOWN,
                                                    "awslogs-stream-prefix": "ecs"}}
        user = c.get("logConfiguration")
        if isinstance(user, dict):
            opts = user.get("options")
            base = {**base, **user, "options": {**base["options"], **opts} if isinstance(opts, dict) else opts}
        elif user is UNKNOWN:
            base = UNKNOWN
        out["logConfiguration"] = base
    if c.get("operating_system_family", "LINUX") == "LINUX":
        lp = out.get("linuxParameters")
        if isinstance(lp, dict):
            out["linuxParameters"] = {"initProcessEnabled": exec_cmd, **lp}
        elif lp is None:
            out["linuxParameters"] = {"initProcessEnabled": exec_cmd}
    hc = out.get("healthCheck")
    if isinstance(hc, dict):
        out["healthCheck"] = {"interval": 30, "retries": 3, "timeout": 5, "command": [], **hc}
    return out
