"""Upper (and lower) limits on task-level cpu/memory and on each container's cpu/memory.

Task values are read like AWS reads them (ecslint.ecs.fargate: 1024, "1024", "1 vCPU",
"2 GB"); values that are unknown until deploy are not judged."""

from ecslint.ecs.fargate import parse_cpu, parse_memory
from ecslint.ecs.labels import container_label, document_label
from ecslint.model import Problem, Template

LIMITS = (  # (param, key, parser, unit, is_maximum)
    ("max-task-cpu", "cpu", parse_cpu, "CPU units", True),
    ("min-task-cpu", "cpu", parse_cpu, "CPU units", False),
    ("max-task-memory", "memory", parse_memory, "MiB", True),
    ("min-task-memory", "memory", parse_memory, "MiB", False),
)
CONTAINER_LIMITS = (
    ("max-container-cpu", "cpu", "CPU units"),
    ("max-container-memory", "memory", "MiB"),
    ("max-container-memory-reservation", "memoryReservation", "MiB"),
)


def _int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check(td, params, ctx):
    for param, key, parse, unit, is_max in LIMITS:
        limit = params.get(param)
        if limit is None or key not in td.data:
            continue
        value = parse(td.data[key])
        if value is not None and (value > limit if is_max else value < limit):
            word = "above the maximum" if is_max else "below the minimum"
            yield Problem((key,), f'{document_label(td)} {key} is {value} {unit}, {word} of {limit}')
    for param, key, unit in CONTAINER_LIMITS:
        limit = params.get(param)
        if limit is None:
            continue
        for _, c, ptr in td.containers():
            value = _int(c.get(key))
            if value is not None and value > limit:
                yield Problem(ptr + (key,), f'{container_label(c)} {key} is {value} {unit}, above the maximum of {limit}')
    if params.get("require-container-memory"):
        for _, c, ptr in td.containers():
            if c.get("memory") is None and c.get("memoryReservation") is None:
                yield Problem(ptr, f'{container_label(c)} sets neither memory nor memoryReservation')


_LIMIT = {"type": "integer", "minimum": 0}
TEMPLATE = Template("resource-limits", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "properties": {
        "max-task-cpu": {**_LIMIT, "description": "Largest task cpu in CPU units (1024 = 1 vCPU)"},
        "min-task-cpu": {**_LIMIT, "description": "Smallest task cpu in CPU units"},
        "max-task-memory": {**_LIMIT, "description": "Largest task memory in MiB"},
        "min-task-memory": {**_LIMIT, "description": "Smallest task memory in MiB"},
        "max-container-cpu": {**_LIMIT, "description": "Largest container cpu in CPU units"},
        "max-container-memory": {**_LIMIT, "description": "Largest container memory (hard limit) in MiB"},
        "max-container-memory-reservation": {**_LIMIT, "description": "Largest container memoryReservation in MiB"},
        "require-container-memory": {"type": "boolean", "description": "Every container sets memory or memoryReservation"},
    },
    "minProperties": 1,
    "additionalProperties": False,
})
