"""mode "blocking" stops the application's writes to stdout/stderr when the log
destination is slow or unreachable; non-blocking (the AWS default since 2025-06-25)
buffers instead."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver is not None and options.get("mode") == "blocking":
            yield Problem(ptr + ("logConfiguration", "options", "mode"),
                          f'container "{container_name(c)}" logs with mode "blocking"; a slow '
                          f'{driver} destination then stalls the application')


TEMPLATE = Template("blocking-log-mode", check)
