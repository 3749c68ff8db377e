"""Every container (or those whose name matches) must set the listed fields."""

from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template
from ecslint.templates._policy_util import compiled


def check(td, params, ctx):
    only = params.get("containers")
    for _, c, ptr in td.containers():
        if only and not (isinstance(c.get("name"), str) and compiled(only).fullmatch(c["name"])):
            continue
        for name in params["fields"]:
            if c.get(name) in (None, "", [], {}):
                yield Problem(ptr, f'{container_label(c)} does not set "{name}"')


TEMPLATE = Template("required-container-fields", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "required": ["fields"],
    "properties": {
        "fields": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
                   "description": "Container definition fields that must be set and non-empty"},
        "containers": {"type": "string", "format": "regex", "description": "Check only containers whose name fully matches"},
    },
    "additionalProperties": False,
})
