"""Rolling deployments should enable the circuit breaker with rollback; without it a task
that never becomes healthy is retried for hours, and ECS does not roll the service back (a
CloudFormation stack does, once its stabilisation wait times out)."""

from ecslint.ecs.labels import service_label
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.fixes import set_value
from ecslint.model import Problem, Template
from ecslint.templates._common import controller

DC = "deploymentConfiguration"


def check(svc, params, ctx):
    if controller(svc) != "ECS" or svc.partial or svc.get("schedulingStrategy") == "DAEMON":
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
    cbp = (DC, "deploymentCircuitBreaker")
    if not isinstance(cb, dict):
        fix = set_value(svc.data, cbp, {"enable": True, "rollback": True}, "enable the circuit breaker with rollback")
        yield Problem((DC,) if DC in svc.data else (), f"{label} has no deploymentCircuitBreaker, "
                                                       f"so ECS neither stops nor rolls back a failing deployment", fix=fix)
        return
    fix = _enable(svc.data, cb)
    if cb.get("enable") is not True:
        yield Problem(cbp + ("enable",) if "enable" in cb else cbp,
                      f"{label} does not enable the deployment circuit breaker", fix=fix)
    elif cb.get("rollback") is not True:
        yield Problem(cbp + ("rollback",) if "rollback" in cb else cbp,
                      f"{label} enables the deployment circuit breaker without rollback, "
                      f"so a failed deployment stays on the broken revision", fix=fix)


def _enable(data, cb):
    """One fix setting both enable and rollback to true, whichever of them is missing or off."""
    from ecslint.fixes import Fix

    ops: list = []
    for key in ("enable", "rollback"):
        if cb.get(key) is not True:
            part = set_value(data, (DC, "deploymentCircuitBreaker", key), True, "")
            if part is None:
                return None
            ops.extend(part.ops)
    return Fix("enable the circuit breaker with rollback", tuple(ops))


TEMPLATE = Template("missing-circuit-breaker", check)
