"""Amazon ECS Managed Instances support only the awslogs, splunk, awsfirelens and
json-file log drivers."""

from ecslint.ecs.containers import log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

SUPPORTED = ("awslogs", "splunk", "awsfirelens", "json-file")


def check(td, params, ctx):
    if not td.task_level_known or "MANAGED_INSTANCES" not in td.compatibilities:
        return
    for _, c, ptr in td.containers():
        driver, _ = log_config(c)
        if driver is not None and driver not in SUPPORTED:
            yield Problem(ptr + ("logConfiguration", "logDriver"),
                          f'container "{container_name(c)}" uses log driver "{driver}", which Managed Instances do not '
                          f'support (only {", ".join(SUPPORTED)})')


TEMPLATE = Template("managed-instances-log-driver", check)
