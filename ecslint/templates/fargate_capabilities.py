"""On Fargate, linuxParameters.capabilities.add may only hold SYS_PTRACE."""

from ecslint.ecs.views import container_label, known
from ecslint.model import Problem
from ecslint.registry import Template

ALLOWED = {"SYS_PTRACE", "CAP_SYS_PTRACE"}  # the docs write both forms


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        lp = c.get("linuxParameters")
        caps = lp.get("capabilities") if isinstance(lp, dict) else None
        add = caps.get("add") if isinstance(caps, dict) else None
        if not isinstance(add, list):
            continue
        for j, cap in enumerate(add):
            if isinstance(cap, str) and known(cap) and cap.upper() not in ALLOWED:
                yield Problem(ptr + ("linuxParameters", "capabilities", "add", j),
                              f'{container_label(c)} adds capability "{cap}"; Fargate allows adding only SYS_PTRACE')


TEMPLATE = Template("fargate-capabilities", check)
