"""Front end for Terraform plan or state JSON (`terraform show -json`) → ECS API-form Documents.

Resources `aws_ecs_task_definition` and `aws_ecs_service` are read from
`planned_values.root_module` (a plan) or `values.root_module` (state), recursing into
`child_modules`. Terraform's arguments do not follow the API shapes (blocks are lists,
maps become lists, `host_path` becomes a structure...), so the mapping is an explicit table
per schema-source.md §5. Arguments without an API counterpart (skip_destroy, triggers,
wait_for_steady_state...) and arguments not mapped here are left out rather than reported:
they are Terraform's to validate.

* `container_definitions` is a JSON string already in the API form; findings inside it point
  at the string (a JSON pointer cannot enter a string).
* Values marked in `resource_changes[].change.after_unknown` are "known after apply" and
  become UNKNOWN, so no rule judges them.
* Values marked sensitive (`sensitive_values`) are linted, but their text is never echoed:
  the Document lists them in `redact` and the engine blanks them out of messages.
* A service is linked to the task definition resource its `task_definition` expression
  references in the plan's `configuration`, for the cross-document rules; containers to the
  plan's log groups and repositories, and services to their cluster's capacity providers, by
  `terraform_plan_links`.
"""

from __future__ import annotations

import json

from ecslint.ecs.placeholders import UNKNOWN
from ecslint.inputs import clusters
from ecslint.model import (CLUSTER_CAPACITY_PROVIDERS, SCALABLE_TARGET, SCALING_POLICY, SERVICE, TASK_DEFINITION,
                           Document, Origin, longest_mapped_prefix)

NAME = "terraform-plan"
MARKERS = r"aws_ecs_|aws_appautoscaling_"

TF_TASK = "aws_ecs_task_definition"
TF_SERVICE = "aws_ecs_service"
TF_TARGET = "aws_appautoscaling_target"
TF_POLICY = "aws_appautoscaling_policy"
# Terraform resource type → document kind
ECS_TYPES = {TF_TASK: TASK_DEFINITION, TF_SERVICE: SERVICE, TF_TARGET: SCALABLE_TARGET, TF_POLICY: SCALING_POLICY,
             **clusters.TF_TYPES}

