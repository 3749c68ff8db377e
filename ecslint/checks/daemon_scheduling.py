"""The DAEMON strategy needs EC2 capacity and the ECS deployment controller."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import controller, launch_type


def check(svc, params, ctx):
    if svc.get("schedulingStrategy") != "DAEMON":
        return
    label = service_label(svc)
    if launch_type(svc) == "FARGATE":
        yield Problem(("schedulingStrategy",), f'{label} uses schedulingStrategy DAEMON with launchType "FARGATE", '
                                               f"which supports only REPLICA")
    cps = svc.get("capacityProviderStrategy")
    for i, item in enumerate(cps if isinstance(cps, list) else []):
        cp = item.get("capacityProvider") if isinstance(item, dict) else None
        if cp in ("FARGATE", "FARGATE_SPOT"):
            yield Problem(("capacityProviderStrategy", i, "capacityProvider"),
                          f'{label} uses schedulingStrategy DAEMON with capacity provider "{cp}", which supports only REPLICA')
    ctl = controller(svc)
    if ctl in ("CODE_DEPLOY", "EXTERNAL"):
        yield Problem(("deploymentController", "type"),
                      f'{label} uses schedulingStrategy DAEMON with the {ctl} deployment controller, which supports only REPLICA')


TEMPLATE = Template("daemon-scheduling", check)
