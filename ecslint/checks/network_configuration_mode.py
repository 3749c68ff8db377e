"""awsvpc task definitions need the service's networkConfiguration; other network modes
must not have one (CreateService API: "not supported for other network modes")."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import is_partial_service, svc_label, td_label


def check(svc, td, params, ctx):
    mode = td.network_mode
    if mode is None:
        return
    has = isinstance(svc.get("networkConfiguration"), dict)
    if mode == "awsvpc" and not has and not is_partial_service(ctx, svc):
        yield Problem((), f"{svc_label(svc)} has no networkConfiguration, which {td_label(td)} "
                          f'needs for networkMode "awsvpc"')
    elif mode != "awsvpc" and has:
        yield Problem(("networkConfiguration",), f'{svc_label(svc)} sets networkConfiguration but {td_label(td)} '
                                                 f'uses networkMode "{mode}"; only awsvpc takes one')


TEMPLATE = Template("network-configuration-mode", check, pair=True)