# Table entries: tf name → (api name, how, sub-table). how: "v" value, "b1" block (list of at
# most one) → object, "bs" blocks → list of objects, "kv" map → [{name, value}].
_AUTH_EFS = {"access_point_id": ("accessPointId", "v", None), "iam": ("iam", "v", None)}
_AUTH_FSX = {"credentials_parameter": ("credentialsParameter", "v", None), "domain": ("domain", "v", None)}
_VOLUME = {
    "name": ("name", "v", None),
    "configure_at_launch": ("configuredAtLaunch", "v", None),
    "docker_volume_configuration": ("dockerVolumeConfiguration", "b1", {
        "scope": ("scope", "v", None), "autoprovision": ("autoprovision", "v", None),
        "driver": ("driver", "v", None), "driver_opts": ("driverOpts", "v", None), "labels": ("labels", "v", None)}),
    "efs_volume_configuration": ("efsVolumeConfiguration", "b1", {
        "file_system_id": ("fileSystemId", "v", None), "root_directory": ("rootDirectory", "v", None),
        "transit_encryption": ("transitEncryption", "v", None),
        "transit_encryption_port": ("transitEncryptionPort", "v", None),
        "authorization_config": ("authorizationConfig", "b1", _AUTH_EFS)}),
    "fsx_windows_file_server_volume_configuration": ("fsxWindowsFileServerVolumeConfiguration", "b1", {
        "file_system_id": ("fileSystemId", "v", None), "root_directory": ("rootDirectory", "v", None),
        "authorization_config": ("authorizationConfig", "b1", _AUTH_FSX)}),
}
# deployment_circuit_breaker's arguments, under the API's own names (mapped by hand below).
CIRCUIT_BREAKER_KEYS = ("enable", "rollback")
TASK_TABLE: dict = {
    "family": ("family", "v", None), "cpu": ("cpu", "v", None), "memory": ("memory", "v", None),
    "network_mode": ("networkMode", "v", None), "ipc_mode": ("ipcMode", "v", None), "pid_mode": ("pidMode", "v", None),
    "task_role_arn": ("taskRoleArn", "v", None), "execution_role_arn": ("executionRoleArn", "v", None),
    "enable_fault_injection": ("enableFaultInjection", "v", None),
    "requires_compatibilities": ("requiresCompatibilities", "v", None),
    "runtime_platform": ("runtimePlatform", "b1", {"cpu_architecture": ("cpuArchitecture", "v", None),
                                                    "operating_system_family": ("operatingSystemFamily", "v", None)}),
    "ephemeral_storage": ("ephemeralStorage", "b1", {"size_in_gib": ("sizeInGiB", "v", None)}),
    "proxy_configuration": ("proxyConfiguration", "b1", {"type": ("type", "v", None),
                                                         "container_name": ("containerName", "v", None),
                                                         "properties": ("properties", "kv", None)}),
    "placement_constraints": ("placementConstraints", "bs", {"type": ("type", "v", None),
                                                             "expression": ("expression", "v", None)}),
    "inference_accelerator": ("inferenceAccelerators", "bs", {"device_name": ("deviceName", "v", None),
                                                              "device_type": ("deviceType", "v", None)}),
    "volume": ("volumes", "bs", _VOLUME),
}
SERVICE_TABLE: dict = {
    "name": ("serviceName", "v", None), "cluster": ("cluster", "v", None),
    "task_definition": ("taskDefinition", "v", None), "desired_count": ("desiredCount", "v", None),
    "launch_type": ("launchType", "v", None), "platform_version": ("platformVersion", "v", None),
    "scheduling_strategy": ("schedulingStrategy", "v", None), "iam_role": ("role", "v", None),
    "enable_execute_command": ("enableExecuteCommand", "v", None),
    "enable_ecs_managed_tags": ("enableECSManagedTags", "v", None),
    "propagate_tags": ("propagateTags", "v", None),
    "health_check_grace_period_seconds": ("healthCheckGracePeriodSeconds", "v", None),
    "availability_zone_rebalancing": ("availabilityZoneRebalancing", "v", None),
    "deployment_controller": ("deploymentController", "b1", {"type": ("type", "v", None)}),
    "load_balancer": ("loadBalancers", "bs", {
        "target_group_arn": ("targetGroupArn", "v", None), "elb_name": ("loadBalancerName", "v", None),
        "container_name": ("containerName", "v", None), "container_port": ("containerPort", "v", None)}),
    "capacity_provider_strategy": ("capacityProviderStrategy", "bs", {
        "capacity_provider": ("capacityProvider", "v", None), "weight": ("weight", "v", None),
        "base": ("base", "v", None)}),
    "ordered_placement_strategy": ("placementStrategy", "bs", {"type": ("type", "v", None),
                                                              "field": ("field", "v", None)}),
    "placement_constraints": ("placementConstraints", "bs", {"type": ("type", "v", None),
                                                             "expression": ("expression", "v", None)}),
    "service_connect_configuration": ("serviceConnectConfiguration", "b1", {
        "enabled": ("enabled", "v", None), "namespace": ("namespace", "v", None),
        "service": ("services", "bs", {
            "port_name": ("portName", "v", None), "discovery_name": ("discoveryName", "v", None),
            "ingress_port_override": ("ingressPortOverride", "v", None),
            "client_alias": ("clientAliases", "bs", {"port": ("port", "v", None),
                                                     "dns_name": ("dnsName", "v", None)})})}),
    "volume_configuration": ("volumeConfigurations", "bs", {
        "name": ("name", "v", None),
        "managed_ebs_volume": ("managedEBSVolume", "b1", {
            "role_arn": ("roleArn", "v", None), "encrypted": ("encrypted", "v", None),
            "file_system_type": ("filesystemType", "v", None), "iops": ("iops", "v", None),
            "kms_key_id": ("kmsKeyId", "v", None), "size_in_gb": ("sizeInGiB", "v", None),
            "snapshot_id": ("snapshotId", "v", None), "throughput": ("throughput", "v", None),
            "volume_type": ("volumeType", "v", None)})}),
    "service_registries": ("serviceRegistries", "bs", {
        "registry_arn": ("registryArn", "v", None), "port": ("port", "v", None),
        "container_name": ("containerName", "v", None), "container_port": ("containerPort", "v", None)}),
}
_TRIPLE = {"service_namespace": ("ServiceNamespace", "v", None), "resource_id": ("ResourceId", "v", None),
           "scalable_dimension": ("ScalableDimension", "v", None)}
