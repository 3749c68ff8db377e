"""Task definitions and services should carry tags (Security Hub ECS.13 and ECS.15)."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import is_container_array


def check(view, params, ctx):
    doc = ctx.document
    if is_container_array(ctx) or doc.origin in ("update-input", "describe-services", "describe-output"):
        return  # describe output has tags only with --include TAGS; update input may omit them
    tags = view.get("tags")
    if tags is None or tags == []:
        label = task_definition_label(view) if doc.kind == "task-definition" else service_label(view)
        yield Problem(("tags",) if tags == [] else (), f"{label} has no tags")


TEMPLATE = Template("untagged", check)
