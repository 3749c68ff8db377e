"""Container parameters Fargate does not support (RULES.md §3.2, the Fargate section of the
developer guide). Only values that ask for something are flagged: `privileged: false` or an
empty list asks for nothing."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import asks_for, shown_setting
from ecslint.model import Problem, Template

CONTAINER = ("disableNetworking", "dnsSearchDomains", "dnsServers", "dockerSecurityOptions", "extraHosts",
             "links", "privileged")


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
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


TEMPLATE = Template("fargate-unsupported-container-parameter", check)
