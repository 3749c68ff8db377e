"""A volume that ECS must refer to by name (EFS, S3 Files, configuredAtLaunch) has one.
The name's format is ECS108 invalid-volume-name's; here only its presence."""

from ecslint.model import Problem, Template

NEEDS_NAME = ("efsVolumeConfiguration", "s3filesVolumeConfiguration", "configuredAtLaunch")


def check(td, params, ctx):
    for _, v, ptr in td.volumes():
        if v.get("name") is None:
            needs = next((t for t in NEEDS_NAME if v.get(t) not in (None, False)), None)
            if needs:
                yield Problem(ptr, f"a volume with {needs} needs a name")


TEMPLATE = Template("volume-name", check)
