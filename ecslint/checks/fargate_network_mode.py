"""Fargate runs only awsvpc tasks; an absent networkMode means bridge."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_fargate or not td.task_level_known:
        return
    mode = td.get("networkMode")
    if mode is None:
        yield Problem((), 'requiresCompatibilities includes FARGATE but networkMode is not set, '
                          'which means bridge; Fargate requires "awsvpc"')
    elif known(mode) and mode != "awsvpc":
        yield Problem(("networkMode",), f'networkMode is "{mode}" but requiresCompatibilities includes '
                                        f'FARGATE, which requires "awsvpc"')


TEMPLATE = Template("fargate-network-mode", check)
