"""proxyConfiguration.containerName must name a container of the task (the App Mesh proxy)."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    proxy = td.get("proxyConfiguration")
    if not isinstance(proxy, dict):
        return
    name = proxy.get("containerName")
    if isinstance(name, str) and known(name) and name not in td.container_names() and td.names_known:
        yield Problem(("proxyConfiguration", "containerName"),
                      f'proxyConfiguration names container "{name}", which is not in this task definition')


TEMPLATE = Template("proxy-container", check)
