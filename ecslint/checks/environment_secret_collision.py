"""A name set in both `environment` and `secrets`: which value the container sees is not
what the reader expects."""

from ecslint.ecs.containers import named_entries
from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        env = {name for _, name in named_entries(c.get("environment"))}
        for j, name in named_entries(c.get("secrets")):
            if name in env:
                yield Problem(ptr + ("secrets", j, "name"),
                              f'{container_label(c)} sets "{name}" in both environment and secrets')


TEMPLATE = Template("environment-secret-collision", check)
