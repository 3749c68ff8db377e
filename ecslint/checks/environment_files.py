"""environmentFiles: at most ten, each an S3 object ARN of a file ending in ".env"."""

from ecslint.ecs.arns import parse_arn
from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

MAX_FILES = 10


def problem(value):
    arn = parse_arn(value)
    if arn is None or arn.service != "s3" or "/" not in arn.resource:
        return "is not an S3 object ARN (arn:aws:s3:::<bucket>/<key>.env)"
    if not value.endswith(".env"):
        return 'must name a file with the ".env" extension'
    return None


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        files = c.get("environmentFiles")
        if isinstance(files, list) and len(files) > MAX_FILES:
            yield Problem(ptr + ("environmentFiles",),
                          f'container "{container_name(c)}" has {len(files)} environmentFiles; at most {MAX_FILES} are allowed')
        for j, ef in items(files):
            value = ef.get("value")
            if isinstance(value, str) and known(value):
                reason = problem(value)
                if reason:
                    yield Problem(ptr + ("environmentFiles", j, "value"),
                                  f'container "{container_name(c)}" environment file "{value}" {reason}')


TEMPLATE = Template("environment-files", check)
