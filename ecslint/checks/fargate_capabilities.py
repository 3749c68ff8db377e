"""On Fargate, linuxParameters.capabilities.add may only hold SYS_PTRACE."""

from ecslint.ecs.containers import added_capabilities
from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template

ALLOWED = {"SYS_PTRACE", "CAP_SYS_PTRACE"}  # the docs write both forms


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        for cap, where in added_capabilities(c, ptr):
            if cap.upper() not in ALLOWED:
                yield Problem(where, f'{container_label(c)} adds capability "{cap}"; Fargate allows adding only SYS_PTRACE')


TEMPLATE = Template("fargate-capabilities", check)
