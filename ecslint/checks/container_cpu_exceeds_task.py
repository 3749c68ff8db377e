"""The containers' cpu units together must fit in the task cpu."""

from ecslint.ecs.containers import total_over_task
from ecslint.ecs.fargate import parse_cpu
from ecslint.model import Template


def check(td, params, ctx):
    yield from total_over_task(td, "cpu", parse_cpu, lambda c: c.get("cpu"))


TEMPLATE = Template("container-cpu-exceeds-task", check)
