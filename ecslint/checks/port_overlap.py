"""A container port may appear in only one port mapping (per protocol): ranges must not
overlap each other or a single containerPort."""

from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known, whole_number
from ecslint.model import Problem, Template
from ecslint.checks.container_port_range import parse_range


def _span(pm):
    """(first, last, label) of a mapping's container ports, or None."""
    value = pm.get("containerPortRange")
    if value is not None:
        bounds = parse_range(value) if known(value) else None
        if bounds and bounds[0] < bounds[1]:
            return bounds[0], bounds[1], f'range "{value}"'
        return None
    port = whole_number(pm.get("containerPort"))
    return (port, port, f"port {port}") if port is not None else None


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        seen: list = []  # (first, last, label, protocol, ranged)
        for j, pm in items(c.get("portMappings")):
            span = _span(pm)
            protocol = pm.get("protocol", "tcp")
            if span is None or not known(protocol):
                continue
            first, last, label = span
            ranged = "containerPortRange" in pm
            for lo, hi, other, proto, other_ranged in seen:
                # Two plain containerPorts may repeat (bridge maps one port to several host ports).
                if proto == protocol and lo <= last and first <= hi and (ranged or other_ranged):
                    key = "containerPortRange" if ranged else "containerPort"
                    yield Problem(ptr + ("portMappings", j, key), f'container "{container_name(c)}" {label} overlaps '
                                                                 f'{other} of an earlier port mapping ({protocol})')
                    break
            seen.append((first, last, label, protocol, ranged))


TEMPLATE = Template("port-overlap", check)
