"""minimumHealthyPercent equal to maximumPercent leaves a rolling deployment no room to start
a new task or stop an old one, so it never progresses."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import controller
from ecslint.checks.deployment_percent import DC, percents


def check(svc, params, ctx):
    if controller(svc) != "ECS":
        return  # CODE_DEPLOY and EXTERNAL ignore or forbid the percents
    lo, hi, dc = percents(svc)
    if lo is None or lo != hi or not ("minimumHealthyPercent" in dc or "maximumPercent" in dc):
        return
    where = (DC, "maximumPercent") if "maximumPercent" in dc else (DC, "minimumHealthyPercent")
    yield Problem(where, f"{service_label(svc)} has minimumHealthyPercent and maximumPercent both {lo}, "
                         f"so a rolling deployment cannot replace any task")


TEMPLATE = Template("deployment-no-headroom", check)
