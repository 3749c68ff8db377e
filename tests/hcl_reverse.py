"""API form → Terraform HCL text, for tests: tests/tf_reverse.py gives the plan `values` of a
document; this writes them as the resource a user would write. Blocks (the plan mapping's
"b1"/"bs" entries, network_configuration, deployment_circuit_breaker, alarms) become nested
blocks, maps and lists become HCL objects and tuples, and `container_definitions` becomes
`jsonencode(...)` of HCL values, so findings inside it land on HCL keys.
"""

from __future__ import annotations

import json

from ecslint.inputs import clusters
from ecslint.inputs.terraform_plan import POLICY_TABLE, SERVICE_TABLE, TARGET_TABLE, TASK_TABLE

_SERVICE_EXTRA = {
    "network_configuration": ("b", {}),
    "deployment_circuit_breaker": ("b", {}),
    "alarms": ("b", {}),
}


def _blocks(table: dict) -> dict:
    """tf name → sub-table for the entries that are blocks."""
    return {tf: _blocks(sub or {}) for tf, (_, how, sub) in table.items() if how in ("b1", "bs")}


TASK_BLOCKS = _blocks(TASK_TABLE)
SERVICE_BLOCKS = {**_blocks(SERVICE_TABLE), **{k: v[1] for k, v in _SERVICE_EXTRA.items()}}
BLOCKS = {"aws_ecs_task_definition": TASK_BLOCKS, "aws_ecs_service": SERVICE_BLOCKS,
          "aws_appautoscaling_target": _blocks(TARGET_TABLE), "aws_appautoscaling_policy": _blocks(POLICY_TABLE),
          **{t: {**_blocks(clusters.TF_TABLES[k]), **({"network_configuration": {}} if k in clusters.TF_NETWORK else {})}
             for t, k in clusters.TF_TYPES.items()}}


def string(s: str) -> str:
    """An HCL quoted string whose value is exactly `s` (no interpolation)."""
    body = json.dumps(s, ensure_ascii=False)[1:-1]
    return '"' + body.replace("${", "$${").replace("%{", "%%{") + '"'


def value(v, indent: str = "") -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if isinstance(v, str):
        return string(v)
    inner = indent + "  "
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + "".join(f"{inner}{value(x, inner)},\n" for x in v) + indent + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + "".join(f"{inner}{string(str(k))} = {value(x, inner)}\n" for k, x in v.items()) + indent + "}"
    raise TypeError(type(v))


def body(values: dict, blocks: dict, indent: str) -> str:
    out = []
    for k, v in values.items():
        if k in blocks and isinstance(v, list) and all(isinstance(x, dict) for x in v):
            for item in v:
                out.append(f"{indent}{k} {{\n{body(item, blocks[k], indent + '  ')}{indent}}}\n")
        elif k == "container_definitions" and isinstance(v, str):
            out.append(f"{indent}{k} = jsonencode({value(json.loads(v), indent)})\n")
        else:
            out.append(f"{indent}{k} = {value(v, indent)}\n")
    return "".join(out)


def resource(res: dict) -> str:
    """HCL for one plan resource of tf_reverse.resource."""
    blocks = BLOCKS[res["type"]]
    return f'resource "{res["type"]}" "{res["name"]}" {{\n{body(res["values"], blocks, "  ")}}}\n'
