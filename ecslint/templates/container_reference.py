"""A field that names another container of the same task must name one that exists and
is not the container itself (dependsOn, volumesFrom)."""

from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

PARAMS = {
    "type": "object",
    "required": ["list", "key"],
    "properties": {
        "list": {"type": "string", "description": "The container field holding the references"},
        "key": {"type": "string", "description": "The member that names the other container"},
    },
    "additionalProperties": False,
}


def check(td, params, ctx):
    field, key = params["list"], params["key"]
    names = td.container_names()
    for _, c, ptr in td.containers():
        for j, ref in items(c.get(field)):
            target = ref.get(key)
            if not isinstance(target, str) or not known(target):
                continue
            where = ptr + (field, j, key)
            if target == c.get("name"):
                yield Problem(where, f'container "{container_name(c)}" {field} names itself')
            elif target not in names and td.names_known:
                yield Problem(where, f'container "{container_name(c)}" {field} names "{target}", '
                                     f'which is not a container in this task definition')


TEMPLATE = Template("container-reference", check, PARAMS)
