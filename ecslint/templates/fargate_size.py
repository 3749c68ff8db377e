"""A Fargate-compatible task needs a task-level cpu/memory pair from the Fargate table."""

from ecslint.ecs.fargate import check_size
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    if not td.is_fargate or ctx.document.origin == "container-definitions":
        return
    cpu, memory = td.get("cpu"), td.get("memory")
    reason = check_size(cpu, memory, td.os_family)
    if reason is None:
        return
    if cpu is None:
        pointer = ()
    elif memory is None:
        pointer = ("cpu",)
    else:
        pointer = ("memory",)
    yield Problem(pointer, f"{td_label(td)}: {reason}")


def td_label(td):
    return f'task definition "{td.family}"' if td.family else "the task definition"


TEMPLATE = Template("fargate-size", check)
