"""As practice, every container sets a hard memory limit."""

from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        if c.get("memory") is None:
            yield Problem(ptr, f"{container_label(c)} has no hard memory limit")


TEMPLATE = Template("memory-hard-limit", check)
