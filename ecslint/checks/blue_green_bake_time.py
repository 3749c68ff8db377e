"""bakeTimeInMinutes: required with the BLUE_GREEN deployment strategy (DeploymentConfiguration
API) and 0–1440 minutes (the CloudFormation resource schema's range, cfn-lint E3034)."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


DC = "deploymentConfiguration"
LOW, HIGH = 0, 1440


def check(svc, params, ctx):
    dc = svc.get(DC)
    if not isinstance(dc, dict):
        return
    bake = dc.get("bakeTimeInMinutes")
    if isinstance(bake, int) and not isinstance(bake, bool):
        if not LOW <= bake <= HIGH:
            yield Problem((DC, "bakeTimeInMinutes"), f"{service_label(svc)} has bakeTimeInMinutes {bake}; "
                                                     f"it must be {LOW}–{HIGH}")
    elif "bakeTimeInMinutes" not in dc and dc.get("strategy") == "BLUE_GREEN" and not svc.partial:
        yield Problem((DC, "strategy"), f"{service_label(svc)} uses the BLUE_GREEN deployment strategy without "
                                        f"bakeTimeInMinutes")


TEMPLATE = Template("blue-green-bake-time", check)
