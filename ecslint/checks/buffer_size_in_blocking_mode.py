"""max-buffer-size only applies to mode "non-blocking"."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver is not None and options.get("mode") == "blocking" and "max-buffer-size" in options:
            yield Problem(ptr + ("logConfiguration", "options", "max-buffer-size"),
                          f'container "{container_name(c)}" sets max-buffer-size, which has no effect with mode "blocking"')


TEMPLATE = Template("buffer-size-in-blocking-mode", check)
