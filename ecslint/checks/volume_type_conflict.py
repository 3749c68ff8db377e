"""A task volume has exactly one type: host, a volume configuration, or configuredAtLaunch."""

from ecslint.ecs.views import volume_label
from ecslint.model import Problem, Template

TYPES = ("host", "dockerVolumeConfiguration", "efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration",
         "s3filesVolumeConfiguration")


def check(td, params, ctx):
    for _, v, ptr in td.volumes():
        kinds = [t for t in TYPES if v.get(t) is not None]
        if v.get("configuredAtLaunch") is True:
            kinds.insert(0, "configuredAtLaunch")
        if len(kinds) > 1:
            yield Problem(ptr, f'{volume_label(v)} sets {" and ".join(kinds)}; a volume has exactly one type')


TEMPLATE = Template("volume-type-conflict", check)
