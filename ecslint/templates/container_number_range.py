"""Integers inside a container definition that AWS accepts only in a range (the API model
states the ranges in prose, so the generated schema cannot check them)."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

PARAMS = {
    "type": "object",
    "required": ["fields"],
    "properties": {
        "fields": {
            "type": "object",
            "description": "container field path (a/b) → [minimum, maximum]",
            "additionalProperties": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
        },
        "unit": {"type": "string"},
    },
    "additionalProperties": False,
}


def check(td, params, ctx):
    unit = params.get("unit", "")
    for _, c, ptr in td.containers():
        for path, (lo, hi) in params["fields"].items():
            node, tokens = c, path.split("/")
            for tok in tokens:
                node = node.get(tok) if isinstance(node, dict) else None
            if not isinstance(node, int) or isinstance(node, bool) or lo <= node <= hi:
                continue
            yield Problem(ptr + tuple(tokens), f'container "{container_name(c)}" {".".join(tokens)} is {node}; '
                                               f"it must be {lo}–{hi}{unit}")


TEMPLATE = Template("container-number-range", check, PARAMS)
