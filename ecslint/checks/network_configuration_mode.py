"""awsvpc task definitions need the service's networkConfiguration; other network modes
must not have one (CreateService API: "not supported for other network modes")."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template


def check(svc, td, params, ctx):
    mode = td.network_mode
    if mode is None:
        return
    has = isinstance(svc.get("networkConfiguration"), dict)
    if mode == "awsvpc" and not has and not svc.partial:
        yield Problem((), f"{service_label(svc)} has no networkConfiguration, which {task_definition_label(td)} "
                          f'needs for networkMode "awsvpc"')
    elif mode != "awsvpc" and has:
        yield Problem(("networkConfiguration",), f'{service_label(svc)} sets networkConfiguration but {task_definition_label(td)} '
                                                 f'uses networkMode "{mode}"; only awsvpc takes one')


TEMPLATE = Template("network-configuration-mode", check, pair=True)
