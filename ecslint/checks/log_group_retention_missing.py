"""A log group of the same template/module that a container's awslogs-group names should
have a retention: without RetentionInDays (Terraform: retention_in_days absent or 0) its
events never expire, so they are kept and paid for forever (CloudWatch Logs PutRetentionPolicy)."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.related_facts import LogGroup
from ecslint.model import TASK_DEFINITION, Problem, Template


def check(td, params, ctx):
    for ptr, group, c in td.related_to_containers(LogGroup):
        if group.retention is None:
            yield Problem(ptr, f'container "{container_name(c)}" logs to log group {group.ref}, which has no retention: '
                               f"its events never expire and are stored (and paid for) forever")


TEMPLATE = Template("log-group-retention-missing", check, kinds=(TASK_DEFINITION,))
