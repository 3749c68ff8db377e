"""Front end for Application Auto Scaling CLI input (`--cli-input-json` / `--cli-input-yaml`
of `register-scalable-target` and `put-scaling-policy`), for ECS services only.

The API spells its members in PascalCase (`ServiceNamespace`, `ResourceId`), which no ECS
document uses, so the detection is by those names. A file for another namespace (DynamoDB,
Lambda...) is skipped quietly; a namespace that cannot be known is linted.
"""

from __future__ import annotations

from ecslint.ecs.placeholders import is_unknown
from ecslint.ecs.scaling import is_ecs
from ecslint.model import SCALABLE_TARGET, SCALING_POLICY, Document, Origin

NAME = "application-autoscaling"
MARKERS = r"\bScalableDimension\b|\bScalingTargetId\b|ecs:service:DesiredCount"
_KEYS = frozenset({"ServiceNamespace", "ResourceId", "ScalableDimension"})
POLICY_KEYS = frozenset({"PolicyName", "PolicyType", "StepScalingPolicyConfiguration",
                         "TargetTrackingScalingPolicyConfiguration", "PredictiveScalingPolicyConfiguration"})
SCHEMAS = {SCALABLE_TARGET: "register-scalable-target", SCALING_POLICY: "put-scaling-policy"}


def detect(value) -> bool:
    return isinstance(value, dict) and len(_KEYS & value.keys()) >= 2


def kind_of(data: dict) -> str:
    return SCALING_POLICY if data.keys() & POLICY_KEYS else SCALABLE_TARGET


def label(kind: str, data: dict, fallback: str = "") -> str:
    name = data.get("PolicyName") if kind == SCALING_POLICY else data.get("ResourceId")
    what = "scaling policy" if kind == SCALING_POLICY else "scalable target"
    if isinstance(name, str) and not is_unknown(name):
        return f'{what} "{name}"'
    return f"{what} {fallback}".rstrip()


def documents(value: dict, forced: str | None = None) -> tuple[list, str]:
    kind = forced if forced in SCHEMAS else kind_of(value)
    if forced and forced != kind:
        return [], f"not a {forced}"
    if is_ecs(value) is False:
        return [], f'Application Auto Scaling input for the "{value.get("ServiceNamespace")}" namespace, not ECS'
    return [Document(kind, Origin.REGISTER, value, tuple, label(kind, value), SCHEMAS[kind])], ""
