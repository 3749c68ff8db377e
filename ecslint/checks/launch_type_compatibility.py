"""A service's launch type must be one its task definition is compatible with. Without
requiresCompatibilities ECS still works out Fargate compatibility, which needs awsvpc (as
cfn-lint E3054 does, judge that case only when the network mode rules Fargate out)."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import launch_type


def check(svc, td, params, ctx):
    lt = launch_type(svc)
    if lt is None:
        return
    declared = td.data.get("requiresCompatibilities")
    if isinstance(declared, list):
        comps = td.compatibilities
        if comps and lt not in comps and len(comps) == len(declared):
            yield Problem(("launchType",), f'{service_label(svc)} uses launchType "{lt}" but {task_definition_label(td)} requires '
                                           f'{", ".join(sorted(comps))}')
    elif lt == "FARGATE" and td.network_mode not in (None, "awsvpc"):
        yield Problem(("launchType",), f'{service_label(svc)} uses launchType "FARGATE" but {task_definition_label(td)} uses '
                                       f'networkMode "{td.network_mode}", which Fargate does not support')


TEMPLATE = Template("launch-type-compatibility", check, pair=True)
