"""Fargate places tasks itself, spread across Availability Zones: a Fargate service's
placementConstraints and placementStrategy are not supported."""

from ecslint.model import Problem
from ecslint.model import Template
from ecslint.ecs.labels import service_label
from ecslint.templates._common import launch_type


def _on_fargate(svc) -> bool:
    if launch_type(svc) == "FARGATE":
        return True
    cps = svc.get("capacityProviderStrategy")
    providers = [s.get("capacityProvider") for s in cps if isinstance(s, dict)] if isinstance(cps, list) else []
    return bool(providers) and all(p in ("FARGATE", "FARGATE_SPOT") for p in providers)


def check(svc, params, ctx):
    if not _on_fargate(svc):
        return
    for key in ("placementConstraints", "placementStrategy"):
        if svc.get(key):  # an empty list asks for nothing
            yield Problem((key,), f"{service_label(svc)} runs on Fargate, which does not support {key}; "
                                  f"Fargate spreads tasks across Availability Zones itself")


TEMPLATE = Template("fargate-service-placement", check)
