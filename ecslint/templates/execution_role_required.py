"""Features that ECS itself performs with the task execution role before the container
starts: fetching secrets and private-registry credentials. Without executionRoleArn AWS
rejects the registration."""

from ecslint.ecs.containers import cname, has_task_level
from ecslint.model import Problem
from ecslint.registry import Template

PARAMS = {
    "type": "object",
    "required": ["feature"],
    "properties": {"feature": {"enum": ["secrets", "repository-credentials"]}},
    "additionalProperties": False,
}


def _uses(c, feature):
    """Pointer tokens (relative to the container) of the feature's use, or None."""
    if feature == "repository-credentials":
        return ("repositoryCredentials",) if isinstance(c.get("repositoryCredentials"), dict) else None
    if isinstance(c.get("secrets"), list) and c["secrets"]:
        return ("secrets",)
    lc = c.get("logConfiguration")
    if isinstance(lc, dict) and isinstance(lc.get("secretOptions"), list) and lc["secretOptions"]:
        return ("logConfiguration", "secretOptions")
    return None


def check(td, params, ctx):
    if not has_task_level(ctx) or td.get("executionRoleArn") is not None:
        return
    feature = params["feature"]
    what = "secrets" if feature == "secrets" else "repositoryCredentials"
    for _, c, ptr in td.containers():
        rel = _uses(c, feature)
        if rel:
            yield Problem(ptr + rel, f'container "{cname(c)}" uses {what}, but the task definition has no '
                                     f'executionRoleArn for ECS to fetch them with')


TEMPLATE = Template("execution-role-required", check, PARAMS)
