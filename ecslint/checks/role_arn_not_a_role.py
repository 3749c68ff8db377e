"""executionRoleArn and taskRoleArn name IAM roles: an ARN of a group, user or policy is a
role ECS can never assume, so no task of the definition can start."""

from ecslint.ecs.arns import parse_arn
from ecslint.model import Problem
from ecslint.model import Template

FIELDS = ("executionRoleArn", "taskRoleArn")


def check(td, params, ctx):
    for key in FIELDS:
        arn = parse_arn(td.get(key))  # None for names, placeholders and intrinsics: not judged
        if arn is None or (arn.service == "iam" and arn.resource.startswith("role/")):
            continue
        what = f"an IAM {arn.resource.split('/', 1)[0]}" if arn.service == "iam" else f'a "{arn.service}"'
        yield Problem((key,), f'{key} is {what} ARN, not an IAM role ARN ("arn:aws:iam::<account>:role/<name>"); '
                              f"ECS can only assume a role")


TEMPLATE = Template("role-arn-not-a-role", check)
