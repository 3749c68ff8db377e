"""The same name twice in a container's `environment`: the last one wins."""

from ecslint.ecs.containers import named_entries
from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        seen = set()
        for j, name in named_entries(c.get("environment")):
            if name in seen:
                yield Problem(ptr + ("environment", j, "name"),
                              f'{container_label(c)} sets environment variable "{name}" more than once')
            seen.add(name)


TEMPLATE = Template("duplicate-environment-variable", check)
