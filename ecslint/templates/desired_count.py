"""desiredCount of a REPLICA service (CreateService API: required for REPLICA or an unspecified
scheduling strategy; a count below 0 is rejected; 0 runs no tasks)."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import svc_label

PARAMS = {
    "type": "object",
    "required": ["check"],
    "properties": {"check": {"enum": ["missing", "negative", "zero"]}},
    "additionalProperties": False,
}

# Where an absent or zero count is a statement of the file: create-service input, a
# CloudFormation resource (absent: CloudFormation's default of 1 applies) or a Terraform plan.
# update-service input only carries what changes, and describe output is observed state.
PARTIAL_OR_OBSERVED = ("update-input", "describe-services")


def _origin(ctx):
    return getattr(getattr(ctx, "document", None), "origin", None)


def check(svc, params, ctx):
    what = params["check"]
    count = svc.get("desiredCount")
    is_int = isinstance(count, int) and not isinstance(count, bool)
    if what == "negative":
        if is_int and count < 0:
            yield Problem(("desiredCount",), f"{svc_label(svc)} has desiredCount {count}; it must be 0 or more")
        return
    if svc.get("schedulingStrategy") == "DAEMON" or _origin(ctx) in PARTIAL_OR_OBSERVED:
        return  # a DAEMON service runs one task per instance whatever the count says
    if what == "missing":
        # Only a complete create-service request: a file without serviceName is a deploy
        # tool's template (ecspresso, CodeDeploy pipelines) that supplies the count itself,
        # and CloudFormation / Terraform have their own defaults.
        if _origin(ctx) == "create-input" and "serviceName" in svc.data and "desiredCount" not in svc.data:
            yield Problem((), f"{svc_label(svc)} has no desiredCount; CreateService requires it for REPLICA services")
    elif is_int and count == 0:
        yield Problem(("desiredCount",), f"{svc_label(svc)} has desiredCount 0 and runs no tasks")


TEMPLATE = Template("desired-count", check, PARAMS)
