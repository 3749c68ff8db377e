"""On Fargate, container startTimeout and stopTimeout must be 2-120 seconds."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import whole_number
from ecslint.model import Problem
from ecslint.registry import Template

LOW, HIGH = 2, 120


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        for key in ("startTimeout", "stopTimeout"):
            value = whole_number(c.get(key))
            if value is not None and not LOW <= value <= HIGH:
                yield Problem(ptr + (key,),
                              f"{container_label(c)} {key} is {value}; Fargate allows {LOW} to {HIGH} seconds")


TEMPLATE = Template("fargate-container-timeouts", check)
