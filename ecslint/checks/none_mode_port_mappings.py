"""A task with networkMode none has no network, so it cannot publish ports."""

from ecslint.ecs.containers import network_mode
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if network_mode(td) != "none":
        return
    for _, c, ptr in td.containers():
        mappings = c.get("portMappings")
        if isinstance(mappings, list) and mappings:
            yield Problem(ptr + ("portMappings",), f'container "{container_name(c)}" has {len(mappings)} port '
                                                   f'mapping(s), but networkMode "none" has no network to map')


TEMPLATE = Template("none-mode-port-mappings", check)
