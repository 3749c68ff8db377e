"""A desiredCount below 0: the CreateService and UpdateService APIs reject it."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import svc_label


def check(svc, params, ctx):
    count = svc.get("desiredCount")
    if isinstance(count, int) and not isinstance(count, bool) and count < 0:
        yield Problem(("desiredCount",), f"{svc_label(svc)} has desiredCount {count}; it must be 0 or more")


TEMPLATE = Template("negative-desired-count", check)
