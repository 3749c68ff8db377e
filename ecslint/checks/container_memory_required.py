"""Without a task-level memory, every container needs a memory limit or reservation."""

from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known or td.get("memory") is not None:
        return  # a task-level memory covers every container (Fargate always has one: ECS201)
    for _, c, ptr in td.containers():
        if not c.get("memory") and not c.get("memoryReservation"):  # absent or 0; an unknown value counts as set
            yield Problem(ptr, f"{container_label(c)} sets neither memory nor memoryReservation, "
                               f"and the task sets no memory")


TEMPLATE = Template("container-memory-required", check)
