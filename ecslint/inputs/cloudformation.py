"""Front end for CloudFormation templates (YAML or JSON, SAM, CDK output) → ECS API-form Documents.

The mapping follows the API shapes, not a table of names: for each CloudFormation value we
walk the `$defs` of register-task-definition / create-service alongside it. At each object a
member is matched case-insensitively, which fixes every acronym-casing difference
(EFSVolumeConfiguration, FilesystemId, IAM, FSx…, S3Files…) without listing them; only two
real renames and a few read-only properties remain (schema-source.md §4). User-keyed maps
(dockerLabels, log options, driverOpts, labels) have no `properties` in the schema, so their
keys are copied verbatim. Scalars are converted the way CloudFormation converts them,
guided by the API type (`Cpu: 256` → "256", `Memory: "512"` → 512, "true" → true).

Intrinsic functions cannot be resolved statically and become the UNKNOWN sentinel, so no
rule judges them. `Fn::If` keeps its value only when both branches map to the same value
(a condition we do not evaluate could pick either); otherwise it is UNKNOWN. `Ref
AWS::NoValue` removes the property (or list item). A `Ref` to an `AWS::EC2::Subnet` of the
same template in a service's awsvpc subnets becomes the subnet's logical id, and the
template's subnet → Availability Zone facts go on the Document for single-az-service.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ecslint.ecs.placeholders import UNKNOWN
from ecslint.inputs import clusters
from ecslint.model import (SCALABLE_TARGET, SCALING_POLICY, SERVICE, TASK_DEFINITION, Document, Origin,
                           longest_mapped_prefix)

NAME = "cloudformation"
MARKERS = r"AWS::ECS::|AWS::ApplicationAutoScaling::"
TASK_TYPE = "AWS::ECS::TaskDefinition"
SERVICE_TYPE = "AWS::ECS::Service"
TARGET_TYPE = "AWS::ApplicationAutoScaling::ScalableTarget"
POLICY_TYPE = "AWS::ApplicationAutoScaling::ScalingPolicy"
_RESOURCE_KIND = {TASK_TYPE: (TASK_DEFINITION, "register-task-definition"),
                  SERVICE_TYPE: (SERVICE, "create-service"),
                  TARGET_TYPE: (SCALABLE_TARGET, "register-scalable-target"),
                  POLICY_TYPE: (SCALING_POLICY, "put-scaling-policy"),
                  **{t: (k, clusters.SCHEMAS[k]) for t, k in clusters.CFN_TYPES.items()}}

# CloudFormation-only names that a case-insensitive match cannot find (schema-source.md §4).
RENAMES = {"ProxyConfigurationProperties": "properties", "PlacementStrategies": "placementStrategy"}
# Read-only return values and CloudFormation-only structures: not part of the API request.
# A scalable target's inline ScheduledActions and its Key/Value Tags list, and a policy's
# ScalingTargetId (read for the link), have no PutScalingPolicy / RegisterScalableTarget member.
DROPPED = {TASK_TYPE: frozenset({"TaskDefinitionArn"}),
           SERVICE_TYPE: frozenset({"ServiceArn", "Name", "ForceNewDeployment"}),
           TARGET_TYPE: frozenset({"ScheduledActions", "Tags"}),
           POLICY_TYPE: frozenset({"ScalingTargetId"})}
# API members CloudFormation makes optional (it generates a family / service name).
NOT_REQUIRED = {TASK_TYPE: frozenset({"family"}), SERVICE_TYPE: frozenset({"serviceName"}),
                TARGET_TYPE: frozenset(), POLICY_TYPE: frozenset()}
# With ScalingTargetId a policy names its target instead of the three members.
TARGET_TRIPLE = frozenset({"ServiceNamespace", "ResourceId", "ScalableDimension"})

_NOVALUE = object()  # marker: AWS::NoValue removed this value
_INT = re.compile(r"-?[0-9]+\Z")
_NUM = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")


def is_intrinsic(value) -> bool:
    """A one-key object naming an intrinsic function (long form; the YAML reader already
    turned the short-form tags into this)."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::") or key == "Condition")


