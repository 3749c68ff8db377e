"""A service whose desiredCount lies outside the [MinCapacity, MaxCapacity] of its scalable target."""

from ecslint.ecs.scaling import capacity, integer
from ecslint.model import SCALABLE_TARGET, Problem, Template


def check(target, params, ctx):
    svc = target.links.service if target.links is not None else None
    count = integer(svc.get("desiredCount")) if isinstance(svc, dict) else None
    if count is None:
        return
    low, high = capacity(target)
    if low is not None and count < low:
        yield Problem(("MinCapacity",), f"{target.label} has MinCapacity {low}, above its service's desiredCount "
                                        f"{count}: registering the target scales the service out at once")
    elif high is not None and count > high:
        yield Problem(("MaxCapacity",), f"{target.label} has MaxCapacity {high}, below its service's desiredCount "
                                        f"{count}: registering the target scales the service in at once")


TEMPLATE = Template("desired-count-outside-scaling-range", check, kinds=[SCALABLE_TARGET])
