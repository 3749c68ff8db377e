"""healthCheckGracePeriodSeconds only delays load balancer, VPC Lattice and container health
checks; with none of them it does nothing (AWS once rejected it). 0 is never flagged: AWS
reports 0 for every service, so exported definitions carry it."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, td, params, ctx):
    grace = svc.get("healthCheckGracePeriodSeconds")
    if not isinstance(grace, int) or isinstance(grace, bool) or grace <= 0:
        return
    if svc.get("loadBalancers") or svc.get("vpcLatticeConfigurations"):
        return
    if any("healthCheck" in c for _, c, _ in td.containers()):
        return
    yield Problem(("healthCheckGracePeriodSeconds",),
                  f"{service_label(svc)} sets healthCheckGracePeriodSeconds {grace} but has no load balancer "
                  f"and no container healthCheck, so the grace period does nothing")


TEMPLATE = Template("unused-grace-period", check, pair=True)
