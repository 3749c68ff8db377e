"""A task needs at least one essential container; essential defaults to true."""

from ecslint.ecs.containers import is_essential
from ecslint.ecs.labels import task_definition_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    containers = list(td.containers())
    if not containers or any(is_essential(c) is not False for _, c, _ in containers):
        return  # some container is essential, or may be (unknown value)
    label = task_definition_label(td)
    yield Problem(("containerDefinitions",), f"{label} has no essential container; "
                                             f'at least one must keep "essential" true (the default)')


TEMPLATE = Template("essential-container", check)
