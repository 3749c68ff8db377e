"""mode "blocking" stops the application's writes to stdout/stderr when the log
destination is slow or unreachable; non-blocking (the AWS default since 2025-06-25)
buffers instead. max-buffer-size only applies to non-blocking."""

from ecslint.ecs.containers import cname, log_config
from ecslint.model import Problem
from ecslint.registry import Template

PARAMS = {
    "type": "object",
    "required": ["check"],
    "properties": {"check": {"enum": ["blocking-mode", "buffer-without-non-blocking"]}},
    "additionalProperties": False,
}


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver is None or options.get("mode") != "blocking":
            continue
        where = ptr + ("logConfiguration", "options")
        if params["check"] == "blocking-mode":
            yield Problem(where + ("mode",), f'container "{cname(c)}" logs with mode "blocking"; a slow '
                                             f'{driver} destination then stalls the application')
        elif "max-buffer-size" in options:
            yield Problem(where + ("max-buffer-size",), f'container "{cname(c)}" sets max-buffer-size, which '
                                                        f'has no effect with mode "blocking"')


TEMPLATE = Template("blocking-log-mode", check, PARAMS)
