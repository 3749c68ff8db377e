"""Linux containers should run with a read-only root filesystem (Security Hub ECS.5).
Windows containers do not support the setting, so they are skipped."""

from ecslint.ecs.labels import container_name
from ecslint.fixes import set_value
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if td.is_windows:
        return
    for _, c, ptr in td.containers():
        value = c.get("readonlyRootFilesystem")
        if value is True or (value is not None and not isinstance(value, bool)):
            continue  # true, or not a boolean (the schema rules report that)
        fix = set_value(td.data, ptr + ("readonlyRootFilesystem",), True, "set readonlyRootFilesystem to true")
        if value is False:
            yield Problem(ptr + ("readonlyRootFilesystem",),
                          f'container "{container_name(c)}" sets readonlyRootFilesystem to false', fix=fix)
        else:
            yield Problem(ptr, f'container "{container_name(c)}" does not set readonlyRootFilesystem, so its root filesystem is writable',
                          fix=fix)


TEMPLATE = Template("writable-root-filesystem", check)
