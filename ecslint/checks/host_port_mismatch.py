"""awsvpc and host tasks map each port to itself: a different hostPort is rejected."""

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.views import whole_number
from ecslint.ecs.labels import container_name
from ecslint.model import Problem
from ecslint.registry import Template


def check(td, params, ctx):
    mode = network_mode(td, ctx)
    if mode not in ("awsvpc", "host"):
        return
    for _, c, ptr in td.containers():
        for j, pm in items(c.get("portMappings")):
            host, container = whole_number(pm.get("hostPort")), whole_number(pm.get("containerPort"))
            if host is not None and container is not None and host != container:
                yield Problem(ptr + ("portMappings", j, "hostPort"),
                              f'container "{container_name(c)}" maps hostPort {host} to containerPort {container}, '
                              f'but with networkMode "{mode}" they must be equal')


TEMPLATE = Template("host-port-mismatch", check)
