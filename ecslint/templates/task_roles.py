"""Task-level roles: the task role (what the application may do) should be set, and it
should not be the execution role (what ECS may do on the task's behalf)."""

from ecslint.ecs.containers import has_task_level
from ecslint.ecs.views import known
from ecslint.model import Problem
from ecslint.registry import Template

PARAMS = {
    "type": "object",
    "required": ["check"],
    "properties": {"check": {"enum": ["task-role-defined", "distinct-roles"]}},
    "additionalProperties": False,
}


def check(td, params, ctx):
    if not has_task_level(ctx):
        return
    task_role, exec_role = td.get("taskRoleArn"), td.get("executionRoleArn")
    label = f'task definition "{td.family}"' if td.family else "the task definition"
    if params["check"] == "task-role-defined":
        if task_role is None:
            yield Problem((), f"{label} has no taskRoleArn; its containers get no AWS credentials of their own")
    elif isinstance(task_role, str) and known(task_role) and task_role == exec_role:
        yield Problem(("taskRoleArn",), f'{label} uses "{task_role}" as both task role and execution role')


TEMPLATE = Template("task-roles", check, PARAMS)
