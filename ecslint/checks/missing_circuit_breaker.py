"""Rolling deployments should enable the circuit breaker with rollback; without it a task
that never becomes healthy is retried for hours, and ECS does not roll the service back (a
CloudFormation stack does, once its stabilisation wait times out)."""

from ecslint.ecs.labels import service_label
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import controller, is_partial_service

DC = "deploymentConfiguration"


def check(svc, params, ctx):
    if controller(svc) != "ECS" or is_partial_service(ctx, svc) or svc.get("schedulingStrategy") == "DAEMON":
        return  # DAEMON: the circuit breaker is documented for REPLICA rolling deployments
    dc = svc.get(DC)
    if dc is UNKNOWN:
        return
    dc = dc if isinstance(dc, dict) else {}
    if dc.get("strategy", "ROLLING") != "ROLLING":
        return  # blue/green, linear and canary strategies judge health with bake time and alarms
    cb = dc.get("deploymentCircuitBreaker")
    if cb is UNKNOWN:
        return  # computed (a Terraform dynamic block, a CloudFormation intrinsic): not absent
    label = service_label(svc)
    if not isinstance(cb, dict):
        yield Problem((DC,) if DC in svc.data else (), f"{label} has no deploymentCircuitBreaker, "
                                                       f"so ECS neither stops nor rolls back a failing deployment")
    elif cb.get("enable") is not True:
        yield Problem((DC, "deploymentCircuitBreaker", "enable") if "enable" in cb else (DC, "deploymentCircuitBreaker"),
                      f"{label} does not enable the deployment circuit breaker")
    elif cb.get("rollback") is not True:
        yield Problem((DC, "deploymentCircuitBreaker", "rollback") if "rollback" in cb else (DC, "deploymentCircuitBreaker"),
                      f"{label} enables the deployment circuit breaker without rollback, "
                      f"so a failed deployment stays on the broken revision")


TEMPLATE = Template("missing-circuit-breaker", check)
