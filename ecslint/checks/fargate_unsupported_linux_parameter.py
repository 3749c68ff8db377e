"""linuxParameters options Fargate does not support (RULES.md §3.2). Only values that ask
for something are flagged."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import asks_for, shown_setting
from ecslint.model import Problem, Template

LINUX_PARAMETERS = ("maxSwap", "swappiness", "devices", "sharedMemorySize")


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        lp = c.get("linuxParameters")
        if not isinstance(lp, dict):
            continue
        for key in LINUX_PARAMETERS:
            if asks_for(lp.get(key)):
                yield Problem(ptr + ("linuxParameters", key),
                              f"{container_label(c)} sets linuxParameters {shown_setting(key, lp.get(key))}, "
                              f"which Fargate does not support")


TEMPLATE = Template("fargate-unsupported-linux-parameter", check)
