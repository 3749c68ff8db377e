"""An ecslint plugin: the `ecslint.rules` entry point names `provide`, which returns the
template (Python logic, registered by its name) and the rule that runs it (data)."""

from ecslint.model import Problem
from ecslint.model import Template

RULE = {
    "id": "EXA-001",
    "name": "essential-container-health-check",
    "severity": "warning",
    "category": "reliability",
    "applies-to": ["task-definition"],
    "summary": "Essential container has no health check",
    "template": "essential-health-check",
    "remediation": "Add a healthCheck command to every essential container.",
    "help-uri": "https://example.com/ecslint-plugin-example/EXA-001",
    "docs": {
        "what": "Checks that every essential container (essential is true unless set to false) has a healthCheck.",
        "why": "Without a health check ECS only notices a container that exits, not one that hangs.",
        "example": '{"family": "web", "containerDefinitions": [{"name": "app", "image": "web:1", "memory": 256}]}',
        "use-instead": '{"family": "web", "containerDefinitions": [{"name": "app", "image": "web:1", "memory": 256, '
                       '"healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}}]}',
        "when-to-ignore": "Batch tasks that run to completion.",
    },
}


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        if c.get("essential", True) is not False and not c.get("healthCheck"):
            yield Problem(ptr, f'essential container "{c.get("name", "?")}" has no healthCheck')


TEMPLATE = Template("essential-health-check", check, kinds=["task-definition"])


def provide():
    return [TEMPLATE, RULE]