TARGET_TABLE = {
    **_TRIPLE, "min_capacity": ("MinCapacity", "v", None), "max_capacity": ("MaxCapacity", "v", None),
    "role_arn": ("RoleARN", "v", None),
    "suspended_state": ("SuspendedState", "b1", {
        "dynamic_scaling_in_suspended": ("DynamicScalingInSuspended", "v", None),
        "dynamic_scaling_out_suspended": ("DynamicScalingOutSuspended", "v", None),
        "scheduled_scaling_suspended": ("ScheduledScalingSuspended", "v", None)}),
}
_DIMENSIONS = ("Dimensions", "bs", {"name": ("Name", "v", None), "value": ("Value", "v", None)})
POLICY_TABLE = {
    **_TRIPLE, "name": ("PolicyName", "v", None), "policy_type": ("PolicyType", "v", None),
    "step_scaling_policy_configuration": ("StepScalingPolicyConfiguration", "b1", {
        "adjustment_type": ("AdjustmentType", "v", None), "cooldown": ("Cooldown", "v", None),
        "metric_aggregation_type": ("MetricAggregationType", "v", None),
        "min_adjustment_magnitude": ("MinAdjustmentMagnitude", "v", None),
        "step_adjustment": ("StepAdjustments", "bs", {
            "metric_interval_lower_bound": ("MetricIntervalLowerBound", "v", None),
            "metric_interval_upper_bound": ("MetricIntervalUpperBound", "v", None),
            "scaling_adjustment": ("ScalingAdjustment", "v", None)})}),
    "target_tracking_scaling_policy_configuration": ("TargetTrackingScalingPolicyConfiguration", "b1", {
        "target_value": ("TargetValue", "v", None), "disable_scale_in": ("DisableScaleIn", "v", None),
        "scale_in_cooldown": ("ScaleInCooldown", "v", None), "scale_out_cooldown": ("ScaleOutCooldown", "v", None),
        "predefined_metric_specification": ("PredefinedMetricSpecification", "b1", {
            "predefined_metric_type": ("PredefinedMetricType", "v", None),
            "resource_label": ("ResourceLabel", "v", None)}),
        "customized_metric_specification": ("CustomizedMetricSpecification", "b1", {
            "metric_name": ("MetricName", "v", None), "namespace": ("Namespace", "v", None),
            "statistic": ("Statistic", "v", None), "unit": ("Unit", "v", None), "dimensions": _DIMENSIONS})}),
}
# Values Terraform stores for "not set": they are not sent to the API.
_UNSET: tuple = (None, "", [], {})


def detect(value) -> bool:
    """`terraform show -json` output: a format version and planned (plan) or current (state) values."""
    return isinstance(value, dict) and "format_version" in value and (
        isinstance(value.get("planned_values"), dict) or isinstance(value.get("values"), dict))


def _empty(v) -> bool:
    return any(v is u or (type(v) is type(u) and v == u) for u in _UNSET)


