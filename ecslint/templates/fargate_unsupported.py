"""Parameters Fargate does not support (RULES.md §3.2, the Fargate section of the developer
guide). Only values that ask for something are flagged: `privileged: false` or an empty
list asks for nothing."""

from ecslint.ecs.views import asks_for, container_label, task_level, shown_setting
from ecslint.model import Problem
from ecslint.registry import Template

CONTAINER = ("disableNetworking", "dnsSearchDomains", "dnsServers", "dockerSecurityOptions", "extraHosts",
             "links", "privileged")
LINUX_PARAMETERS = ("maxSwap", "swappiness", "devices", "sharedMemorySize")
TASK = ("ipcMode", "placementConstraints", "inferenceAccelerators")


def check(td, params, ctx):
    if not td.is_fargate:
        return
    level = params.get("level", "container")
    if level == "task":
        if task_level(ctx):
            for key in TASK:
                if asks_for(td.get(key)):
                    yield Problem((key,), f"task-level {shown_setting(key, td.get(key))} is not supported on Fargate")
        return
    for _, c, ptr in td.containers():
        if level == "container":
            for key in CONTAINER:
                if asks_for(c.get(key)):
                    yield Problem(ptr + (key,), f"{container_label(c)} sets {shown_setting(key, c.get(key))}, "
                                                f"which Fargate does not support")
            reqs = c.get("resourceRequirements")
            for j, req in enumerate(reqs if isinstance(reqs, list) else []):
                if isinstance(req, dict) and req.get("type") in ("GPU", "InferenceAccelerator"):
                    yield Problem(ptr + ("resourceRequirements", j, "type"),
                                  f'{container_label(c)} requests a {req["type"]} resource, '
                                  f"which Fargate does not support")
        else:
            lp = c.get("linuxParameters")
            if not isinstance(lp, dict):
                continue
            for key in LINUX_PARAMETERS:
                if asks_for(lp.get(key)):
                    yield Problem(ptr + ("linuxParameters", key),
                                  f"{container_label(c)} sets linuxParameters {shown_setting(key, lp.get(key))}, "
                                  f"which Fargate does not support")


TEMPLATE = Template("fargate-unsupported", check, {
    "type": "object",
    "properties": {"level": {"enum": ["container", "task", "linux-parameters"]}},
    "additionalProperties": False,
})
