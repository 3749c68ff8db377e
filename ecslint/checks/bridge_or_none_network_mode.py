"""AWS recommends awsvpc for EC2 tasks: bridge (the default when networkMode is absent) shares
the host's network through Docker's NAT, and none leaves the task without a network. Advice,
off by default (preset all)."""

from ecslint.model import Problem
from ecslint.model import Template
from ecslint.ecs.labels import task_definition_label


def check(td, params, ctx):
    mode = td.network_mode
    if not td.task_level_known or td.is_fargate or td.is_windows or mode not in ("bridge", "none"):
        return
    where = ("networkMode",) if "networkMode" in td.data else ()
    how = f'networkMode "{mode}"' if where else 'networkMode "bridge" (the default when it is absent)'
    yield Problem(where, f"{task_definition_label(td)} uses {how}; AWS recommends awsvpc, which gives each task "
                         f"its own network interface and security groups")


TEMPLATE = Template("bridge-or-none-network-mode", check)
