"""Fargate services should run the latest platform version (Security Hub ECS.10): LATEST,
or the newest version of their OS family."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str, launch_type

def check(svc, params, ctx):
    pv = svc.get("platformVersion")
    if not known_str(pv) or launch_type(svc) in ("EC2", "EXTERNAL", "MANAGED_INSTANCES"):
        return
    allowed = params["allowed"]
    if pv not in allowed:
        yield Problem(("platformVersion",), f'{service_label(svc)} pins Fargate platformVersion "{pv}", '
                                            f'not one of the current {", ".join(allowed)}')


TEMPLATE = Template("outdated-platform-version", check)
