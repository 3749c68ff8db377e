"""secrets[].valueFrom (and logConfiguration.secretOptions[].valueFrom) must be a
Secrets Manager secret ARN, an SSM parameter ARN, or a same-region SSM parameter name."""

from ecslint.ecs.arns import secret_value_from_problem
from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def _secret_lists(c, ptr):
    yield c.get("secrets"), ptr + ("secrets",)
    lc = c.get("logConfiguration")
    if isinstance(lc, dict):
        yield lc.get("secretOptions"), ptr + ("logConfiguration", "secretOptions")


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        for value, where in _secret_lists(c, ptr):
            for j, secret in items(value):
                problem = secret_value_from_problem(secret.get("valueFrom"))
                if problem:
                    name = secret.get("name")
                    label = f' secret "{name}"' if isinstance(name, str) else " secret"
                    yield Problem(where + (j, "valueFrom"), f'container "{container_name(c)}"{label}: {problem}')


TEMPLATE = Template("secret-value-from", check)
