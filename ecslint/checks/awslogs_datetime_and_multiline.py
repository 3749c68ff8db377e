"""awslogs-datetime-format together with awslogs-multiline-pattern: Docker rejects the pair
when the container is created, so the task cannot start."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver == "awslogs" and "awslogs-datetime-format" in options and "awslogs-multiline-pattern" in options:
            yield Problem(ptr + ("logConfiguration", "options", "awslogs-multiline-pattern"),
                          f'container "{container_name(c)}" sets both awslogs-datetime-format and '
                          f'awslogs-multiline-pattern; awslogs accepts only one of them')


TEMPLATE = Template("awslogs-datetime-and-multiline", check)
