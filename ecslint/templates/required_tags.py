"""Task definitions and services must carry tags, optionally with allowed values."""

from ecslint.ecs.labels import document_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template
from ecslint.templates._policy_util import compiled


def check(view, params, ctx):
    tags = view.get("tags")
    present: dict = {}
    if isinstance(tags, list):
        for i, t in enumerate(tags):
            if isinstance(t, dict) and isinstance(t.get("key"), str):
                present.setdefault(t["key"], (i, t.get("value")))
    where = ("tags",) if isinstance(tags, list) else ()
    for spec in params["tags"]:
        key = spec["key"]
        if key not in present:
            yield Problem(where, f'{document_label(view)} has no "{key}" tag')
            continue
        i, value = present[key]
        if not isinstance(value, str) or not known(value):
            continue
        allowed, pattern = spec.get("values"), spec.get("pattern")
        if allowed is not None and value not in allowed:
            yield Problem(("tags", i, "value"), f'{document_label(view)} tag "{key}" is "{value}"; allowed: {", ".join(allowed)}')
        elif pattern is not None and not compiled(pattern).fullmatch(value):
            yield Problem(("tags", i, "value"), f'{document_label(view)} tag "{key}" is "{value}", which does not match "{pattern}"')


TEMPLATE = Template("required-tags", check, {
    "type": "object",
    "required": ["tags"],
    "properties": {"tags": {
        "type": "array", "minItems": 1,
        "description": "Tags that must be present: key, and optionally the allowed values or a full-match regex",
        "items": {"type": "object", "required": ["key"], "additionalProperties": False, "properties": {
            "key": {"type": "string", "minLength": 1},
            "values": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "pattern": {"type": "string", "format": "regex"}}}}},
    "additionalProperties": False,
})
