"""Task definitions may only use the allowed network modes (absent means bridge)."""

from ecslint.ecs.labels import document_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known:
        return  # a bare container list has no task-level networkMode
    mode, modes = td.network_mode, params["modes"]
    if mode is None or mode in modes:
        return
    if "networkMode" in td.data:
        yield Problem(("networkMode",), f'{document_label(td)} uses networkMode "{mode}"; allowed: {", ".join(modes)}')
    else:
        yield Problem((), f'{document_label(td)} does not set networkMode, which means bridge; allowed: {", ".join(modes)}')


TEMPLATE = Template("allowed-network-modes", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "required": ["modes"],
    "properties": {"modes": {"type": "array", "minItems": 1, "uniqueItems": True,
                             "items": {"enum": ["awsvpc", "bridge", "host", "none"]}, "description": "Allowed modes"}},
    "additionalProperties": False,
})