class _Mapper:
    def __init__(self):
        self.pmap: dict = {}  # API pointer tokens → plan pointer tokens
        self.redact: set = set()

    def table(self, values: dict, unknown, sensitive, table: dict, src: tuple, api: tuple) -> dict:
        out = {}
        for tf, (name, how, sub) in table.items():
            unk = unknown.get(tf) if isinstance(unknown, dict) else None
            sens = sensitive.get(tf) if isinstance(sensitive, dict) else None
            if unk is True:
                out[name] = UNKNOWN
                self.pmap[api + (name,)] = src + (tf,)
                continue
            if tf not in values or _empty(values[tf]):
                continue
            v = self.value(values[tf], unk, sens, how, sub, src + (tf,), api + (name,))
            if v is not None:
                out[name] = v
        return out

    def value(self, v, unk, sens, how, sub, src, api):
        self.pmap[api] = src
        if sens is True:
            self._collect(v)
        if how == "v":
            return v
        if how == "kv":
            if not isinstance(v, dict):
                return v
            return [{"name": k, "value": x} for k, x in v.items()]
        if not isinstance(v, list):
            return v  # not a block list: pass it on for the schema to judge
        if how == "b1":
            if v and v[0] is UNKNOWN:
                return UNKNOWN
            if not v or not isinstance(v[0], dict):
                return None
            return self.table(v[0], _nth(unk, 0), _nth(sens, 0), sub, src + (0,), api)
        out: list = []
        for i, item in enumerate(v):
            if isinstance(item, dict):
                self.pmap[api + (len(out),)] = src + (i,)
                out.append(self.table(item, _nth(unk, i), _nth(sens, i), sub, src + (i,), api + (len(out),)))
            elif item is UNKNOWN:  # a block the HCL front end cannot evaluate still counts
                self.pmap[api + (len(out),)] = src + (i,)
                out.append(UNKNOWN)
        return out

    def _collect(self, v):
        self.redact |= sensitive_texts(v)


def sensitive_texts(v, out=None) -> set:
    """Every text a sensitive value could show up as in a message."""
    out = set() if out is None else out
    if isinstance(v, dict):
        for x in v.values():
            sensitive_texts(x, out)
    elif isinstance(v, list):
        for x in v:
            sensitive_texts(x, out)
    elif isinstance(v, str):
        try:
            parsed = json.loads(v)  # container_definitions: the string is JSON
        except ValueError:
            parsed = None
        if isinstance(parsed, (dict, list)):
            sensitive_texts(parsed, out)
        elif len(v) >= 4:  # shorter ones would blank out ordinary words of messages
            out.add(v)
    elif isinstance(v, (int, float)) and not isinstance(v, bool) and len(str(v)) >= 4:
        out.add(str(v))
    return out


def _nth(marks, i):
    return marks[i] if isinstance(marks, list) and i < len(marks) else None


def _tags(values, mapper, src, api_tags=("tags",)):
    for key in ("tags_all", "tags"):
        tags = values.get(key)
        if tags is UNKNOWN:  # HCL: computed tags (merge of a module's defaults...)
            mapper.pmap[api_tags] = src + (key,)
            return UNKNOWN
        if isinstance(tags, dict) and tags:
            mapper.pmap[api_tags] = src + (key,)
            return [{"key": k, "value": v} for k, v in tags.items()]
    return None


def _task(values, unknown, sensitive, src, mapper):
    data = mapper.table(values, unknown, sensitive, TASK_TABLE, src, ())
    cd_src = src + ("container_definitions",)
    if isinstance(unknown, dict) and unknown.get("container_definitions") is True:
        data["containerDefinitions"] = UNKNOWN  # interpolates something known only after apply
    elif values.get("container_definitions") is UNKNOWN:
        data["containerDefinitions"] = UNKNOWN  # HCL: computed from references or unknown functions
    elif isinstance(values.get("container_definitions"), list):
        data["containerDefinitions"] = values["container_definitions"]  # decoded by the HCL front end
    elif isinstance(values.get("container_definitions"), str):
        try:
            data["containerDefinitions"] = json.loads(values["container_definitions"])
        except ValueError:
            data["containerDefinitions"] = UNKNOWN  # the provider rejects it before any plan
        if isinstance(sensitive, dict) and sensitive.get("container_definitions") is True:
            mapper._collect(values["container_definitions"])
    mapper.pmap[("containerDefinitions",)] = cd_src  # everything inside points at the string
    vols = data.get("volumes") if isinstance(data.get("volumes"), list) else []
    raws = [v for v in values.get("volume") if isinstance(v, dict)] if isinstance(values.get("volume"), list) else []
    for vol, raw in zip(vols, raws):  # both keep only the block objects, in order
        if isinstance(raw, dict) and isinstance(raw.get("host_path"), str) and raw["host_path"]:
            vol["host"] = {"sourcePath": raw["host_path"]}  # a flat attribute becomes a structure
        elif isinstance(raw, dict) and raw.get("host_path") is UNKNOWN:
            vol["host"] = {"sourcePath": UNKNOWN}
        efs = vol.get("efsVolumeConfiguration")
        if isinstance(efs, dict) and efs.get("transitEncryptionPort") == 0:
            del efs["transitEncryptionPort"]  # 0 is Terraform's "unset"
        dvc = vol.get("dockerVolumeConfiguration")
        if isinstance(dvc, dict) and dvc.get("autoprovision") is False:
            del dvc["autoprovision"]  # a default, and only valid with scope=shared
    if data.get("enableFaultInjection") is False:
        del data["enableFaultInjection"]
    tags = _tags(values, mapper, src)
    if tags:
        data["tags"] = tags
    return data


