"""Each load balancer of a service names a container of its task definition and one of that
container's containerPorts ("The container X does not exist in the task definition")."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template
from ecslint.templates._common import port_mappings


def container_ports(c) -> set:
    ports = set()
    for pm in port_mappings(c):
        if isinstance(pm.get("containerPort"), int):
            ports.add(pm["containerPort"])
    return ports


def check(svc, td, params, ctx):
    if td.data.get("containerDefinitions") is None:
        return
    by_name = {c["name"]: c for _, c, _ in td.containers() if isinstance(c.get("name"), str)}
    for _, lb, ptr in svc.load_balancers():
        name, port = lb.get("containerName"), lb.get("containerPort")
        if not isinstance(name, str) or not known(name):
            continue
        c = by_name.get(name)
        if c is None and td.names_known:
            yield Problem(ptr + ("containerName",), f'{service_label(svc)} load balancer container "{name}" does not exist '
                                                    f"in {task_definition_label(td)}")
        elif c is not None and isinstance(port, int) and not isinstance(port, bool) and port not in container_ports(c):
            ports = ", ".join(map(str, sorted(container_ports(c)))) or "none"
            yield Problem(ptr + ("containerPort",), f'{service_label(svc)} load balancer port {port} is not a containerPort '
                                                    f'of container "{name}" (it maps {ports})')


TEMPLATE = Template("load-balancer-container", check, pair=True)
