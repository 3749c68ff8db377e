"""enableECSManagedTags without propagateTags tags tasks only with ECS's own tags; cost
allocation by team or service needs propagateTags SERVICE or TASK_DEFINITION."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import svc_label


def check(svc, params, ctx):
    if svc.get("enableECSManagedTags") is not True:
        return
    pt = svc.get("propagateTags")
    if pt is None:
        yield Problem(("enableECSManagedTags",), f"{svc_label(svc)} enables ECS managed tags without propagateTags, "
                                                 f"so tasks do not get the service's tags")
    elif pt == "NONE":
        yield Problem(("propagateTags",), f'{svc_label(svc)} enables ECS managed tags with propagateTags "NONE", '
                                          f"so tasks do not get the service's tags")


TEMPLATE = Template("managed-tags-propagation", check)
