"""A request-count policy for a service that has no load balancer."""

from ecslint.ecs.scaling import ALB_REQUEST_COUNT
from ecslint.model import SCALING_POLICY, Problem, Template


def check(policy, params, ctx):
    svc = policy.links.service if policy.links is not None else None
    if policy.predefined_metric() != ALB_REQUEST_COUNT or not isinstance(svc, dict):
        return
    lbs = svc.get("loadBalancers")
    if lbs is None or lbs == []:
        yield Problem(("TargetTrackingScalingPolicyConfiguration", "PredefinedMetricSpecification",
                       "PredefinedMetricType"),
                      f"{policy.label} tracks {ALB_REQUEST_COUNT}, but its service has no load balancer: "
                      "there are no requests to count")


TEMPLATE = Template("request-count-without-load-balancer", check, kinds=[SCALING_POLICY])
