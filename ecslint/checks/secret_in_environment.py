"""Plaintext credentials in `environment`, found by name or by value; never print the value."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.secrets import env_secret_problem
from ecslint.model import Problem, Template


def check(td, params, ctx):
    allowed = set(params["allow-names"])
    for _, c, ptr in td.containers():
        env = c.get("environment")
        if not isinstance(env, list):
            continue
        for j, var in enumerate(env):
            if not isinstance(var, dict):
                continue
            name, value = var.get("name"), var.get("value")
            if not isinstance(name, str) or not isinstance(value, str) or name in allowed:
                continue
            problem = env_secret_problem(name, value)
            if problem:
                if '"secrets"' not in problem:
                    problem += '; use "secrets" instead'
                yield Problem(ptr + ("environment", j, "value"), f'container "{container_name(c)}": {problem}')


TEMPLATE = Template("secret-in-environment", check)
