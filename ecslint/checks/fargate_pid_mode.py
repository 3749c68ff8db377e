"""On Fargate, pidMode may only be "task" (Linux, platform 1.4.0), and Windows has none."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    mode = td.get("pidMode")
    if not td.is_fargate or not td.task_level_known or not isinstance(mode, str) or not mode or not known(mode):
        # "" is an unset value as export tools write it: ECS104 reports it once
        return
    if td.is_windows:
        yield Problem(("pidMode",), f'pidMode "{mode}" is not supported for Windows tasks on Fargate')
    elif mode != "task":
        yield Problem(("pidMode",), f'pidMode "{mode}" is not supported on Fargate; only "task" is')


TEMPLATE = Template("fargate-pid-mode", check)
