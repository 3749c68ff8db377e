"""Service lists the API caps at a number of items that the model states only in prose."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template

PARAMS = {
    "type": "object",
    "required": ["limits"],
    "properties": {"limits": {"type": "object", "description": "top-level service field → most items allowed",
                              "additionalProperties": {"type": "integer", "minimum": 0}}},
    "additionalProperties": False,
}


def check(svc, params, ctx):
    for key, limit in params["limits"].items():
        items = svc.get(key)
        if isinstance(items, list) and len(items) > limit:
            yield Problem((key,), f"{service_label(svc)} lists {len(items)} {key}; the limit is {limit}")


TEMPLATE = Template("service-list-limits", check, PARAMS)
