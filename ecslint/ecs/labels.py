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


# kind → (noun, the API member that names it) for the resources around a service
_RESOURCE_NAMES = {"cluster": ("cluster", "clusterName"), "capacity-provider": ("capacity provider", "name"),
                   "cluster-capacity-providers": ("capacity providers of cluster", "cluster"),
                   "task-set": ("task set", "externalId")}


def resource_label(view) -> str:
    """'cluster "prod"', or 'the cluster' when the name is absent (CloudFormation generates
    one) or cannot be known; the same in every input form."""
    noun, key = _RESOURCE_NAMES.get(view.kind) or (str(view.kind).replace("-", " ") or "document", "name")
    name = view.get(key)
    if isinstance(name, str) and name:
        return f'{noun} "{name}"'
    return f"the {noun}"