def _service(values, unknown, sensitive, src, mapper):
    data = mapper.table(values, unknown, sensitive, SERVICE_TABLE, src, ())
    dc: dict = {}
    for tf, name in (("deployment_maximum_percent", "maximumPercent"),
                     ("deployment_minimum_healthy_percent", "minimumHealthyPercent")):
        if isinstance(unknown, dict) and unknown.get(tf) is True:
            dc[name] = UNKNOWN
        elif not _empty(values.get(tf)):
            dc[name] = values[tf]
        else:
            continue
        mapper.pmap[("deploymentConfiguration", name)] = src + (tf,)
    cb = values.get("deployment_circuit_breaker")
    for tf, name in (("deployment_circuit_breaker", "deploymentCircuitBreaker"), ("alarms", "alarms")):
        if values.get(tf) is UNKNOWN:  # HCL: a dynamic block
            dc[name] = UNKNOWN
            mapper.pmap[("deploymentConfiguration", name)] = src + (tf,)
    if isinstance(cb, list) and cb and isinstance(cb[0], dict):
        dc["deploymentCircuitBreaker"] = {k: cb[0][k] for k in CIRCUIT_BREAKER_KEYS if k in cb[0]}
        api, cbsrc = ("deploymentConfiguration", "deploymentCircuitBreaker"), src + ("deployment_circuit_breaker", 0)
        mapper.pmap[api] = cbsrc
        for k in dc["deploymentCircuitBreaker"]:
            mapper.pmap[api + (k,)] = cbsrc + (k,)
    alarms = values.get("alarms")
    if isinstance(alarms, list) and alarms and isinstance(alarms[0], dict):
        api, asrc = ("deploymentConfiguration", "alarms"), src + ("alarms", 0)
        dc["alarms"] = {}
        mapper.pmap[api] = asrc
        for tf, name in (("alarm_names", "alarmNames"), ("enable", "enable"), ("rollback", "rollback")):
            if tf in alarms[0] and alarms[0][tf] is not None:
                dc["alarms"][name] = alarms[0][tf]
                mapper.pmap[api + (name,)] = asrc + (tf,)
    if dc:
        data["deploymentConfiguration"] = dc
        mapper.pmap.setdefault(("deploymentConfiguration",), src)
    _network(values, unknown, src, mapper, data)
    tags = _tags(values, mapper, src)
    if tags:
        data["tags"] = tags
    return data


