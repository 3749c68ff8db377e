"""A service role named like an administrator role is probably broader than the
load-balancer registration it needs (KICS "ECS Service Admin Role Is Present")."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(svc, params, ctx):
    role = svc.get("role")
    if known_str(role) and "admin" in role.rsplit("/", 1)[-1].lower():
        yield Problem(("role",), f'{service_label(svc)} uses the role "{role}", whose name says administrator')


TEMPLATE = Template("admin-service-role", check)
