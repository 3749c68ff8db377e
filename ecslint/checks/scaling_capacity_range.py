"""A scalable target whose MinCapacity is above its MaxCapacity: RegisterScalableTarget rejects it."""

from ecslint.ecs.scaling import capacity
from ecslint.model import SCALABLE_TARGET, Problem, Template


def check(target, params, ctx):
    low, high = capacity(target)
    if low is not None and high is not None and low > high:
        yield Problem(("MinCapacity",), f"{target.label} has MinCapacity {low} above MaxCapacity {high}; "
                                        "Application Auto Scaling rejects the target")


TEMPLATE = Template("scaling-capacity-range", check, kinds=[SCALABLE_TARGET])
