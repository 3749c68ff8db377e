"""Fargate volumes: no Docker volumes, no host paths (an empty `host` bind mount is fine)."""

from ecslint.ecs.labels import shown_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_fargate or not td.task_level_known:
        return
    for _, v, ptr in td.volumes():
        name = shown_name(v.get("name"))
        if v.get("dockerVolumeConfiguration") is not None:
            yield Problem(ptr + ("dockerVolumeConfiguration",),
                          f'volume "{name}" uses dockerVolumeConfiguration, which Fargate does not support')
        host = v.get("host")
        if isinstance(host, dict) and host.get("sourcePath") not in (None, ""):
            yield Problem(ptr + ("host", "sourcePath"),
                          f'volume "{name}" mounts host path "{host["sourcePath"]}", which Fargate does not support')


TEMPLATE = Template("fargate-volumes", check)
