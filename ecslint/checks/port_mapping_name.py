"""portMappings[].name (used by Service Connect and VPC Lattice): up to 64 lowercase
letters, digits, "_" and "-", not starting with "-", and unique in the task definition."""

import re

from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

_NAME_RE = re.compile(r"[a-z0-9_][a-z0-9_-]{0,63}")


def check(td, params, ctx):
    seen: dict = {}
    for _, c, ptr in td.containers():
        for j, pm in items(c.get("portMappings")):
            name = pm.get("name")
            if not isinstance(name, str) or not known(name):
                continue
            where = ptr + ("portMappings", j, "name")
            if not _NAME_RE.fullmatch(name):
                yield Problem(where, f'container "{container_name(c)}" port mapping name "{name}" must be 1-64 lowercase '
                                     f'letters, digits, "_" or "-", not starting with "-"')
            elif name in seen:
                yield Problem(where, f'container "{container_name(c)}" port mapping name "{name}" is already used by '
                                     f'container "{seen[name]}"')
            else:
                seen[name] = container_name(c)


TEMPLATE = Template("port-mapping-name", check)
