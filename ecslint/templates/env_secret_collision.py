"""A variable set both in environment and in secrets: which value the container sees is
easy to get wrong, and a leftover plaintext value is often the secret itself."""

from ecslint.ecs.containers import cname, items
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        secret_names = {s["name"] for _, s in items(c.get("secrets")) if isinstance(s.get("name"), str)}
        for j, var in items(c.get("environment")):
            name = var.get("name")
            if isinstance(name, str) and name in secret_names:
                # never print the value: it may be the secret
                yield Problem(ptr + ("environment", j, "name"),
                              f'container "{cname(c)}" sets "{name}" in both environment and secrets')


TEMPLATE = Template("env-secret-collision", check)
