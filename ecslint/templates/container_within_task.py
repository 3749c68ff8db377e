"""What containers ask for must fit in the task: each hard memory limit, the total
reservation (memoryReservation, else memory) and the total cpu."""

from ecslint.ecs.fargate import parse_cpu, parse_memory
from ecslint.ecs.views import container_label, task_level, whole_number
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    measure = params.get("measure", "memory")
    if not task_level(ctx):
        return
    key = "cpu" if measure == "cpu-total" else "memory"
    task = (parse_cpu if key == "cpu" else parse_memory)(td.get(key))
    if task is None:
        return  # absent, unknown or malformed (ECS201/ECS408 judge the value itself)
    if measure == "memory":
        for _, c, ptr in td.containers():
            mem = whole_number(c.get("memory"))
            if mem is not None and mem > task:
                yield Problem(ptr + ("memory",), f"{container_label(c)} memory {mem} MiB is more than "
                                                 f"the task memory {task} MiB")
        return
    total = 0
    for _, c, _ in td.containers():
        if key == "cpu":
            value = c.get("cpu")
        else:
            value = c.get("memoryReservation") if c.get("memoryReservation") is not None else c.get("memory")
        if value is None:
            continue
        number = whole_number(value)
        if number is None:
            return  # an unknown share: the total cannot be known
        total += number
    if total > task:
        what = "cpu units" if key == "cpu" else "MiB of memory"
        yield Problem((key,), f"the containers reserve {total} {what} in total, more than the task {key} {task}")


TEMPLATE = Template("container-within-task", check, {
    "type": "object",
    "properties": {"measure": {"enum": ["memory", "cpu-total", "reservation-total"]}},
    "additionalProperties": False,
})
