"""A Fargate-compatible task needs a task-level cpu/memory pair from the Fargate table."""

from ecslint.ecs.fargate import check_size, memory_options, parse_cpu
from ecslint.ecs.labels import task_definition_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_fargate or not td.task_level_known:
        return
    cpu, memory = td.get("cpu"), td.get("memory")
    reason = check_size(cpu, memory, td.os_family)
    if reason is None:
        return
    # Point at the value that is wrong: cpu when it is no Fargate size for this OS,
    # memory otherwise; a missing field is reported at its sibling (or the document).
    units = parse_cpu(cpu)
    if cpu is None:
        pointer = ("memory",) if memory is not None else ()
    elif units is None or not memory_options(units, td.os_family) or memory is None:
        pointer = ("cpu",)
    else:
        pointer = ("memory",)
    yield Problem(pointer, f"{task_definition_label(td)}: {reason}")



TEMPLATE = Template("invalid-fargate-size", check)
