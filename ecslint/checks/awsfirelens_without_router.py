"""A container that logs through FireLens (logDriver awsfirelens) without a log router
container (firelensConfiguration): AWS rejects the half alone at registration."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    containers = list(td.containers())
    if any(c.get("firelensConfiguration") is not None for _, c, _ in containers):
        return
    for _, c, ptr in containers:
        if log_config(c)[0] == "awsfirelens":
            yield Problem(ptr + ("logConfiguration", "logDriver"),
                          f'container "{container_name(c)}" uses the "awsfirelens" log driver, but no container has '
                          f'a firelensConfiguration (the log router)')


TEMPLATE = Template("awsfirelens-without-router", check)
