"""The containers' memory reservations (memoryReservation, else memory) together must fit
in the task memory."""

from ecslint.ecs.containers import total_over_task
from ecslint.ecs.fargate import parse_memory
from ecslint.model import Template


def _reservation(c):
    return c.get("memoryReservation") if c.get("memoryReservation") is not None else c.get("memory")


def check(td, params, ctx):
    yield from total_over_task(td, "memory", parse_memory, _reservation)


TEMPLATE = Template("container-reservations-exceed-task", check)
