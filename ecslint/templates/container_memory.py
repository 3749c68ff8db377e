"""Container-level memory: a limit or reservation when the task has none, a hard limit above
the reservation, a limit Docker can start with, and (as practice) a hard limit at all."""

from ecslint.ecs.views import container_label, task_level, whole_number
from ecslint.model import Problem
from ecslint.registry import Template

DOCKER_MIN_MIB = 6  # Docker 20.10+ refuses smaller limits (older: 4)


def check(td, params, ctx):
    mode = params.get("check", "required")
    if mode == "required" and (not task_level(ctx) or td.get("memory") is not None):
        return  # a task-level memory covers every container (Fargate always has one: ECS201)
    for _, c, ptr in td.containers():
        memory, reservation = c.get("memory"), c.get("memoryReservation")
        mem, res = whole_number(memory), whole_number(reservation)
        if mode == "required":
            if not memory and not reservation:  # absent or 0; an unknown value counts as set
                yield Problem(ptr, f"{container_label(c)} sets neither memory nor memoryReservation, "
                                   f"and the task sets no memory")
        elif mode == "reservation":
            if mem is not None and res is not None and mem <= res:
                yield Problem(ptr + ("memoryReservation",), f"{container_label(c)} memoryReservation {res} MiB "
                                                            f"is not below its memory limit {mem} MiB")
        elif mode == "minimum":
            if mem is not None and 0 < mem < DOCKER_MIN_MIB:
                yield Problem(ptr + ("memory",), f"{container_label(c)} memory {mem} MiB is below the "
                                                 f"{DOCKER_MIN_MIB} MiB Docker needs to start a container")
        elif memory is None:
            yield Problem(ptr, f"{container_label(c)} has no hard memory limit")


TEMPLATE = Template("container-memory", check, {
    "type": "object",
    "properties": {"check": {"enum": ["required", "reservation", "minimum", "hard-limit"]}},
    "additionalProperties": False,
})
