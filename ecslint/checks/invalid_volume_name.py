"""Volume names: 1-255 letters, digits, "_" and "-"."""

from ecslint.ecs.names import name_problem, shortened
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, v, ptr in td.volumes():
        problem = name_problem(v.get("name"))
        if problem:
            yield Problem(ptr + ("name",), f'volume name "{shortened(v.get("name"))}" {problem}')


TEMPLATE = Template("invalid-volume-name", check)
