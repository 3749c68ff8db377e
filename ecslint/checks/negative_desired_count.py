"""A desiredCount below 0: the CreateService and UpdateService APIs reject it."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    count = svc.get("desiredCount")
    if isinstance(count, int) and not isinstance(count, bool) and count < 0:
        yield Problem(("desiredCount",), f"{service_label(svc)} has desiredCount {count}; it must be 0 or more")


TEMPLATE = Template("negative-desired-count", check)