def detect(value) -> bool:
    """A CloudFormation template: a format version, or resources typed AWS::/Custom::."""
    if not isinstance(value, dict):
        return False
    if "AWSTemplateFormatVersion" in value:
        return True
    res = value.get("Resources")
    return isinstance(res, dict) and any(
        isinstance(r, dict) and isinstance(r.get("Type"), str) and r["Type"].startswith(("AWS::", "Custom::"))
        for r in res.values())


def _schema(name: str) -> dict:
    from ecslint.schema import load_schema

    return load_schema(name)


_LOWER: dict = {}  # id(schema properties) → (the properties, lower-cased name → name)


def _lower_names(props: dict) -> dict:
    """Lower-cased property name → name, worked out once per schema object (the schemas are
    loaded once per process) instead of once per structure mapped: 35,000 times for 100 templates."""
    hit = _LOWER.get(id(props))
    if hit is None or hit[0] is not props:
        hit = _LOWER[id(props)] = (props, {k.lower(): k for k in props})
    return hit[1]


class _Mapper:
    def __init__(self, schema: dict, subnets: dict, renames: dict = RENAMES):
        self.defs = schema["$defs"]
        self.renames = renames
        self.subnets = subnets  # logical id → AZ label (or None) of AWS::EC2::Subnet resources
        self.pmap: dict = {}  # API pointer tokens → template pointer tokens
        # (API pointer, key as written, the property's spelling) of keys starting in lower case:
        # CloudFormation property names are case-sensitive ("extraneous key [X] is not permitted").
        self.miscased: list = []
        self.unknowns = False  # whether an intrinsic became UNKNOWN anywhere in the value

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            node = self.defs[ref[ref.rfind("/") + 1:]]
        return node if isinstance(node, dict) else {}

    def map(self, value, node, src: tuple, api: tuple, drop=frozenset()):
        if is_intrinsic(value):
            return self.intrinsic(value, node, src, api)
        node = self.deref(node)
        self.pmap[api] = src
        kind = node.get("type")
        if isinstance(value, dict):
            if kind == "object" and "properties" in node:
                return self.structure(value, node["properties"], src, api, drop)
            sub = node.get("additionalProperties") if kind == "object" else None
            out: dict = {}
            for k, v in value.items():  # a user-keyed map (or no schema): keys stay as written
                r = self.map(v, sub if isinstance(sub, dict) else {}, src + (k,), api + (k,))
                if r is not _NOVALUE:
                    out[k] = r
            return out
        if isinstance(value, list):
            items = node.get("items", {}) if kind == "array" else {}
            out_list: list = []
            for i, v in enumerate(value):
                r = self.map(v, items, src + (i,), api + (len(out_list),))
                if r is not _NOVALUE:
                    out_list.append(r)
            return out_list
        return convert_scalar(value, kind)

    def structure(self, value: dict, props: dict, src, api, drop):
        lower = _lower_names(props)
        out = {}
        for k, v in value.items():
            if k in drop:
                continue
            name = self.renames.get(k) if self.renames.get(k) in props else None
            if name is None:
                guess = lower.get(str(k).lower())
                # Every CloudFormation property name starts with a capital; inner case varies
                # (EFSVolumeConfiguration, IAM), so only a lower-case start is known to be wrong.
                if guess is not None and str(k)[:1].islower():
                    spelt = next((c for c, a in self.renames.items() if a == guess), guess[:1].upper() + guess[1:])
                    # Reported (whether CloudFormation rejects it is not settled), and still linted
                    # as the property it names, so no second finding says the property is missing.
                    self.miscased.append((api + (guess,), k, spelt))
                name = guess
            if name is None:
                name = k  # unknown to the API: kept as written so the schema rule names it
            r = self.map(v, props.get(name, {}), src + (k,), api + (name,))
            if r is not _NOVALUE:
                out[name] = r
        return out

    def intrinsic(self, value, node, src, api):
        (fn, arg), = value.items()
        if fn == "Ref" and arg == "AWS::NoValue":
            return _NOVALUE
        self.pmap[api] = src
        if (fn == "Ref" and isinstance(arg, str) and arg in self.subnets and len(api) >= 2
                and api[-2] == "subnets" and isinstance(api[-1], int)):
            return arg  # the template's own subnet: its logical id stands for its subnet id
        if fn == "Fn::If" and isinstance(arg, list) and len(arg) == 3:
            # Either branch may be chosen; keep the value only when both agree.
            saved = self.pmap
            results = []
            for b in (1, 2):
                self.pmap = {}
                results.append((self.map(arg[b], node, src + (fn, b), api), self.pmap))
            self.pmap = saved
            (a, amap), (b, _) = results
            if a is _NOVALUE and b is _NOVALUE:
                return _NOVALUE
            if a is not _NOVALUE and b is not _NOVALUE and a == b:
                # Findings inside point at the Fn::If itself: a short-form `!If [c, x, y]`
                # has no "Fn::If" key in the user's YAML to point into.
                self.pmap.update(dict.fromkeys(amap, src))
                return a
        self.unknowns = True
        return UNKNOWN


