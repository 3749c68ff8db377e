"""Container names: 1-255 letters, digits, "_" and "-"."""

from ecslint.ecs.names import name_problem, shortened
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        problem = name_problem(c.get("name"))
        if problem:
            yield Problem(ptr + ("name",), f'container name "{shortened(c.get("name"))}" {problem}')


TEMPLATE = Template("invalid-container-name", check)
