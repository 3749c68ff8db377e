"""A credential-named variable in `environment` whose value is a placeholder (`${api_key}` of
templatefile, `{{ must_env "TOKEN" }}`): once rendered, the credential is plaintext in the task
definition. ECS301 judges literal values; this judges the ones still to be filled in."""

from ecslint.ecs.placeholders import is_placeholder
from ecslint.ecs.secrets import secret_name
from ecslint.model import Problem
from ecslint.model import Template
from ecslint.ecs.labels import container_name


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        env = c.get("environment")
        for j, var in enumerate(env if isinstance(env, list) else ()):
            if not isinstance(var, dict):
                continue
            name, value = var.get("name"), var.get("value")
            if isinstance(name, str) and secret_name(name) and is_placeholder(value):
                yield Problem(ptr + ("environment", j, "value"),
                              f'container "{container_name(c)}": "{name}" is filled in at deploy time, and the rendered '
                              f'credential will be plaintext in the task definition; use "secrets" instead')


TEMPLATE = Template("secret-placeholder-in-environment", check)
