"""A FireLens log router (firelensConfiguration) that no container logs through (logDriver
awsfirelens): AWS rejects the half alone at registration."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def _unknown_driver(c):
    lc = c.get("logConfiguration")
    return isinstance(lc, dict) and lc.get("logDriver") is not None and log_config(c)[0] is None


def check(td, params, ctx):
    containers = [c for _, c, _ in td.containers()]
    if any(_unknown_driver(c) for c in containers):
        return  # a driver we cannot know might be awsfirelens
    if "awsfirelens" in (log_config(c)[0] for c in containers):
        return
    for _, c, ptr in td.containers():
        if c.get("firelensConfiguration") is not None:
            yield Problem(ptr + ("firelensConfiguration",),
                          f'container "{container_name(c)}" is a FireLens log router, but no container uses the '
                          f'"awsfirelens" log driver')


TEMPLATE = Template("firelens-router-unused", check)
