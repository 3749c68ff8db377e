"""ECS fetches private-registry credentials with the task execution role before the
container starts: without executionRoleArn AWS rejects the registration."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known or td.get("executionRoleArn") is not None:
        return
    for _, c, ptr in td.containers():
        if isinstance(c.get("repositoryCredentials"), dict):
            yield Problem(ptr + ("repositoryCredentials",), f'container "{container_name(c)}" uses repositoryCredentials, '
                                                            f'but the task definition has no executionRoleArn '
                                                            f'for ECS to fetch them with')


TEMPLATE = Template("repository-credentials-without-execution-role", check)
