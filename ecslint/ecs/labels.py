"""How messages name things: one label per container, task definition and service, so a
name ecslint cannot know (a CloudFormation `!Ref`, a Terraform unknown, a missing or
non-string name) prints the same "?" in every rule, select-assert messages included."""

from __future__ import annotations

UNNAMED = "?"


def shown_name(value) -> str:
    """A name as messages show it: the string itself (a placeholder too), else "?"."""
    return value if isinstance(value, str) else UNNAMED


def container_name(c) -> str:
    return shown_name(c.get("name")) if isinstance(c, dict) else UNNAMED


def container_label(c) -> str:
    """'container "name"'; 'container "?"' when the name is missing or cannot be known."""
    return f'container "{container_name(c)}"'


def task_definition_label(td) -> str:
    return f'task definition "{td.family}"' if td.family else "the task definition"


def service_label(svc) -> str:
    return f'service "{svc.name}"' if svc.name else "the service"


def document_label(view) -> str:
    """The task definition's or the service's label, whichever the view is."""
    return task_definition_label(view) if hasattr(view, "family") else service_label(view)
