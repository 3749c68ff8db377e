"""Advice: a service without a load balancer has no health-checked entry point (fine for
workers and queue consumers, so this rule is off by default)."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    if svc.partial or svc.get("loadBalancers") or svc.get("serviceConnectConfiguration") \
            or svc.get("vpcLatticeConfigurations"):
        return
    yield Problem(("loadBalancers",) if "loadBalancers" in svc.data else (),
                  f"{service_label(svc)} has no load balancer")


TEMPLATE = Template("no-load-balancer", check)
