"""Each links entry ("name" or "name:alias") must name another container of the task."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    names = td.container_names()
    for _, c, ptr in td.containers():
        links = c.get("links")
        if not isinstance(links, list):
            continue
        for j, link in enumerate(links):
            if not isinstance(link, str) or not known(link):
                continue
            target = link.split(":", 1)[0]
            if target == c.get("name"):
                yield Problem(ptr + ("links", j), f'container "{container_name(c)}" links to itself')
            elif target not in names and td.names_known:
                yield Problem(ptr + ("links", j), f'container "{container_name(c)}" links to "{target}", '
                                                  f'which is not a container in this task definition')


TEMPLATE = Template("link-target", check)
