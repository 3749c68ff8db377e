"""On EC2 container instances some host ports are taken: SSH (22), the Docker daemon
(2375, 2376) and the ECS container agent (51678-51680). A static host port there
cannot be placed."""

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.views import whole_number
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

RESERVED = {22: "SSH", 2375: "the Docker daemon", 2376: "the Docker daemon",
            51678: "the ECS container agent", 51679: "the ECS container agent", 51680: "the ECS container agent"}


def check(td, params, ctx):
    mode = network_mode(td)
    if mode not in ("bridge", "host"):
        return
    for _, c, ptr in td.containers():
        for j, pm in items(c.get("portMappings")):
            key = "hostPort" if "hostPort" in pm or mode == "bridge" else "containerPort"
            port = whole_number(pm.get(key))
            if port in RESERVED:
                yield Problem(ptr + ("portMappings", j, key),
                              f'container "{container_name(c)}" uses host port {port}, which {RESERVED[port]} '
                              f'holds on container instances')


TEMPLATE = Template("reserved-host-port", check)
