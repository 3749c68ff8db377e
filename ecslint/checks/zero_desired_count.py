"""A REPLICA service with desiredCount 0 runs no tasks."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    # update-service input only carries what changes, and describe output is observed state:
    # a zero there is not a statement of the file.
    if svc.get("schedulingStrategy") == "DAEMON" or svc.partial or svc.observed:
        return  # a DAEMON service runs one task per instance whatever the count says
    count = svc.get("desiredCount")
    if isinstance(count, int) and not isinstance(count, bool) and count == 0:
        yield Problem(("desiredCount",), f"{service_label(svc)} has desiredCount 0 and runs no tasks")


TEMPLATE = Template("zero-desired-count", check)
