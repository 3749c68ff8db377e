"""On Fargate the agent acts with the execution role: awslogs, private ECR pulls, secrets and
registry credentials all need `executionRoleArn` (RULES.md §3.4 register errors)."""

from ecslint.ecs.images import is_private_ecr_image
from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def _needs(c, ptr):
    """(pointer, what) for every use in the container that needs the execution role."""
    lc = c.get("logConfiguration") if isinstance(c.get("logConfiguration"), dict) else {}
    if lc.get("logDriver") == "awslogs":
        yield ptr + ("logConfiguration", "logDriver"), "uses the awslogs log driver"
    if lc.get("secretOptions"):
        yield ptr + ("logConfiguration", "secretOptions"), "has log secretOptions"
    if is_private_ecr_image(c.get("image")):
        yield ptr + ("image",), "pulls a private ECR image"
    if c.get("secrets"):
        yield ptr + ("secrets",), "has secrets"
    if isinstance(c.get("repositoryCredentials"), dict):
        yield ptr + ("repositoryCredentials",), "has repositoryCredentials"


def check(td, params, ctx):
    if not td.is_fargate or not td.task_level_known or td.get("executionRoleArn") not in (None, ""):
        return
    for _, c, ptr in td.containers():
        for where, what in _needs(c, ptr):
            yield Problem(where, f"{container_label(c)} {what}, which on Fargate needs executionRoleArn")


TEMPLATE = Template("fargate-execution-role", check)
