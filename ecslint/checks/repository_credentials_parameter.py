"""repositoryCredentials.credentialsParameter: a Secrets Manager secret ARN, or the name
of a secret in the task's own region."""

import re

from ecslint.deployers import EMPTY_STRING
from ecslint.ecs.arns import parse_arn
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

_SECRET_NAME_RE = re.compile(r"[A-Za-z0-9/_+=.@-]{1,512}")  # Secrets Manager name charset


def problem(value):
    if not value.strip():
        return "is empty"
    if value.startswith("arn:"):
        arn = parse_arn(value)
        if arn is None:
            return "is not a well-formed ARN"
        if arn.service != "secretsmanager" or not arn.resource.startswith("secret:"):
            return f'is an ARN for "{arn.service}"; it must be a Secrets Manager secret'
        return None
    if not _SECRET_NAME_RE.fullmatch(value):
        return "is neither a Secrets Manager ARN nor a valid secret name"
    return None


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        rc = c.get("repositoryCredentials")
        value = rc.get("credentialsParameter") if isinstance(rc, dict) else None
        if not isinstance(value, str) or not known(value):
            continue
        reason = problem(value)
        if reason:
            # "" is what export tools write for unset: the deploy action drops it (and the then
            # empty repositoryCredentials), the AWS CLI and ecspresso send it.
            yield Problem(ptr + ("repositoryCredentials", "credentialsParameter"),
                          f'container "{container_name(c)}" credentialsParameter "{value}" {reason}',
                          EMPTY_STRING if value == "" else None)


TEMPLATE = Template("repository-credentials-parameter", check)
