"""An ECS scalable target or policy whose ScalableDimension is not ecs:service:DesiredCount."""

from ecslint.ecs.scaling import DIMENSION, is_ecs
from ecslint.ecs.views import known
from ecslint.model import SCALABLE_TARGET, SCALING_POLICY, Problem, Template


def check(view, params, ctx):
    dim = view.get("ScalableDimension")
    if is_ecs(view.data) and known(dim) and isinstance(dim, str) and dim != DIMENSION:
        yield Problem(("ScalableDimension",), f'{view.label} has ScalableDimension "{dim}"; the only dimension '
                                              f'of the ecs namespace is "{DIMENSION}"')


TEMPLATE = Template("scaling-dimension", check, kinds=[SCALABLE_TARGET, SCALING_POLICY])
