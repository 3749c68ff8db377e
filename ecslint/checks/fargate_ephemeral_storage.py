"""ephemeralStorage.sizeInGiB must be 21-200 (20 GiB is the default and cannot be asked for)."""

from ecslint.ecs.views import whole_number
from ecslint.model import Problem, Template

LOW, HIGH = 21, 200


def check(td, params, ctx):
    es = td.get("ephemeralStorage")
    if not td.task_level_known or not isinstance(es, dict):
        return
    size = whole_number(es.get("sizeInGiB"))
    if size is not None and not LOW <= size <= HIGH:
        yield Problem(("ephemeralStorage", "sizeInGiB"),
                      f"ephemeralStorage sizeInGiB is {size}; it must be from {LOW} to {HIGH}")


TEMPLATE = Template("fargate-ephemeral-storage", check)
