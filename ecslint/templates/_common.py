"""Small helpers the security, health-check and service templates share (labels, values)."""

from typing import TypeGuard

from ecslint.ecs.views import known


def known_str(value) -> TypeGuard[str]:
    return isinstance(value, str) and known(value)


def launch_type(svc):
    lt = svc.get("launchType")
    return lt if known_str(lt) else None


def controller(svc) -> str | None:
    """The deployment controller type; ECS when absent."""
    dc = svc.get("deploymentController")
    if dc is None:
        return "ECS"
    t = dc.get("type", "ECS") if isinstance(dc, dict) else None
    return t if known_str(t) else None


def port_mappings(c):
    """The port mapping objects of a container, whatever shape the file gives them."""
    pms = c.get("portMappings")
    return [pm for pm in pms if isinstance(pm, dict)] if isinstance(pms, list) else []
