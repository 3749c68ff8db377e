"""A target tracking policy with DisableScaleIn and no other policy on its target that scales in."""

from ecslint.ecs.scaling import can_scale_in
from ecslint.model import SCALING_POLICY, Problem, Template

_CONFIG = "TargetTrackingScalingPolicyConfiguration"


def check(policy, params, ctx):
    links = policy.links
    if policy.target_tracking().get("DisableScaleIn") is not True or links is None or not links.policies_known:
        return
    if policy.links.target is None or any(can_scale_in(p) is not False for p in policy.links.policies):
        return  # the other policies are not all known, or one of them may scale in
    yield Problem((_CONFIG, "DisableScaleIn"), f"{policy.label} disables scale-in, and no other policy on its "
                                               "scalable target scales in: the service never shrinks after a peak")


TEMPLATE = Template("scale-in-disabled", check, kinds=[SCALING_POLICY])
