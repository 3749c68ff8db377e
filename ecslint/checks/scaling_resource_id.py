"""An ECS scalable target or policy whose ResourceId is not service/<cluster>/<service>."""

from ecslint.ecs.scaling import is_ecs, parse_resource_id
from ecslint.ecs.views import known
from ecslint.model import SCALABLE_TARGET, SCALING_POLICY, Problem, Template


def check(view, params, ctx):
    rid = view.get("ResourceId")
    if not is_ecs(view.data) or not known(rid) or not isinstance(rid, str) or parse_resource_id(rid):
        return
    if "arn:" in rid:
        return  # an ARN inside is accepted and never scales: not this rule's claim (see the docs)
    yield Problem(("ResourceId",), f'{view.label} has ResourceId "{rid}"; an ECS service is named '
                                   '"service/<cluster name>/<service name>"')


TEMPLATE = Template("scaling-resource-id", check, kinds=[SCALABLE_TARGET, SCALING_POLICY])
