"""Every container (or those whose name matches) must carry dockerLabels, optionally with
allowed values."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template
from ecslint.templates._policy_util import compiled


def check(td, params, ctx):
    only = params.get("containers")
    for _, c, ptr in td.containers():
        if only and not (isinstance(c.get("name"), str) and compiled(only).fullmatch(c["name"])):
            continue
        labels = c.get("dockerLabels")
        where = ptr + ("dockerLabels",) if isinstance(labels, dict) else ptr
        labels = labels if isinstance(labels, dict) else {}
        for spec in params["labels"]:
            key = spec["key"]
            if key not in labels:
                yield Problem(where, f'{container_label(c)} has no docker label "{key}"')
                continue
            value = labels[key]
            if not isinstance(value, str) or not known(value):
                continue
            allowed, pattern = spec.get("values"), spec.get("pattern")
            if allowed is not None and value not in allowed:
                yield Problem(ptr + ("dockerLabels", key),
                              f'{container_label(c)} docker label "{key}" is "{value}"; allowed: {", ".join(allowed)}')
            elif pattern is not None and not compiled(pattern).fullmatch(value):
                yield Problem(ptr + ("dockerLabels", key),
                              f'{container_label(c)} docker label "{key}" is "{value}", which does not match "{pattern}"')


TEMPLATE = Template("required-docker-labels", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "required": ["labels"],
    "properties": {
        "labels": {"type": "array", "minItems": 1,
                   "description": "Labels that must be present: key, and optionally allowed values or a full-match regex",
                   "items": {"type": "object", "required": ["key"], "additionalProperties": False, "properties": {
                       "key": {"type": "string", "minLength": 1},
                       "values": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                       "pattern": {"type": "string", "format": "regex"}}}},
        "containers": {"type": "string", "format": "regex", "description": "Check only containers whose name fully matches"},
    },
    "additionalProperties": False,
})
