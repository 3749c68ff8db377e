"""Container fields that awsvpc (and, for some, Windows) does not support: the task's
network namespace is shared, so per-container hostname and /etc/hosts entries are refused."""

from ecslint.ecs.containers import network_mode
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

PARAMS = {
    "type": "object",
    "required": ["field"],
    "properties": {
        "field": {"type": "string", "description": "The container field that awsvpc does not support"},
        "windows": {"type": "boolean", "description": "Windows containers do not support it either"},
    },
    "additionalProperties": False,
}


def check(td, params, ctx):
    field = params["field"]
    mode = network_mode(td)
    windows = params.get("windows") and mode is not None and td.is_windows
    if mode != "awsvpc" and not windows:
        return
    why = 'networkMode "awsvpc" does not' if mode == "awsvpc" else "Windows containers do not"
    for _, c, ptr in td.containers():
        value = c.get(field)
        if value is None or value == []:
            continue
        shown = f' "{value}"' if isinstance(value, str) else ""
        yield Problem(ptr + (field,), f'container "{container_name(c)}" sets {field}{shown}, which {why} support')


TEMPLATE = Template("awsvpc-unsupported-field", check, PARAMS)
