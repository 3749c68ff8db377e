"""awsvpc and host tasks map each port to itself: a different hostPort is rejected."""

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import whole_number
from ecslint.fixes import replace
from ecslint.model import Problem, Template


def check(td, params, ctx):
    mode = network_mode(td)
    if mode not in ("awsvpc", "host"):
        return
    for _, c, ptr in td.containers():
        for j, pm in items(c.get("portMappings")):
            host, container = whole_number(pm.get("hostPort")), whole_number(pm.get("containerPort"))
            if host is not None and container is not None and host != container:
                where = ptr + ("portMappings", j, "hostPort")
                yield Problem(where, f'container "{container_name(c)}" maps hostPort {host} to containerPort {container}, '
                                     f'but with networkMode "{mode}" they must be equal',
                              fix=replace(where, container, f"set hostPort to {container}"))


TEMPLATE = Template("host-port-mismatch", check)
