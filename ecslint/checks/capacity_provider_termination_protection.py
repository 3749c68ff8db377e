"""An Auto Scaling group capacity provider should have managed termination protection
(Security Hub ECS.19): it is off by default, and without it the group's scale-in may
terminate instances that still run tasks (CreateCapacityProvider, AutoScalingGroupProvider)."""

from ecslint.ecs.labels import resource_label
from ecslint.ecs.placeholders import is_unknown
from ecslint.model import CAPACITY_PROVIDER, Problem, Template


def check(view, params, ctx):
    asg = view.get("autoScalingGroupProvider")
    if not isinstance(asg, dict):
        return  # Fargate or Managed Instances, or not knowable
    value = asg.get("managedTerminationProtection")
    if is_unknown(value) or value == "ENABLED":
        return
    where = ("autoScalingGroupProvider", "managedTerminationProtection") if value is not None else ("autoScalingGroupProvider",)
    said = f'"{value}"' if isinstance(value, str) else "not set, so DISABLED"
    yield Problem(where, f"{resource_label(view)} has no managed termination protection (managedTerminationProtection "
                         f"{said}): the Auto Scaling group can terminate instances that still run tasks when it scales in")


TEMPLATE = Template("capacity-provider-termination-protection", check, kinds=(CAPACITY_PROVIDER,))
