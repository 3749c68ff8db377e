"""A dependsOn condition COMPLETE or SUCCESS needs a non-essential target: an essential
container that exits stops the task."""

from ecslint.ecs.containers import dependencies, is_essential
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for c, target, condition, where in dependencies(td):
        if condition in ("COMPLETE", "SUCCESS") and is_essential(target) is True:
            yield Problem(where, f'container "{container_name(c)}" waits for "{container_name(target)}" to be {condition}, '
                                 f'but "{container_name(target)}" is essential; a dependency with '
                                 f'{condition} must set "essential": false')


TEMPLATE = Template("depends-on-essential-exit", check)