def convert_scalar(value, kind):
    """CloudFormation's own scalar conversions, decided by the API type."""
    if kind == "string":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
    elif kind == "integer" and isinstance(value, str) and _INT.match(value.strip()):
        return int(value.strip())
    elif kind == "number" and isinstance(value, str) and _NUM.match(value.strip()):
        return float(value.strip())
    elif kind == "boolean" and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


# --- API spelling → CloudFormation spelling (for pointers to properties not written yet,
# and for the reverse mapper used by tests) -------------------------------------------------

CFN_NAMES = {"efsVolumeConfiguration": "EFSVolumeConfiguration", "fileSystemId": "FilesystemId",
             "iam": "IAM", "fsxWindowsFileServerVolumeConfiguration": "FSxWindowsFileServerVolumeConfiguration",
             "s3filesVolumeConfiguration": "S3FilesVolumeConfiguration",
             "properties": "ProxyConfigurationProperties", "placementStrategy": "PlacementStrategies"}


def cfn_name(api_name):
    if not isinstance(api_name, str) or not api_name:
        return api_name
    return CFN_NAMES.get(api_name) or api_name[0].upper() + api_name[1:]


def _to_source(pmap: dict, root: tuple):
    def to_source(tokens):
        hit, rest = longest_mapped_prefix(pmap, tuple(tokens))
        if hit is None:
            return root + rest
        # The rest names something absent (a missing property): spell it as CloudFormation does.
        return hit + tuple(cfn_name(t) for t in rest)
    return to_source


# --- template facts ----------------------------------------------------------------------

def _subnet_azs(resources: dict) -> dict:
    """logical id → Availability Zone label for the template's AWS::EC2::Subnet resources.
    A literal zone is itself; `!Select [i, !GetAZs ...]` is the region's i-th zone (two
    subnets with different indexes are in different zones); anything else is unknown (None)."""
    out = {}
    for lid, res in resources.items():
        if not isinstance(res, dict) or res.get("Type") != "AWS::EC2::Subnet":
            continue
        props = res.get("Properties")
        if not isinstance(props, dict):
            props = {}
        az = props.get("AvailabilityZone")
        label = None
        if isinstance(az, str) and az:
            label = az
        elif isinstance(az, dict) and isinstance(az.get("Fn::Select"), list) and len(az["Fn::Select"]) == 2:
            idx, src = az["Fn::Select"]
            if isinstance(src, dict) and "Fn::GetAZs" in src and isinstance(idx, (int, str)) and str(idx).isdigit():
                label = f"number {int(idx) + 1} of the region (Fn::GetAZs)"
        out[lid] = label
    return out


def _suppressions(resource: dict) -> list:
    """`Metadata: {ecslint: {ignore: [{rule: ECS401, reason: ...}]}}` on a resource →
    [(rule id or name, reason)]. The suppression stage applies them to the resource's findings;
    malformed entries are ignored here (the resource is still linted in full)."""
    meta = resource.get("Metadata")
    ign = meta.get("ecslint", {}).get("ignore") if isinstance(meta, dict) and isinstance(meta.get("ecslint"), dict) else None
    out = []
    for item in ign if isinstance(ign, list) else []:
        if isinstance(item, dict) and isinstance(item.get("rule"), str) and item["rule"]:
            reason = item.get("reason")
            out.append((item["rule"], reason if isinstance(reason, str) and reason else "ignored in the template Metadata"))
        elif isinstance(item, str) and item:
            out.append((item, "ignored in the template Metadata"))
    return out


