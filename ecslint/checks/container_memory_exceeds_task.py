"""Each container's hard memory limit must fit in the task memory."""

from ecslint.ecs.fargate import parse_memory
from ecslint.ecs.labels import container_label
from ecslint.ecs.views import whole_number
from ecslint.model import Problem, Template


def check(td, params, ctx):
    task = parse_memory(td.get("memory")) if td.task_level_known else None
    if task is None:
        return  # absent, unknown or malformed (ECS201/ECS408 judge the value itself)
    for _, c, ptr in td.containers():
        mem = whole_number(c.get("memory"))
        if mem is not None and mem > task:
            yield Problem(ptr + ("memory",), f"{container_label(c)} memory {mem} MiB is more than "
                                             f"the task memory {task} MiB")


TEMPLATE = Template("container-memory-exceeds-task", check)
