"""Each task volume name is declared once (AWS rejects a duplicate name)."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    names = set()
    for _, v, ptr in td.volumes():
        name = v.get("name")
        if isinstance(name, str) and known(name):
            if name in names:
                yield Problem(ptr + ("name",), f'volume name "{name}" is declared more than once')
            names.add(name)


TEMPLATE = Template("duplicate-volume-name", check)