def _task_definition_ref(ref) -> str | None:
    """The logical id a service's TaskDefinition names: `Ref: TD`, or
    `Fn::GetAtt: [TD, TaskDefinitionArn]` (also written "TD.TaskDefinitionArn")."""
    if not isinstance(ref, dict) or len(ref) != 1:
        return None
    if isinstance(ref.get("Ref"), str):
        return ref["Ref"]
    att = ref.get("Fn::GetAtt")
    if isinstance(att, str):
        att = att.split(".", 1)
    if isinstance(att, list) and len(att) == 2 and att[1] == "TaskDefinitionArn" and isinstance(att[0], str):
        return att[0]
    return None


def documents(template: dict, forced: str | None = None) -> tuple[list, str]:
    """(Documents, reason when there are none) for every ECS resource of a template."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return [], "a CloudFormation template without a Resources section"
    subnets = _subnet_azs(resources)
    zones = {lid: az for lid, az in subnets.items() if az is not None}
    docs = []
    for lid, res in resources.items():
        if not isinstance(res, dict) or not isinstance(res.get("Type"), str) or res["Type"] not in _RESOURCE_KIND:
            continue  # a Type that is no string (a list, a map) is no resource type ecslint knows
        rtype = res["Type"]
        kind, schema_name = _RESOURCE_KIND[rtype]
        if forced and forced != kind:
            continue
        schema = _schema(schema_name)
        props = res.get("Properties", {})
        root = ("Resources", lid, "Properties") if "Properties" in res else ("Resources", lid)
        renames = RENAMES if kind in (TASK_DEFINITION, SERVICE) else clusters.CFN_RENAMES
        mapper = _Mapper(schema, subnets if kind == SERVICE else {}, renames)
        if is_intrinsic(props):
            data = {}  # the whole property set is computed: nothing to judge
            mapper.pmap[()] = root
        else:
            data = mapper.map(props if isinstance(props, dict) else {}, schema, root, (), DROPPED.get(rtype, frozenset()))
            if not isinstance(data, dict):
                data = {}
        if kind == TASK_DEFINITION:
            fam = data.get("family")
            label = f'task definition "{fam}"' if isinstance(fam, str) else f"task definition {lid}"
        elif kind == SERVICE:
            name = data.get("serviceName")
            label = f'service "{name}"' if isinstance(name, str) else f"service {lid}"
        elif kind in (SCALABLE_TARGET, SCALING_POLICY):
            from ecslint.inputs.scaling_api import label as scaling_label

            label = scaling_label(kind, data, lid)
        else:
            label = clusters.label(kind, data, lid)
        doc = Document(kind, Origin.CLOUDFORMATION, data, _to_source(mapper.pmap, root), label, schema_name)
        doc.not_required = NOT_REQUIRED.get(rtype) or clusters.CFN_NOT_REQUIRED.get(kind, frozenset())
        doc.miscased = mapper.miscased
        doc.holds_unknowns = mapper.unknowns
        doc.logical_id = doc.address = lid
        doc.resource_ref = lid
        doc.suppressions = _suppressions(res)
        if kind == SERVICE:
            ref = props.get("TaskDefinition") if isinstance(props, dict) else None
            doc.task_definition_ref = _task_definition_ref(ref)  # links the service to that resource
            doc.subnet_azs = zones
        elif kind in (SCALABLE_TARGET, SCALING_POLICY):
            _scaling_refs(doc, props if isinstance(props, dict) else {}, resources)
        docs.append(doc)
    docs = _ecs_scaling_only(docs)
    if not docs:
        return [], "a CloudFormation template without ECS resources"
    from ecslint.ecs.scaling import link

    link(docs)
    _link_related(template, resources, docs)
    return docs, ""


def _references(value, found: set) -> set:
    """Logical ids a value's intrinsics name (Ref, Fn::GetAtt, and ${X} / ${X.Attr} in Fn::Sub)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                found.add(v)
            elif k == "Fn::GetAtt":
                att = v.split(".", 1) if isinstance(v, str) else v
                if isinstance(att, list) and att and isinstance(att[0], str):
                    found.add(att[0])
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) and v else v
                if isinstance(text, str):
                    found.update(m.split(".", 1)[0] for m in re.findall(r"\$\{([^}!]+)\}", text))
                if isinstance(v, list) and len(v) > 1:
                    _references(v[1], found)
            else:
                _references(v, found)
    elif isinstance(value, list):
        for v in value:
            _references(v, found)
    return found


