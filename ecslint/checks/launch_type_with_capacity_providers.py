"""launchType and capacityProviderStrategy are mutually exclusive, and Amazon ECS Managed
Instances take a capacity provider strategy, never launchType MANAGED_INSTANCES (CreateService API)."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import launch_type

def check(svc, params, ctx):
    lt, cps = launch_type(svc), svc.get("capacityProviderStrategy")
    if lt and isinstance(cps, list) and cps:
        yield Problem(("capacityProviderStrategy",), f'{service_label(svc)} sets both launchType "{lt}" and '
                                                     f"capacityProviderStrategy; AWS accepts only one")
    elif lt == "MANAGED_INSTANCES" and not svc.observed:  # describe output reports the resolved launch type
        yield Problem(("launchType",), f'{service_label(svc)} sets launchType "MANAGED_INSTANCES"; Managed Instances '
                                       f"need a capacityProviderStrategy and no launchType")


TEMPLATE = Template("launch-type-with-capacity-providers", check)
