"""A scaling policy whose scalable target the template or module does not register."""

from ecslint.model import SCALING_POLICY, Problem, Template


def check(policy, params, ctx):
    if policy.links is None or policy.links.registered is not False:
        return
    yield Problem((policy.links.names_target_in,), f"{policy.label} names a scalable target that this template or module does not register; "
                         "PutScalingPolicy fails until the target exists")


TEMPLATE = Template("scaling-target-not-registered", check, kinds=[SCALING_POLICY])
