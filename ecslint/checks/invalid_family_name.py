"""The family name: 1-255 letters, digits, "_" and "-"."""

from ecslint.ecs.names import name_problem, shortened
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if td.task_level_known:
        problem = name_problem(td.get("family"))
        if problem:
            yield Problem(("family",), f'family "{shortened(td.get("family"))}" {problem}')


TEMPLATE = Template("invalid-family-name", check)
