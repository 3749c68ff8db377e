"""The deployment circuit breaker and CloudWatch alarm rollback work only with the ECS
deployment controller; CODE_DEPLOY and EXTERNAL services cannot use them."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import controller

DC = "deploymentConfiguration"


def check(svc, params, ctx):
    ctl = controller(svc)
    if ctl not in ("CODE_DEPLOY", "EXTERNAL"):
        return
    dc = svc.get(DC)
    dc = dc if isinstance(dc, dict) else {}
    for key, what in (("deploymentCircuitBreaker", "the deployment circuit breaker"), ("alarms", "deployment alarms")):
        item = dc.get(key)
        if isinstance(item, dict) and item.get("enable") is True:
            yield Problem((DC, key, "enable"), f"{service_label(svc)} enables {what} with the {ctl} deployment "
                                               f"controller; only the ECS controller supports it")


TEMPLATE = Template("controller-features", check)
