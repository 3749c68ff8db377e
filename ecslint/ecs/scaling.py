"""Application Auto Scaling for ECS services: the facts, the views of scalable targets and
scaling policies, and how they are linked to each other and to their service.

A scalable target scales the service its `ResourceId` (`service/<cluster>/<service>`) names.
Within one template or module the link is the reference the file writes (CloudFormation
`!GetAtt Svc.Name` inside the ResourceId, `ScalingTargetId: !Ref Target`; Terraform
`aws_ecs_service.web.name`, `aws_appautoscaling_target.web.resource_id`), or, for values
known as literals (a plan), the ResourceId itself. `link` fills `Document.links`; a document
that no file links (a lone CLI input) keeps `links` None, and the rules that need a link say
nothing about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecslint.ecs.placeholders import is_unknown
from ecslint.ecs.view_base import DocumentView
from ecslint.model import SCALABLE_TARGET, SCALING_POLICY, SERVICE, Origin

NAMESPACE = "ecs"
DIMENSION = "ecs:service:DesiredCount"
ALB_REQUEST_COUNT = "ALBRequestCountPerTarget"
# Predefined metrics whose target value is a percentage of the task definition's CPU or memory.
UTILIZATION_METRICS = frozenset({"ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization",
                                 "ECSServiceAverageCPUUtilizationHighResolution",
                                 "ECSServiceAverageMemoryUtilizationHighResolution"})
DEFAULT_COOLDOWN = 300  # seconds, for ECS targets (API_TargetTrackingScalingPolicyConfiguration)
_RESOURCE_ID = re.compile(r"service/([^/]+)/([^/]+)\Z")


def parse_resource_id(value) -> tuple | None:
    """(cluster, service) of an ECS ResourceId `service/<cluster>/<service>`, else None."""
    m = _RESOURCE_ID.match(value) if isinstance(value, str) else None
    return (m.group(1), m.group(2)) if m else None


def integer(value) -> int | None:
    """A known whole number (CloudFormation and Terraform may write 2.0), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if value == int(value) else None


def capacity(view) -> tuple:
    """(MinCapacity, MaxCapacity) of a scalable target, each None when absent or unknown."""
    return integer(view.get("MinCapacity")), integer(view.get("MaxCapacity"))


def can_scale_in(policy: dict) -> bool | None:
    """Whether a policy (API form) can lower the task count: target tracking unless it
    disables scale-in, a step policy with a negative or unknown adjustment; None when unknown."""
    kind = policy.get("PolicyType")
    if kind == "TargetTrackingScaling":
        tt = policy.get("TargetTrackingScalingPolicyConfiguration")
        flag = tt.get("DisableScaleIn") if isinstance(tt, dict) else None
        return None if is_unknown(flag) else flag is not True
    if kind == "StepScaling":
        step = policy.get("StepScalingPolicyConfiguration")
        if not isinstance(step, dict) or not isinstance(step.get("StepAdjustments"), list):
            return None
        values = [integer(a.get("ScalingAdjustment")) if isinstance(a, dict) else None for a in step["StepAdjustments"]]
        if None in values:
            return None
        return any(v is not None and v < 0 for v in values) or step.get("AdjustmentType") == "ExactCapacity"
    return None  # predictive (what a forecast does is not in the file), or a type not known


def is_ecs(data: dict) -> bool | None:
    """Whether an Application Auto Scaling document is about ECS: True, False, or None when
    its namespace cannot be known."""
    ns = data.get("ServiceNamespace")
    if ns is None or is_unknown(ns):
        return None
    return ns == NAMESPACE


def service_resource_id(data: dict) -> str | None:
    """The ResourceId that names a service in the ECS API form, when its name and cluster are
    literals (a cluster ARN ends in the cluster name; no cluster is the default cluster)."""
    name = data.get("serviceName")
    cluster = data.get("cluster", "default")
    if not isinstance(name, str) or not isinstance(cluster, str) or not name or not cluster:
        return None
    return f"service/{cluster.rsplit('/', 1)[-1]}/{name}"


@dataclass
class Links:
    """What a template or module says around one scaling document.

    `service` is the API form of the service the target scales (None: not in the file);
    `target` the API form of the policy's scalable target (None: not in the file);
    `registered` False when the policy names a target that the file does not register;
    `policies` the API forms of the other policies on the same target."""

    service: dict | None = None
    service_azs: int | None = None  # Availability Zones the service's subnets are known to span
    target: dict | None = None
    registered: bool | None = None
    names_target_in: str = "ResourceId"  # the member a policy names its target with
    policies: list = field(default_factory=list)
    policies_known: bool = True  # False: other policies may exist outside what was linked


