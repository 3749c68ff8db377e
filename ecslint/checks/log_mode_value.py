"""A log delivery mode other than blocking or non-blocking: Docker rejects it when the
container is created, so the task cannot start."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

MODES = ("blocking", "non-blocking")


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver in (None, "awsfirelens"):  # firelens options go to the router
            continue
        mode = options.get("mode")
        if isinstance(mode, str) and known(mode) and mode not in MODES:
            yield Problem(ptr + ("logConfiguration", "options", "mode"),
                          f'container "{container_name(c)}" log option mode is "{mode}"; '
                          f'it must be "blocking" or "non-blocking"')


TEMPLATE = Template("log-mode-value", check)
