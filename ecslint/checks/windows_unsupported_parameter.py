"""Container and task parameters the API reference says Windows containers do not support.
`user` is left out: Security Hub ECS.21 asks Windows containers to set a non-admin user."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import asks_for, shown_setting
from ecslint.model import Problem, Template

CONTAINER = ("links", "linuxParameters", "disableNetworking", "privileged", "readonlyRootFilesystem",
             "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits")
TASK = ("pidMode", "ipcMode")


def check(td, params, ctx):
    if not td.is_windows:
        return
    if td.task_level_known and not td.is_fargate:  # Windows pidMode on Fargate is ECS207's
        for key in TASK:
            if asks_for(td.get(key)):
                yield Problem((key,), f"task-level {shown_setting(key, td.get(key))} "
                                      f"is not supported for Windows containers")
    for _, c, ptr in td.containers():
        for key in CONTAINER:
            if asks_for(c.get(key)):
                yield Problem(ptr + (key,), f"{container_label(c)} sets {shown_setting(key, c.get(key))}, "
                                            f"which Windows containers do not support")


TEMPLATE = Template("windows-unsupported-parameter", check)
