"""Task definitions, services and clusters should carry tags (Security Hub ECS.13, ECS.15, ECS.14)."""

from ecslint.ecs.labels import resource_label, service_label, task_definition_label
from ecslint.model import CLUSTER, SERVICE, TASK_DEFINITION, Problem, Template



def check(view, params, ctx):
    if not view.task_level_known or view.partial or view.observed:
        return  # describe output has tags only with --include TAGS; update input may omit them
    tags = view.get("tags")
    if tags is None or tags == []:
        if view.kind == TASK_DEFINITION:
            label = task_definition_label(view)
        elif view.kind == SERVICE:
            label = service_label(view)
        else:
            label = resource_label(view)
        yield Problem(("tags",) if tags == [] else (), f"{label} has no tags")


TEMPLATE = Template("untagged", check, kinds=(TASK_DEFINITION, SERVICE, CLUSTER))
