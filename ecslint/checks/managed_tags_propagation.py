"""enableECSManagedTags without propagateTags tags tasks only with ECS's own tags; cost
allocation by team or service needs propagateTags SERVICE or TASK_DEFINITION."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    if svc.get("enableECSManagedTags") is not True:
        return
    pt = svc.get("propagateTags")
    if pt is None:
        yield Problem(("enableECSManagedTags",), f"{service_label(svc)} enables ECS managed tags without propagateTags, "
                                                 f"so tasks do not get the service's tags")
    elif pt == "NONE":
        yield Problem(("propagateTags",), f'{service_label(svc)} enables ECS managed tags with propagateTags "NONE", '
                                          f"so tasks do not get the service's tags")


TEMPLATE = Template("managed-tags-propagation", check)
