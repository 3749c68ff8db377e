"""A container's memoryReservation must not be above its hard memory limit (equal is accepted)."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import whole_number
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        mem, res = whole_number(c.get("memory")), whole_number(c.get("memoryReservation"))
        if mem is not None and res is not None and mem < res:  # equal: a registered revision has 256/256
            yield Problem(ptr + ("memoryReservation",), f"{container_label(c)} memoryReservation {res} MiB "
                                                        f"is above its memory limit {mem} MiB")


TEMPLATE = Template("memory-reservation-not-below-limit", check)
