"""ECS fetches secrets with the task execution role before the container starts: without
executionRoleArn AWS rejects the registration."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def _uses(c):
    """Pointer tokens (relative to the container) of the secrets it uses, or None."""
    if isinstance(c.get("secrets"), list) and c["secrets"]:
        return ("secrets",)
    lc = c.get("logConfiguration")
    if isinstance(lc, dict) and isinstance(lc.get("secretOptions"), list) and lc["secretOptions"]:
        return ("logConfiguration", "secretOptions")
    return None


def check(td, params, ctx):
    if not td.task_level_known or td.get("executionRoleArn") is not None:
        return
    for _, c, ptr in td.containers():
        rel = _uses(c)
        if rel:
            yield Problem(ptr + rel, f'container "{container_name(c)}" uses secrets, but the task definition has no '
                                     f'executionRoleArn for ECS to fetch them with')


TEMPLATE = Template("secrets-without-execution-role", check)
