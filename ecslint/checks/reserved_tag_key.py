"""Tag keys starting with "aws:" (in any case) are reserved for AWS (Tag API shape)."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(view, params, ctx):
    tags = view.get("tags")
    if not isinstance(tags, list):
        return
    label = task_definition_label(view) if view.kind == "task-definition" else service_label(view)
    for i, tag in enumerate(tags):
        key = tag.get("key") if isinstance(tag, dict) else None
        if known_str(key) and key.lower().startswith("aws:"):
            yield Problem(("tags", i, "key"), f'{label} has tag key "{key}"; the "aws:" prefix is reserved for AWS')


TEMPLATE = Template("reserved-tag-key", check)
