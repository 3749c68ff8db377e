"""An awsvpc configuration takes 1–16 subnets and at most 5 security groups (AwsVpcConfiguration API)."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template

LIMITS = (("subnets", 16), ("securityGroups", 5))


def check(svc, params, ctx):
    for key, limit in LIMITS:
        items = svc.awsvpc.get(key)
        if key == "subnets" and items == []:
            yield Problem(("networkConfiguration", "awsvpcConfiguration", key),
                          f"{service_label(svc)} lists no subnets; the awsvpc configuration needs at least one")
        elif isinstance(items, list) and len(items) > limit:
            yield Problem(("networkConfiguration", "awsvpcConfiguration", key),
                          f"{service_label(svc)} lists {len(items)} {key}; the limit is {limit}")


TEMPLATE = Template("awsvpc-limits", check)
