"""Target tracking cooldowns left unset, or a scale-in cooldown shorter than the scale-out one."""

from ecslint.ecs.scaling import DEFAULT_COOLDOWN, integer
from ecslint.model import SCALING_POLICY, Problem, Template

_CONFIG = "TargetTrackingScalingPolicyConfiguration"


def check(policy, params, ctx):
    tt = policy.get(_CONFIG)
    if not isinstance(tt, dict) or policy.get("PolicyType") != "TargetTrackingScaling":
        return
    if "ScaleInCooldown" not in tt and "ScaleOutCooldown" not in tt:
        yield Problem((_CONFIG,), f"{policy.label} sets neither ScaleInCooldown nor ScaleOutCooldown, so both are "
                                  f"the {DEFAULT_COOLDOWN} s default; choose them for how fast the service starts "
                                  "and how slowly it should shrink")
        return
    scale_in = integer(tt.get("ScaleInCooldown", DEFAULT_COOLDOWN))
    scale_out = integer(tt.get("ScaleOutCooldown", DEFAULT_COOLDOWN))
    if scale_in is not None and scale_out is not None and scale_in < scale_out:
        where = "ScaleInCooldown" if "ScaleInCooldown" in tt else "ScaleOutCooldown"
        yield Problem((_CONFIG, where), f"{policy.label} has a ScaleInCooldown of {scale_in} s, shorter than its "
                                        f"ScaleOutCooldown of {scale_out} s: it removes tasks faster than it adds "
                                        "them, and flaps under uneven load")


TEMPLATE = Template("scaling-cooldowns", check, kinds=[SCALING_POLICY])
