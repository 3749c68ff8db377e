"""A log group of the same template/module that a container's awslogs-group names may be
encrypted with a KMS key (CloudWatch Logs `kmsKeyId`); without one, CloudWatch Logs'
own encryption applies and key policies cannot restrict who reads the logs."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.related_facts import LogGroup
from ecslint.model import TASK_DEFINITION, Problem, Template


def check(td, params, ctx):
    for ptr, group, c in td.related_to_containers(LogGroup):
        if group.kms_key is None:
            yield Problem(ptr, f'container "{container_name(c)}" logs to log group {group.ref}, which has no KMS key')


TEMPLATE = Template("log-group-unencrypted", check, kinds=(TASK_DEFINITION,))
