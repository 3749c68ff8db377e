"""A target tracking policy on ALBRequestCountPerTarget without a ResourceLabel."""

from ecslint.ecs.scaling import ALB_REQUEST_COUNT
from ecslint.model import SCALING_POLICY, Problem, Template


def check(policy, params, ctx):
    spec = policy.target_tracking().get("PredefinedMetricSpecification")
    if isinstance(spec, dict) and spec.get("PredefinedMetricType") == ALB_REQUEST_COUNT and "ResourceLabel" not in spec:
        yield Problem(("TargetTrackingScalingPolicyConfiguration", "PredefinedMetricSpecification"),
                      f"{policy.label} tracks {ALB_REQUEST_COUNT} without a ResourceLabel naming the load balancer "
                      "and target group (app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>)")


TEMPLATE = Template("alb-request-count-resource-label", check, kinds=[SCALING_POLICY])
