"""Family, container and volume names: 1-255 letters, digits, "_" and "-"."""

from ecslint.ecs.names import name_problem
from ecslint.ecs.views import task_level
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    of = params.get("of", "container")
    if of == "family":
        if task_level(ctx):
            problem = name_problem(td.get("family"))
            if problem:
                yield Problem(("family",), f'family "{_short(td.get("family"))}" {problem}')
        return
    items = td.containers() if of == "container" else td.volumes()
    for _, item, ptr in items:
        name = item.get("name")
        problem = name_problem(name)
        if problem:
            yield Problem(ptr + ("name",), f'{of} name "{_short(name)}" {problem}')


def _short(name):
    return name if len(name) <= 40 else name[:37] + "..."


TEMPLATE = Template("name-format", check, {
    "type": "object",
    "properties": {"of": {"enum": ["family", "container", "volume"], "description": "Which name to check"}},
    "additionalProperties": False,
})
