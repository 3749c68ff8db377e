"""Target tracking on CPU or memory utilisation with a target outside (0, 100]."""

from ecslint.ecs.scaling import UTILIZATION_METRICS
from ecslint.model import SCALING_POLICY, Problem, Template


def check(policy, params, ctx):
    metric = policy.predefined_metric()
    value = policy.target_tracking().get("TargetValue")
    if metric not in UTILIZATION_METRICS or isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if not 0 < value <= 100:
        yield Problem(("TargetTrackingScalingPolicyConfiguration", "TargetValue"),
                      f"{policy.label} tracks {metric} at {value:g}; utilisation is a percentage, so the target "
                      "must be above 0 and at most 100")


TEMPLATE = Template("utilization-target-value", check, kinds=[SCALING_POLICY])