def _network(values, unknown, src, mapper, data):
    """network_configuration{subnets, security_groups, assign_public_ip (a bool)} →
    networkConfiguration.awsvpcConfiguration (a service's, a task set's)."""
    nc = values.get("network_configuration")
    if nc is UNKNOWN:  # HCL: a dynamic block
        data["networkConfiguration"] = UNKNOWN
        mapper.pmap[("networkConfiguration",)] = src + ("network_configuration",)
    if isinstance(nc, list) and nc and isinstance(nc[0], dict):
        n, nsrc, api = nc[0], src + ("network_configuration", 0), ("networkConfiguration", "awsvpcConfiguration")
        nunk = _nth(unknown.get("network_configuration") if isinstance(unknown, dict) else None, 0)
        vpc: dict = {}
        for tf, name in (("subnets", "subnets"), ("security_groups", "securityGroups")):
            if (isinstance(nunk, dict) and nunk.get(tf) is True) or n.get(tf) is UNKNOWN:
                vpc[name] = UNKNOWN
            elif isinstance(n.get(tf), list) and n[tf]:
                vpc[name] = sorted(n[tf]) if all(isinstance(s, str) for s in n[tf]) else n[tf]
            else:
                continue
            mapper.pmap[api + (name,)] = nsrc + (tf,)
        if n.get("assign_public_ip") is UNKNOWN:
            vpc["assignPublicIp"] = UNKNOWN
            mapper.pmap[api + ("assignPublicIp",)] = nsrc + ("assign_public_ip",)
        if isinstance(n.get("assign_public_ip"), bool):
            vpc["assignPublicIp"] = "ENABLED" if n["assign_public_ip"] else "DISABLED"
            mapper.pmap[api + ("assignPublicIp",)] = nsrc + ("assign_public_ip",)
        data["networkConfiguration"] = {"awsvpcConfiguration": vpc}
        mapper.pmap[api[:1]] = mapper.pmap[api] = nsrc


def _around(kind, values, unknown, sensitive, src, mapper):
    """A cluster, capacity provider, association or task set (ecslint.inputs.clusters)."""
    data = mapper.table(values, unknown, sensitive, clusters.TF_TABLES[kind], src, ())
    if kind in clusters.TF_NETWORK:
        _network(values, unknown, src, mapper, data)
    if kind in clusters.TAGGED:
        tags = _tags(values, mapper, src)
        if tags:
            data["tags"] = tags
    return data


def _modules(module, path):
    """(resource, pointer) for every resource of a module and its child modules."""
    if not isinstance(module, dict):
        return
    for i, res in enumerate(module.get("resources") or []):
        if isinstance(res, dict):
            yield res, path + ("resources", i)
    for j, child in enumerate(module.get("child_modules") or []):
        yield from _modules(child, path + ("child_modules", j))


def _expression_refs(res: dict, argument: str) -> list:
    return ((res.get("expressions") or {}).get(argument) or {}).get("references") or []


def _references(plan) -> dict:
    """Service address → task definition address its task_definition expression references."""
    from ecslint.inputs.terraform_plan_links import configuration_resources

    out = {}
    for prefix, res in configuration_resources(plan):
        if res.get("type") != TF_SERVICE:
            continue
        for ref in _expression_refs(res, "task_definition"):
            if isinstance(ref, str) and ref.startswith(TF_TASK + ".") and ref.count(".") == 1:
                out[prefix + res.get("address", "")] = prefix + ref
                break
    return out


def _base(address):
    """module.a.aws_ecs_service.x["k"] → module.a.aws_ecs_service.x (configuration addresses have no index)."""
    return address.split("[", 1)[0] if isinstance(address, str) else address


