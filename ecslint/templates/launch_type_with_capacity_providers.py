"""launchType and capacityProviderStrategy are mutually exclusive (CreateService API)."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import launch_type, svc_label


def check(svc, params, ctx):
    lt, cps = launch_type(svc), svc.get("capacityProviderStrategy")
    if lt and isinstance(cps, list) and cps:
        yield Problem(("capacityProviderStrategy",), f'{svc_label(svc)} sets both launchType "{lt}" and '
                                                     f"capacityProviderStrategy; AWS accepts only one")


TEMPLATE = Template("launch-type-with-capacity-providers", check)
