"""Environment variable names: the same name twice in `environment` (the last wins), or a
name set in both `environment` and `secrets` (which value the container sees is not what
the reader expects)."""

from ecslint.ecs.views import container_label, known
from ecslint.model import Problem
from ecslint.registry import Template


def _names(items):
    for j, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("name"), str) and known(item["name"]):
            yield j, item["name"]


def check(td, params, ctx):
    mode = params.get("check", "duplicate")
    for _, c, ptr in td.containers():
        if mode == "duplicate":
            seen = set()
            for j, name in _names(c.get("environment")):
                if name in seen:
                    yield Problem(ptr + ("environment", j, "name"),
                                  f'{container_label(c)} sets environment variable "{name}" more than once')
                seen.add(name)
        else:
            env = {name for _, name in _names(c.get("environment"))}
            for j, name in _names(c.get("secrets")):
                if name in env:
                    yield Problem(ptr + ("secrets", j, "name"),
                                  f'{container_label(c)} sets "{name}" in both environment and secrets')


TEMPLATE = Template("environment-names", check, {
    "type": "object",
    "properties": {"check": {"enum": ["duplicate", "secret-collision"]}},
    "additionalProperties": False,
})
