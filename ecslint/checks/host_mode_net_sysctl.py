"""Network sysctls (net.*) are not supported in host network mode: they would change
the container instance's own network stack."""

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if network_mode(td) != "host":
        return
    for _, c, ptr in td.containers():
        for j, sc in items(c.get("systemControls")):
            ns = sc.get("namespace")
            if isinstance(ns, str) and ns.startswith("net."):
                yield Problem(ptr + ("systemControls", j, "namespace"),
                              f'container "{container_name(c)}" sets systemControl "{ns}", but network '
                              f'systemControls are not supported with networkMode "host"')


TEMPLATE = Template("host-mode-net-sysctl", check)
