"""A scalable target whose MinCapacity equals its MaxCapacity: nothing scales."""

from ecslint.ecs.scaling import capacity
from ecslint.model import SCALABLE_TARGET, Problem, Template


def check(target, params, ctx):
    low, high = capacity(target)
    if low is not None and low == high:
        yield Problem(("MaxCapacity",), f"{target.label} has MinCapacity and MaxCapacity {low}: its policies "
                                        "can never change the task count")


TEMPLATE = Template("scaling-fixed-capacity", check, kinds=[SCALABLE_TARGET])
