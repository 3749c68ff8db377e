"""desiredCount of a REPLICA service: the CreateService API requires it for REPLICA or an
unspecified scheduling strategy."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    # Only a complete create-service request: a file without serviceName is a deploy
    # tool's template (ecspresso, CodeDeploy pipelines) that supplies the count itself,
    # and CloudFormation / Terraform have their own defaults.
    if svc.get("schedulingStrategy") == "DAEMON":
        return  # a DAEMON service runs one task per instance whatever the count says
    if svc.direct_request and "serviceName" in svc.data and "desiredCount" not in svc.data:
        yield Problem((), f"{service_label(svc)} has no desiredCount; CreateService requires it for REPLICA services")


TEMPLATE = Template("missing-desired-count", check)
