"""A dependsOn condition COMPLETE or SUCCESS needs a non-essential target: an essential
container that exits stops the task."""

from ecslint.ecs.containers import cname, dependencies, is_essential
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    for c, target, condition, where in dependencies(td):
        if condition in ("COMPLETE", "SUCCESS") and is_essential(target) is True:
            yield Problem(where, f'container "{cname(c)}" waits for "{cname(target)}" to be {condition}, '
                                 f'but "{cname(target)}" is essential; a dependency with '
                                 f'{condition} must set "essential": false')


TEMPLATE = Template("depends-on-essential-exit", check)