def documents(plan: dict, forced: str | None = None) -> tuple[list, str]:
    root_key = "planned_values" if isinstance(plan.get("planned_values"), dict) else "values"
    root = plan[root_key].get("root_module")
    changes = {c.get("address"): c.get("change") or {} for c in plan.get("resource_changes") or []
               if isinstance(c, dict)}
    refs = _references(plan)
    scaling = _scaling_references(plan)
    docs = []
    for res, ptr in _modules(root, (root_key, "root_module")):
        rtype = res.get("type")
        if res.get("mode", "managed") != "managed" or rtype not in ECS_TYPES:
            continue
        kind = ECS_TYPES[rtype]
        if forced and forced != kind:
            continue
        values = res.get("values") if isinstance(res.get("values"), dict) else {}
        address = res.get("address") if isinstance(res.get("address"), str) else rtype
        change = changes.get(address, {})
        unknown = change.get("after_unknown") if root_key == "planned_values" else None
        sensitive = res.get("sensitive_values")
        src = ptr + ("values",)
        mapper = _Mapper()
        mapper.pmap[()] = src
        if kind == TASK_DEFINITION:
            data = _task(values, unknown, sensitive, src, mapper)
            doc = Document(kind, Origin.TERRAFORM_PLAN, data, _to_source(mapper.pmap, src), f'task definition "{address}"',
                           "register-task-definition")
            doc.not_required = frozenset({"family"}) if data.get("family") is UNKNOWN else frozenset()
        elif kind == SERVICE:
            data = _service(values, unknown, sensitive, src, mapper)
            doc = Document(kind, Origin.TERRAFORM_PLAN, data, _to_source(mapper.pmap, src), f'service "{address}"', "create-service")
            doc.task_definition_ref = refs.get(_base(address))
        elif kind in (SCALABLE_TARGET, SCALING_POLICY):
            data = mapper.table(values, unknown, sensitive, TARGET_TABLE if kind == SCALABLE_TARGET else POLICY_TABLE,
                                src, ())
            if kind == SCALING_POLICY and "PolicyType" not in data:
                data["PolicyType"] = "StepScaling"  # the provider's default, sent when the argument is absent
                mapper.pmap[("PolicyType",)] = src
            from ecslint.ecs.scaling import is_ecs

            if is_ecs(data) is False:
                continue  # another namespace's scaling (a DynamoDB table) is not ours to judge
            schema = "register-scalable-target" if kind == SCALABLE_TARGET else "put-scaling-policy"
            doc = Document(kind, Origin.TERRAFORM_PLAN, data, _to_source(mapper.pmap, src), f'{kind.replace("-", " ")} "{address}"',
                           schema)
            doc.scaling_refs = dict(scaling.get(_base(address), {}))
        else:
            data = _around(kind, values, unknown, sensitive, src, mapper)
            doc = Document(kind, Origin.TERRAFORM_PLAN, data, _to_source(mapper.pmap, src),
                           clusters.label(kind, {}, f'"{address}"'), clusters.SCHEMAS[kind])
            if kind == CLUSTER_CAPACITY_PROVIDERS and data.get("capacityProviders") is None:
                doc.not_required = frozenset({"capacityProviders"})  # optional in the provider
        # The full address (with any for_each key): a service whose expression names an
        # indexed resource cannot tell which instance it runs, so it is left unpaired.
        doc.logical_id = address if kind == TASK_DEFINITION else None
        doc.address = address
        doc.resource_ref = _base(address)
        from ecslint.redact import Redactor

        doc.redact = Redactor(mapper.redact)
        docs.append(doc)
    if not docs:
        return [], "a Terraform plan without ECS resources"
    from ecslint.ecs.scaling import link
    from ecslint.inputs import terraform_plan_links

    link(docs)
    terraform_plan_links.link(docs, list(_modules(root, ())), changes, terraform_plan_links.expressions(plan))
    return docs, ""





def scaling_refs(references) -> dict:
    """What the references of a scaling resource's resource_id name: the service it is built
    from, the scalable target a policy takes it from ("aws_ecs_service.web.name",
    "aws_appautoscaling_target.web.resource_id")."""
    out: dict = {}
    for ref in references:
        if not isinstance(ref, str):
            continue
        parts = ref.split(".")
        for rtype, key in ((TF_SERVICE, "service"), (TF_TARGET, "target")):
            if len(parts) >= 2 and parts[0] == rtype and "[" not in parts[1]:
                out.setdefault(key, f"{rtype}.{parts[1]}")
    return out


def _scaling_references(plan) -> dict:
    """Scaling resource address → scaling_refs, from the plan's configuration expressions."""
    from ecslint.inputs.terraform_plan_links import configuration_resources

    out = {}
    for prefix, res in configuration_resources(plan):
        if res.get("type") in (TF_TARGET, TF_POLICY):
            found = scaling_refs(_expression_refs(res, "resource_id"))
            out[prefix + res.get("address", "")] = {k: prefix + v for k, v in found.items()}
    return out


def _to_source(pmap: dict, root: tuple):
    def to_source(tokens):
        # Inside container_definitions (a string) the string itself is the place;
        # elsewhere a missing member is reported where its parent is.
        hit, _ = longest_mapped_prefix(pmap, tuple(tokens))
        return root if hit is None else hit
    return to_source
