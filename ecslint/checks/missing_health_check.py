"""Essential containers should define a healthCheck: ECS ignores an image's HEALTHCHECK, so
without one a hung process stays "running" unless a load balancer notices."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        if c.get("essential", True) is False or "healthCheck" in c:
            continue
        yield Problem(ptr, f'essential container "{container_name(c)}" has no healthCheck')


TEMPLATE = Template("missing-health-check", check)
