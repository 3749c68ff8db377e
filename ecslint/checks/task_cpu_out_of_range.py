"""Outside Fargate, task-level cpu may be 128 to 196608 units (0.125 to 192 vCPU)."""

from ecslint.ecs.fargate import parse_cpu
from ecslint.model import Problem, Template

LOW, HIGH = 128, 196608


def check(td, params, ctx):
    if td.is_fargate or not td.task_level_known:
        return  # Fargate sizes are ECS201's
    raw = td.get("cpu")
    units = parse_cpu(raw)
    if units is not None and not LOW <= units <= HIGH:
        shown = f'"{raw}"' if isinstance(raw, str) else raw
        yield Problem(("cpu",), f"task cpu {shown} is {units} cpu units; it must be from {LOW} to {HIGH}")


TEMPLATE = Template("task-cpu-out-of-range", check)
