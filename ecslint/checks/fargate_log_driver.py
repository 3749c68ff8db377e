"""Fargate supports the awslogs, splunk and awsfirelens log drivers only."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template

FARGATE_DRIVERS = ("awslogs", "splunk", "awsfirelens")


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        lc = c.get("logConfiguration")
        driver = lc.get("logDriver") if isinstance(lc, dict) else None
        if isinstance(driver, str) and known(driver) and driver not in FARGATE_DRIVERS:
            yield Problem(ptr + ("logConfiguration", "logDriver"),
                          f'{container_label(c)} uses log driver "{driver}"; '
                          f"Fargate supports awslogs, splunk and awsfirelens")


TEMPLATE = Template("fargate-log-driver", check)
