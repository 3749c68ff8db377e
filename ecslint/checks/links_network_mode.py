"""links work only in bridge mode, and not on Windows."""

from ecslint.ecs.containers import network_mode
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.task_level_known:
        return
    mode = network_mode(td)
    for _, c, ptr in td.containers():
        links = c.get("links")
        if not isinstance(links, list) or not links:
            continue
        if td.is_windows:
            yield Problem(ptr + ("links",), f'container "{container_name(c)}" uses links, which Windows containers do not support')
        elif mode is not None and mode != "bridge":
            yield Problem(ptr + ("links",), f'container "{container_name(c)}" uses links, which work only with networkMode '
                                            f'"bridge" (this task uses "{mode}")')


TEMPLATE = Template("links-network-mode", check)
