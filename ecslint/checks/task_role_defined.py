"""The task role (what the application may do) should be set."""

from ecslint.ecs.containers import has_task_level
from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import td_label


def check(td, params, ctx):
    if has_task_level(ctx) and td.get("taskRoleArn") is None:
        yield Problem((), f"{td_label(td)} has no taskRoleArn; its containers get no AWS credentials of their own")


TEMPLATE = Template("task-role-defined", check)
