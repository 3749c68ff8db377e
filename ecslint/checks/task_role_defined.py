"""The task role (what the application may do) should be set."""

from ecslint.ecs.labels import task_definition_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if td.task_level_known and td.get("taskRoleArn") is None:
        yield Problem((), f"{task_definition_label(td)} has no taskRoleArn; its containers get no AWS credentials of their own")


TEMPLATE = Template("task-role-defined", check)
