"""A dependsOn condition HEALTHY needs a healthCheck on its target container."""

from ecslint.ecs.containers import dependencies
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for c, target, condition, where in dependencies(td):
        if condition == "HEALTHY" and target.get("healthCheck") is None:
            yield Problem(where, f'container "{container_name(c)}" waits for "{container_name(target)}" to be {condition}, '
                                 f'but "{container_name(target)}" has no healthCheck')


TEMPLATE = Template("depends-on-healthy-without-health-check", check)
