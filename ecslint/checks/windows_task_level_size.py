"""Windows containers on EC2 ignore task-level cpu and memory; AWS recommends container-level values."""

from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_windows or td.is_fargate or not td.task_level_known:
        return
    for key in ("cpu", "memory"):
        if td.get(key) is not None:
            yield Problem((key,), f"task-level {key} is ignored for Windows containers on EC2; "
                                  f"set {key} on each container")


TEMPLATE = Template("windows-task-level-size", check)
