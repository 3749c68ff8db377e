"""containerPortRange: "first-last" within 1-65535, first < last; bridge or awsvpc only;
at most 100 ranges per container; the host side is chosen by ECS, so no hostPort."""

import re

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

MAX_RANGES = 100
_RANGE_RE = re.compile(r"(\d{1,5})-(\d{1,5})")


def parse_range(value):
    """(first, last) of a well-formed "first-last", else None."""
    m = _RANGE_RE.fullmatch(value) if isinstance(value, str) else None
    return (int(m.group(1)), int(m.group(2))) if m else None


def range_problem(value):
    bounds = parse_range(value)
    if bounds is None:
        return 'is not of the form "first-last"'
    first, last = bounds
    if not (1 <= first <= 65535 and 1 <= last <= 65535):
        return "has a port outside 1-65535"
    if first >= last:
        return "must start with a port lower than its last port"
    return None


def check(td, params, ctx):
    mode = network_mode(td)
    for _, c, ptr in td.containers():
        count = 0
        for j, pm in items(c.get("portMappings")):
            value = pm.get("containerPortRange")
            if value is None or not known(value):
                continue
            count += 1
            where = ptr + ("portMappings", j)
            label = f'container "{container_name(c)}" containerPortRange "{value}"'
            problem = range_problem(value)
            if problem:
                yield Problem(where + ("containerPortRange",), f"{label} {problem}")
            elif mode in ("host", "none"):
                yield Problem(where + ("containerPortRange",), f'{label} needs networkMode "bridge" or "awsvpc", '
                                                               f'not "{mode}"')
            if "hostPort" in pm:
                yield Problem(where + ("hostPort",), f"{label} cannot be combined with hostPort; ECS picks the host ports")
            if count == MAX_RANGES + 1:
                yield Problem(where + ("containerPortRange",),
                              f'container "{container_name(c)}" has more than {MAX_RANGES} port ranges')


TEMPLATE = Template("container-port-range", check)
