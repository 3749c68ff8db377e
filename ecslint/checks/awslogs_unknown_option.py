"""An awslogs option name the driver does not accept: Docker rejects it when the container
is created, so the task cannot start."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

# Options the awslogs driver accepts: Docker's awslogs options, ECS's stream prefix, and
# the generic mode / max-buffer-size every driver takes.
AWSLOGS_OPTIONS = frozenset({
    "awslogs-region", "awslogs-group", "awslogs-stream-prefix", "awslogs-create-group", "awslogs-stream",
    "awslogs-datetime-format", "awslogs-multiline-pattern", "awslogs-endpoint", "awslogs-create-stream",
    "awslogs-force-flush-interval-seconds", "awslogs-max-buffered-events", "awslogs-format",
    "awslogs-credentials-endpoint", "tag", "mode", "max-buffer-size",
})


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver != "awslogs":
            continue
        for key in options:
            if key not in AWSLOGS_OPTIONS and known(key):
                yield Problem(ptr + ("logConfiguration", "options", key),
                              f'container "{container_name(c)}" sets awslogs option "{key}", '
                              f'which the awslogs log driver does not accept')


TEMPLATE = Template("awslogs-unknown-option", check)
