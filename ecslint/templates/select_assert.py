"""select + assert: a JSON-pointer path with `*` wildcards picks nodes, and a JSON Schema
fragment must hold on each. The declarative rules in rules/ and user policies use it."""

from __future__ import annotations

import json
from functools import cache

from ecslint.ecs.arns import task_definition_family
from ecslint.ecs.labels import container_name, shown_name
from ecslint.ecs.views import known
from ecslint.model import KINDS, Problem, Template, pointer_str, pointer_tokens

PARAMS = {
    "type": "object",
    "required": ["select", "assert", "message"],
    "properties": {
        "select": {"type": "string", "pattern": "^(/[^/]*)*$"},
        "assert": {"type": ["object", "boolean"]},
        "message": {"type": "string", "minLength": 1},
        "when": {"type": ["object", "boolean", "null"]},
    },
    "additionalProperties": False,
}


@cache
def _validator(schema_json: str):
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(schema_json))


_BY_ID: dict = {}  # id(schema) → (schema, validator): params live for the run, so no dumps per document


def validator(schema):
    hit = _BY_ID.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    compiled = _validator(json.dumps(schema, sort_keys=True))
    _BY_ID[id(schema)] = (schema, compiled)
    return compiled


def select(data, tokens, prefix=()):
    """(pointer, value) for every node the tokens pick; `*` is every key or index."""
    if not tokens:
        yield prefix, data
        return
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(data, dict):
            for k, v in data.items():
                yield from select(v, rest, prefix + (k,))
        elif isinstance(data, list):
            for i, v in enumerate(data):
                yield from select(v, rest, prefix + (i,))
    elif isinstance(data, dict) and str(head) in data:
        yield from select(data[str(head)], rest, prefix + (str(head),))
    elif isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data):
        yield from select(data[head], rest, prefix + (head,))


def _show(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def fill(message: str, data, pointer, value=None) -> str:
    """Placeholders: {container} {family} {service} {key} {pointer} {value} (the selected node)."""
    data = data if isinstance(data, dict) else {}
    container = None
    if len(pointer) >= 2 and pointer[0] == "containerDefinitions":
        cds = data.get("containerDefinitions")
        if isinstance(cds, list) and isinstance(pointer[1], int) and pointer[1] < len(cds):
            container = cds[pointer[1]]
    # Every placeholder is filled, with the labels' "?" for a name that cannot be known; a
    # service's family is the one its taskDefinition names.
    family = data.get("family") if "family" in data else task_definition_family(data.get("taskDefinition"))
    return message.format_map({
        "pointer": pointer_str(pointer), "key": str(pointer[-1]) if pointer else "", "value": _show(value),
        "family": shown_name(family),
        "service": shown_name(data.get("serviceName") or data.get("service")),
        "container": container_name(container),
    })


def _holds(v, value):
    """True/False, or None when the value holds something that cannot be known (a
    CloudFormation intrinsic or Terraform unknown): jsonschema-rs cannot read those."""
    try:
        return v.is_valid(value)
    except ValueError:
        return None


def check(view, params, ctx):
    data = view.data
    when = params.get("when")
    if when is not None and not _holds(validator(when), data):
        return
    v = validator(params["assert"])
    for pointer, value in select(data, pointer_tokens(params["select"])):
        if isinstance(value, str) and not known(value):
            continue  # a placeholder or intrinsic: never judge what cannot be known
        if _holds(v, value) is False:
            yield Problem(pointer, fill(params["message"], data, pointer, value))


TEMPLATE = Template("select-assert", check, PARAMS, kinds=KINDS)