def _service_azs(doc) -> int | None:
    vpc = (doc.data.get("networkConfiguration") or {}) if isinstance(doc.data, dict) else {}
    subnets = vpc.get("awsvpcConfiguration", {}).get("subnets") if isinstance(vpc, dict) and isinstance(
        vpc.get("awsvpcConfiguration"), dict) else None
    if not isinstance(subnets, list) or not subnets or not doc.subnet_azs:
        return None
    zones = [doc.subnet_azs.get(s) for s in subnets if isinstance(s, str)]
    if len(zones) != len(subnets) or None in zones:
        return None
    return len(set(zones))


def link(docs: list) -> None:
    """Fill `links` on the scaling documents of one template, plan or module file, from the
    references their front end recorded (`Document.scaling_refs`) and literal ResourceIds."""
    services = [d for d in docs if d.kind == SERVICE]
    targets = [d for d in docs if d.kind == SCALABLE_TARGET]
    policies = [d for d in docs if d.kind == SCALING_POLICY]

    def service_of(doc):
        ref = doc.scaling_refs.get("service")
        rid = doc.data.get("ResourceId")
        for s in services:
            if ref is not None and s.resource_ref == ref:
                return s
            if isinstance(rid, str) and service_resource_id(s.data) == rid:
                return s
        return None

    for t in targets:
        svc = service_of(t)
        t.links = Links(service=svc.data if svc else None, service_azs=_service_azs(svc) if svc else None)
    target_of = {}
    for p in policies:
        ref, svc_ref, rid = p.scaling_refs.get("target"), p.scaling_refs.get("service"), p.data.get("ResourceId")
        target = next((t for t in targets if ref is not None and t.resource_ref == ref), None)
        if target is None and ref is None:
            target = next((t for t in targets if (svc_ref is not None and t.scaling_refs.get("service") == svc_ref)
                           or (isinstance(rid, str) and t.data.get("ResourceId") == rid)), None)
        # Judged only when the policy names its target by a reference or a known ResourceId
        # (a ResourceId built from variables may name a target of another module).
        named = ref is not None or svc_ref is not None or (isinstance(rid, str) and not is_unknown(rid))
        registered = (target is not None) if named and not p.scaling_refs.get("external") else None
        svc = service_of(target) if target is not None else service_of(p)
        p.links = Links(service=svc.data if svc else None, target=target.data if target else None,
                        registered=registered, names_target_in=p.scaling_refs.get("names_target_in", "ResourceId"))
        target_of[id(p)] = target
    for p in policies:
        target = target_of[id(p)]
        if target is not None:
            p.links.policies = [q.data for q in policies if q is not p and target_of[id(q)] is target]


class ScalingView(DocumentView):
    """A scalable target or scaling policy in the API form (PascalCase, as the Application
    Auto Scaling API spells it), with what the file links it to."""

    def __init__(self, data: dict, origin: Origin, links: Links | None = None, label: str = ""):
        super().__init__(data, origin)
        self.links = links
        self._label = label  # the front end's name for it (logical id, address) when the data has none

    @property
    def task_level_known(self) -> bool:
        return True  # (a property of container arrays, which scaling input never is)

    @property
    def label(self) -> str:
        """'scaling policy "cpu"' / 'scalable target "service/main/web"': the name as written in
        every form, else what the front end calls the document."""
        policy = "PolicyName" in self.data or "PolicyType" in self.data
        name = self.data.get("PolicyName") if policy else self.data.get("ResourceId")
        if isinstance(name, str) and not is_unknown(name):
            return f'{"scaling policy" if policy else "scalable target"} "{name}"'
        return self._label or ("scaling policy" if policy else "scalable target")

    def target_tracking(self) -> dict:
        tt = self.data.get("TargetTrackingScalingPolicyConfiguration")
        return tt if isinstance(tt, dict) else {}

    def predefined_metric(self):
        spec = self.target_tracking().get("PredefinedMetricSpecification")
        metric = spec.get("PredefinedMetricType") if isinstance(spec, dict) else None
        return metric if isinstance(metric, str) else None
