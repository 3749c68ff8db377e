"""Small helpers the security, health-check and service templates share (labels, origins)."""

from typing import TypeGuard

from ecslint.ecs.views import known


def is_partial_service(ctx, svc) -> bool:
    """update-service input only carries what changes: absence there means "unchanged".
    Pair checks run without a document, so fall back to the update input's shape."""
    doc = getattr(ctx, "document", None)
    if doc is not None:
        return doc.origin == "update-input"
    return "service" in svc.data and "serviceName" not in svc.data


def document_origin(ctx):
    """The document's origin; None for pair checks, which run without one."""
    return getattr(getattr(ctx, "document", None), "origin", None)


def is_container_array(ctx) -> bool:
    """A Terraform container_definitions array has no task-level fields to judge."""
    return getattr(ctx.document, "origin", None) == "container-definitions"


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
