"""A service registry names the container and port to register, and the task definition's
network mode decides which of containerName, containerPort and port it needs (ServiceRegistry API)."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str, port_mappings


def _int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check(svc, td, params, ctx):
    regs = svc.get("serviceRegistries")
    mode = td.network_mode
    if not isinstance(regs, list) or mode is None:
        return
    by_name = {c["name"]: c for _, c, _ in td.containers() if isinstance(c.get("name"), str)}
    label = service_label(svc)
    for i, reg in enumerate(regs):
        if not isinstance(reg, dict):
            continue
        ptr = ("serviceRegistries", i)
        name, cport = reg.get("containerName"), reg.get("containerPort")
        if known_str(name) and name not in by_name:
            if td.names_known:
                yield Problem(ptr + ("containerName",),
                              f'{label} service registry container "{name}" does not exist in {task_definition_label(td)}')
            continue
        if known_str(name) and _int(cport) and cport not in {pm.get("containerPort") for pm in port_mappings(by_name[name])}:
            yield Problem(ptr + ("containerPort",), f'{label} service registry port {cport} is not a containerPort of '
                                                    f'container "{name}"')
        if mode in ("bridge", "host") and (name is None or cport is None):
            yield Problem(ptr, f'{label} service registry {i} needs containerName and containerPort because '
                               f'{task_definition_label(td)} uses networkMode "{mode}"')
        elif mode == "awsvpc" and reg.get("port") is not None and cport is not None:
            yield Problem(ptr + ("port",), f"{label} service registry {i} sets both port and containerPort; "
                                           f"use one of them")


TEMPLATE = Template("service-registry-container", check, pair=True)
