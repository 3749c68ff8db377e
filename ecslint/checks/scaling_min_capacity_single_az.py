"""A scalable target whose MinCapacity leaves an Availability Zone without a task."""

from ecslint.ecs.scaling import capacity
from ecslint.model import SCALABLE_TARGET, Problem, Template


def check(target, params, ctx):
    low, _ = capacity(target)
    if low is None:
        return
    azs = target.links.service_azs if target.links is not None else None
    if low < 2:
        yield Problem(("MinCapacity",), f"{target.label} has MinCapacity {low}: scaled in, the service runs "
                                        f"{'no task' if low == 0 else 'one task, in one Availability Zone'}")
    elif azs is not None and low < azs:
        yield Problem(("MinCapacity",), f"{target.label} has MinCapacity {low}, fewer than the {azs} Availability "
                                        "Zones its service's subnets span: scaled in, some zones run no task")


TEMPLATE = Template("scaling-min-capacity-single-az", check, kinds=[SCALABLE_TARGET])
