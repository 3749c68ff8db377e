"""On Fargate, a container's stopTimeout is at most 120 seconds (ContainerDefinition.stopTimeout:
"The max stop timeout value is 120 seconds"). No source found states a Fargate range for
startTimeout or a minimum for either, so neither is claimed."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import whole_number
from ecslint.model import Problem, Template

HIGH = 120


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        value = whole_number(c.get("stopTimeout"))
        if value is not None and value > HIGH:
            yield Problem(ptr + ("stopTimeout",),
                          f"{container_label(c)} stopTimeout is {value}; Fargate allows at most {HIGH} seconds")


TEMPLATE = Template("fargate-container-timeouts", check)
