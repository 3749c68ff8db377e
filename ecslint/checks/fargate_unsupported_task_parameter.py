"""Task-level parameters Fargate does not support (RULES.md §3.2). Only values that ask for
something are flagged."""

from ecslint.ecs.views import asks_for, shown_setting
from ecslint.model import Problem, Template

TASK = ("ipcMode", "placementConstraints", "inferenceAccelerators")


def check(td, params, ctx):
    if not td.is_fargate or not td.task_level_known:
        return
    for key in TASK:
        if asks_for(td.get(key)):
            yield Problem((key,), f"task-level {shown_setting(key, td.get(key))} is not supported on Fargate")


TEMPLATE = Template("fargate-unsupported-task-parameter", check)
