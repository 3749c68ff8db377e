"""Windows containers should name a non-administrator user (Security Hub ECS.21). Without
`user` a Windows container runs as ContainerAdministrator."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

ADMIN = "containeradministrator"  # Windows account names are not case-sensitive


def check(td, params, ctx):
    if not td.is_windows:
        return  # Linux users are ECS325's
    for _, c, ptr in td.containers():
        user = c.get("user")
        if user is None:
            yield Problem(ptr, f'Windows container "{container_name(c)}" does not set user, so it runs as '
                               f'ContainerAdministrator')
        elif isinstance(user, str) and known(user) and user.strip().lower() == ADMIN:
            yield Problem(ptr + ("user",), f'Windows container "{container_name(c)}" runs as "{user}", the '
                                           f'administrator account')


TEMPLATE = Template("windows-admin-user", check)
