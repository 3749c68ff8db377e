"""Task definitions and services should carry tags (Security Hub ECS.13 and ECS.15)."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template



def check(view, params, ctx):
    if not view.task_level_known or view.partial or view.observed:
        return  # describe output has tags only with --include TAGS; update input may omit them
    tags = view.get("tags")
    if tags is None or tags == []:
        label = task_definition_label(view) if view.kind == "task-definition" else service_label(view)
        yield Problem(("tags",) if tags == [] else (), f"{label} has no tags")


TEMPLATE = Template("untagged", check)