def _scaling_refs(doc, props: dict, resources: dict) -> None:
    """What a scalable target or policy references: the service resource its ResourceId is
    built from, and the ScalableTarget resource a policy's ScalingTargetId names."""
    def typed(lid):
        res = resources.get(lid)
        return res.get("Type") if isinstance(res, dict) else None

    services = [r for r in _references(props.get("ResourceId"), set()) if typed(r) == SERVICE_TYPE]
    if len(services) == 1:
        doc.scaling_refs["service"] = services[0]
    if doc.kind == SCALING_POLICY and "ScalingTargetId" in props:
        doc.not_required = doc.not_required | TARGET_TRIPLE
        sti = props["ScalingTargetId"]
        targets = list(_references(sti, set())) if is_intrinsic(sti) else []
        doc.scaling_refs["names_target_in"] = "ScalingTargetId"
        if len(targets) == 1 and typed(targets[0]) is not None:
            doc.scaling_refs["target"] = targets[0]  # a resource of the template (a target, or not)
        else:
            doc.scaling_refs["external"] = True  # a parameter, import or literal id: registered elsewhere


def _ecs_scaling_only(docs: list) -> list:
    """The documents without the Auto Scaling resources of other namespaces (a DynamoDB table's
    target is not ours to judge); a policy follows the namespace of the target it names."""
    from ecslint.ecs.scaling import is_ecs

    other = {d.logical_id for d in docs if d.kind == SCALABLE_TARGET and is_ecs(d.data) is False}
    return [d for d in docs if not (d.kind in (SCALABLE_TARGET, SCALING_POLICY) and (
        is_ecs(d.data) is False or d.scaling_refs.get("target") in other))]


def _raw(value, tokens):
    for t in tokens:
        if (isinstance(value, dict) and t in value) or (
                isinstance(value, list) and isinstance(t, int) and 0 <= t < len(value)):
            value = value[t]
        else:
            return None
    return value


def _link_clusters(template: dict, resources: dict, docs: list) -> None:
    """Services → the capacity providers their cluster of the template associates."""
    from ecslint.ecs.related_facts import ClusterProviders
    from ecslint.inputs import related

    clusters_, ident = related.cfn_clusters(resources)
    if not clusters_:
        return
    for doc in docs:
        strategy = doc.data.get("capacityProviderStrategy")
        if doc.kind != SERVICE or not isinstance(strategy, list):
            continue
        cluster = ident(_raw(template, doc.to_source(("cluster",))), related.CFN_CLUSTER) if "cluster" in doc.data else None
        associated = clusters_.get(cluster) if cluster else None
        if cluster is None or associated is None:
            continue  # no cluster of the template, or one whose providers cannot all be known
        for i in range(len(strategy)):
            ptr = ("capacityProviderStrategy", i, "capacityProvider")
            provider = ident(_raw(template, doc.to_source(ptr)), related.CFN_PROVIDER)
            if provider is not None:
                doc.related[ptr] = ClusterProviders(cluster, provider, associated)


def _link_related(template: dict, resources: dict, docs: list) -> None:
    """Task definitions → the log groups and repositories of the template they reference."""
    from ecslint.inputs import related

    _link_clusters(template, resources, docs)
    groups, repos, names = related.cfn_resources(resources)
    if not groups and not repos:
        return
    for doc in docs:
        if doc.kind != TASK_DEFINITION:
            continue

        def find_image(ptr, doc=doc):
            hit = related.cfn_image(_raw(template, doc.to_source(ptr)), repos)
            if hit is None:
                image = doc.data["containerDefinitions"][ptr[1]].get("image")
                lid = names.get((related.CFN_REPOSITORY, related.repository_name(image)))
                hit = (lid, related.image_tag(image)) if lid else None
            return replace(repos[hit[0]], tag=hit[1]) if hit else None

        def find_group(ptr, doc=doc):
            lid = related.cfn_log_group(_raw(template, doc.to_source(ptr)), groups, names)
            return groups.get(lid) if lid else None

        doc.related = related.link(doc.data.get("containerDefinitions"), find_group, find_image)
