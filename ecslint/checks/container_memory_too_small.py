"""A container memory limit Docker cannot start a container with."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import whole_number
from ecslint.model import Problem, Template

DOCKER_MIN_MIB = 6  # Docker 20.10+ refuses smaller limits (older: 4)


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        mem = whole_number(c.get("memory"))
        if mem is not None and 0 < mem < DOCKER_MIN_MIB:
            yield Problem(ptr + ("memory",), f"{container_label(c)} memory {mem} MiB is below the "
                                             f"{DOCKER_MIN_MIB} MiB Docker needs to start a container")


TEMPLATE = Template("container-memory-too-small", check)
