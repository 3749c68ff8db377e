"""The task role (what the application may do) should not be the execution role (what ECS
may do on the task's behalf)."""

from ecslint.ecs.labels import task_definition_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known:
        return
    task_role = td.get("taskRoleArn")
    if isinstance(task_role, str) and known(task_role) and task_role == td.get("executionRoleArn"):
        yield Problem(("taskRoleArn",), f'{task_definition_label(td)} uses "{task_role}" as both task role and execution role')


TEMPLATE = Template("shared-task-and-execution-role", check)
