"""Container names must be unique within a task definition."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    first: dict = {}
    for i, c, ptr in td.containers():
        name = c.get("name")
        if not isinstance(name, str) or not known(name):
            continue
        if name in first:
            yield Problem(ptr + ("name",),
                          f'container name "{name}" is already used by containerDefinitions[{first[name]}]')
        else:
            first[name] = i


TEMPLATE = Template("duplicate-container-name", check)
