"""An awsvpc configuration takes at most 16 subnets and 5 security groups (AwsVpcConfiguration API)."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import svc_label

LIMITS = (("subnets", 16), ("securityGroups", 5))


def check(svc, params, ctx):
    for key, limit in LIMITS:
        items = svc.awsvpc.get(key)
        if isinstance(items, list) and len(items) > limit:
            yield Problem(("networkConfiguration", "awsvpcConfiguration", key),
                          f"{svc_label(svc)} lists {len(items)} {key}; the limit is {limit}")


TEMPLATE = Template("awsvpc-limits", check)
