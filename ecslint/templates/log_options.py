"""Log driver options that Docker rejects when the container is created, so the task
cannot start: unknown awslogs option names, datetime-format together with
multiline-pattern, and a delivery mode other than blocking or non-blocking."""

from ecslint.ecs.containers import cname, log_config
from ecslint.ecs.views import known
from ecslint.model import Problem
from ecslint.registry import Template

# Options the awslogs driver accepts: Docker's awslogs options, ECS's stream prefix, and
# the generic mode / max-buffer-size every driver takes.
AWSLOGS_OPTIONS = frozenset({
    "awslogs-region", "awslogs-group", "awslogs-stream-prefix", "awslogs-create-group", "awslogs-stream",
    "awslogs-datetime-format", "awslogs-multiline-pattern", "awslogs-endpoint", "awslogs-create-stream",
    "awslogs-force-flush-interval-seconds", "awslogs-max-buffered-events", "awslogs-format",
    "awslogs-credentials-endpoint", "tag", "mode", "max-buffer-size",
})
MODES = ("blocking", "non-blocking")
PARAMS = {
    "type": "object",
    "required": ["check"],
    "properties": {"check": {"enum": ["awslogs-option-name", "datetime-and-multiline", "mode-value"]}},
    "additionalProperties": False,
}


def check(td, params, ctx):
    which = params["check"]
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        where = ptr + ("logConfiguration", "options")
        if which == "awslogs-option-name" and driver == "awslogs":
            for key in options:
                if key not in AWSLOGS_OPTIONS and known(key):
                    yield Problem(where + (key,), f'container "{cname(c)}" sets awslogs option "{key}", '
                                                  f'which the awslogs log driver does not accept')
        elif which == "datetime-and-multiline" and driver == "awslogs":
            if "awslogs-datetime-format" in options and "awslogs-multiline-pattern" in options:
                yield Problem(where + ("awslogs-multiline-pattern",),
                              f'container "{cname(c)}" sets both awslogs-datetime-format and '
                              f'awslogs-multiline-pattern; awslogs accepts only one of them')
        elif which == "mode-value" and driver not in (None, "awsfirelens"):  # firelens options go to the router
            mode = options.get("mode")
            if isinstance(mode, str) and known(mode) and mode not in MODES:
                yield Problem(where + ("mode",), f'container "{cname(c)}" log option mode is "{mode}"; '
                                                 f'it must be "blocking" or "non-blocking"')


TEMPLATE = Template("log-options", check, PARAMS)
