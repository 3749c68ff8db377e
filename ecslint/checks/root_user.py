"""Linux containers should name a non-root user (Security Hub ECS.20). Without `user` the
container runs as the image's user, which is root unless the image says otherwise."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

ROOT_NAMES = {"root", "0"}


def check(td, params, ctx):
    if td.is_windows:
        return  # Windows has no `user` support; ECS.21 is about the image's admin account
    for _, c, ptr in td.containers():
        user = c.get("user")
        if user is None:
            yield Problem(ptr, f'container "{container_name(c)}" does not set user, so it runs as root unless the image sets USER')
        elif isinstance(user, str) and known(user) and user.split(":", 1)[0].strip() in ROOT_NAMES:
            yield Problem(ptr + ("user",), f'container "{container_name(c)}" runs as user "{user}", which is root')


TEMPLATE = Template("root-user", check)
