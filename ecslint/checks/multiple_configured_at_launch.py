"""At most one task volume is configuredAtLaunch."""

from ecslint.ecs.views import volume_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    at_launch = None
    for _, v, ptr in td.volumes():
        if v.get("configuredAtLaunch") is not True:
            continue
        if at_launch is not None:
            yield Problem(ptr + ("configuredAtLaunch",), f'{volume_label(v)} is configuredAtLaunch, but '
                                                         f'{at_launch} already is; only one volume may be')
        else:
            at_launch = volume_label(v)


TEMPLATE = Template("multiple-configured-at-launch", check)
