"""mountPoints[].sourceVolume must name a volume declared in the task's volumes."""

from ecslint.ecs.containers import items
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known:
        return  # volumes are declared outside a bare container array
    raw = td.get("volumes", [])
    if not isinstance(raw, list):
        return
    declared = [v.get("name") for _, v, _ in td.volumes()]
    if any(not isinstance(n, str) or not known(n) for n in declared):
        return  # a volume whose name is unknown could be the one meant
    for _, c, ptr in td.containers():
        for j, mp in items(c.get("mountPoints")):
            src = mp.get("sourceVolume")
            if isinstance(src, str) and known(src) and src not in declared:
                yield Problem(ptr + ("mountPoints", j, "sourceVolume"),
                              f'container "{container_name(c)}" mounts volume "{src}", which is not declared in "volumes"')


TEMPLATE = Template("mount-point-volume", check)
