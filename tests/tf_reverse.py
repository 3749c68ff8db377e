"""API form → Terraform plan JSON, for tests: the inverse of ecslint.inputs.terraform_plan.

It inverts the forward tables (TASK_TABLE, SERVICE_TABLE) and the special cases the forward
mapper handles by hand (container_definitions as a JSON string, `host_path`, tags as a map,
the service's flat deployment_* arguments, network_configuration with a boolean
assign_public_ip). It returns the plan `values`, the pointer map API tokens → plan tokens
(mirroring the forward mapper's own map, so a finding's place can be predicted), and the
API paths that have no Terraform spelling (`lost`) with the reason: a case with lost paths is
not the same document in Terraform, and the equivalence test must skip it explicitly.
"""

from __future__ import annotations

import json

from ecslint.inputs import clusters
from ecslint.inputs.terraform_plan import (POLICY_TABLE, SERVICE_TABLE, TARGET_TABLE, TASK_TABLE, TF_POLICY, TF_SERVICE,
                                       TF_TARGET, TF_TASK, _empty)
from ecslint.model import pointer_str, pointer_tokens

TYPES = {"task-definition": TF_TASK, "service": TF_SERVICE, "scalable-target": TF_TARGET, "scaling-policy": TF_POLICY,
         **{k: t for t, k in clusters.TF_TYPES.items()}}


def _invert(table):
    return {name: (tf, how, _invert(sub) if sub else None) for tf, (name, how, sub) in table.items()}


TASK_INV = _invert(TASK_TABLE)
AROUND_INV = {k: _invert(t) for k, t in clusters.TF_TABLES.items()}
SERVICE_INV = _invert(SERVICE_TABLE)
SCALING_INV = {"scalable-target": _invert(TARGET_TABLE), "scaling-policy": _invert(POLICY_TABLE)}


class _Reverse:
    def __init__(self):
        self.pmap: dict = {}
        self.lost: list = []  # (API pointer, reason)

    def lose(self, api, why):
        self.lost.append((pointer_str(api), why))

    def table(self, obj, inv, api, src, skip=()):
        out = {}
        for k, v in obj.items():
            if k in skip:
                continue
            if k not in inv:
                self.lose(api + (k,), "no Terraform argument")
                continue
            tf, how, sub = inv[k]
            tv = self.value(v, how, sub, api + (k,), src + (tf,))
            if tv is None:
                continue
            if _empty(tv):
                self.lose(api + (k,), "an empty value is Terraform's 'unset'")
                continue
            out[tf] = tv
        return out

    def value(self, v, how, sub, api, src):
        self.pmap[api] = src
        if how == "v":
            return v
        if how == "kv":
            if not (isinstance(v, list) and all(isinstance(x, dict) and set(x) == {"name", "value"} for x in v)):
                self.lose(api, "a Terraform map holds only name/value pairs")
                return None
            names = [x["name"] for x in v]
            if len(set(names)) != len(names):
                self.lose(api, "a Terraform map cannot repeat a name")
                return None
            return {x["name"]: x["value"] for x in v}
        if how == "b1":
            if not isinstance(v, dict):
                self.lose(api, "a block is an object")
                return None
            return [self.table(v, sub, api, src + (0,))]
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            self.lose(api, "blocks are objects")
            return None
        out = []
        for i, item in enumerate(v):
            self.pmap[api + (i,)] = src + (i,)
            out.append(self.table(item, sub, api + (i,), src + (i,)))
        return out

    def tags(self, obj, src):
        tags = obj.get("tags")
        if tags is None:
            return None
        self.pmap[("tags",)] = src + ("tags",)
        if not (isinstance(tags, list) and tags and all(isinstance(t, dict) and set(t) == {"key", "value"}
                                                        for t in tags)):
            self.lose(("tags",), "Terraform tags are a non-empty map of key → value")
            return None
        keys = [t["key"] for t in tags]
        if len(set(keys)) != len(keys):
            self.lose(("tags",), "a Terraform map cannot repeat a key")
            return None
        return {t["key"]: t["value"] for t in tags}


def _task(obj, r: _Reverse, src):
    out = r.table(obj, TASK_INV, (), src, skip=("containerDefinitions", "tags"))
    r.pmap[("containerDefinitions",)] = src + ("container_definitions",)
    if "containerDefinitions" in obj:
        out["container_definitions"] = json.dumps(obj["containerDefinitions"])
    if obj.get("enableFaultInjection") is False:
        r.lose(("enableFaultInjection",), "false is Terraform's default, not sent")
    vols = obj.get("volumes") if isinstance(obj.get("volumes"), list) else []
    for i, (vol, tv) in enumerate(zip(vols, out.get("volume") or [])):
        if not isinstance(vol, dict):
            continue
        # `host` is not in the table: table() reported it lost; undo that and write host_path.
        host = vol.get("host")
        if isinstance(host, dict):
            r.lost.remove((pointer_str(("volumes", i, "host")), "no Terraform argument"))
            if set(host) - {"sourcePath"} or not isinstance(host.get("sourcePath", ""), str):
                r.lose(("volumes", i, "host"), "Terraform's host_path holds only a sourcePath")
            elif host.get("sourcePath"):
                tv["host_path"] = host["sourcePath"]
            # `host: {}` (no sourcePath) is, for the API, the same bind mount as no host at all
            # (Docker picks the path): Terraform writes it as host_path "" and the test checks
            # the findings are still the same.
            # the forward map has no entry for host: findings there land on the volume
        efs = vol.get("efsVolumeConfiguration")
        if isinstance(efs, dict) and efs.get("transitEncryptionPort") == 0:
            r.lose(("volumes", i, "efsVolumeConfiguration", "transitEncryptionPort"), "0 is Terraform's 'unset'")
        dvc = vol.get("dockerVolumeConfiguration")
        if isinstance(dvc, dict) and dvc.get("autoprovision") is False:
            r.lose(("volumes", i, "dockerVolumeConfiguration", "autoprovision"), "false is Terraform's default")
    tags = r.tags(obj, src)
    if tags:
        out["tags"] = tags
    return out


def _service(obj, r: _Reverse, src):
    out = r.table(obj, SERVICE_INV, (), src, skip=("deploymentConfiguration", "networkConfiguration", "tags"))
    dc = obj.get("deploymentConfiguration")
    if dc is not None:
        api = ("deploymentConfiguration",)
        r.pmap[api] = src
        if not isinstance(dc, dict) or not dc:
            r.lose(api, "Terraform has no empty deployment configuration")
            dc = {}
        for k, v in dc.items():
            if k == "maximumPercent":
                out["deployment_maximum_percent"] = v
                r.pmap[api + (k,)] = src + ("deployment_maximum_percent",)
            elif k == "minimumHealthyPercent":
                out["deployment_minimum_healthy_percent"] = v
                r.pmap[api + (k,)] = src + ("deployment_minimum_healthy_percent",)
            elif k == "deploymentCircuitBreaker" and isinstance(v, dict) and set(v) <= {"enable", "rollback"}:
                out["deployment_circuit_breaker"] = [dict(v)]
                r.pmap[api + (k,)] = src + ("deployment_circuit_breaker", 0)
                for x in v:
                    r.pmap[api + (k, x)] = src + ("deployment_circuit_breaker", 0, x)
            elif k == "alarms" and isinstance(v, dict) and set(v) <= {"alarmNames", "enable", "rollback"}:
                names = {"alarmNames": "alarm_names", "enable": "enable", "rollback": "rollback"}
                out["alarms"] = [{names[x]: y for x, y in v.items()}]
                r.pmap[api + (k,)] = src + ("alarms", 0)
                for x in v:
                    r.pmap[api + (k, x)] = src + ("alarms", 0, names[x])
            else:
                r.lose(api + (k,), "not mapped from Terraform")
    _network(obj, r, src, out)
    tags = r.tags(obj, src)
    if tags:
        out["tags"] = tags
    return out


def _network(obj, r: _Reverse, src, out):
    nc = obj.get("networkConfiguration")
    if nc is not None:
        api = ("networkConfiguration", "awsvpcConfiguration")
        nsrc = src + ("network_configuration", 0)
        r.pmap[api[:1]] = r.pmap[api] = nsrc
        vpc = nc.get("awsvpcConfiguration") if isinstance(nc, dict) else None
        if not isinstance(nc, dict) or set(nc) != {"awsvpcConfiguration"} or not isinstance(vpc, dict):
            r.lose(api[:1], "Terraform's network_configuration is an awsvpcConfiguration")
            vpc = {}
        n = {}
        for k, v in vpc.items():
            if k in ("subnets", "securityGroups"):
                tf = "subnets" if k == "subnets" else "security_groups"
                r.pmap[api + (k,)] = nsrc + (tf,)
                if not isinstance(v, list) or not v:
                    r.lose(api + (k,), "an empty list is Terraform's 'unset'")
                n[tf] = v
            elif k == "assignPublicIp" and v in ("ENABLED", "DISABLED"):
                r.pmap[api + (k,)] = nsrc + ("assign_public_ip",)
                n["assign_public_ip"] = v == "ENABLED"
            else:
                r.lose(api + (k,), "not mapped from Terraform")
        out["network_configuration"] = [n]


def _around(obj, r: _Reverse, src, kind):
    """A cluster, capacity provider, association or task set (ecslint.inputs.clusters)."""
    out = r.table(obj, AROUND_INV[kind], (), src, skip=("networkConfiguration", "tags"))
    if kind in clusters.TF_NETWORK:
        _network(obj, r, src, out)
    elif "networkConfiguration" in obj:
        r.lose(("networkConfiguration",), "no Terraform argument")
    if kind in clusters.TAGGED:
        tags = r.tags(obj, src)
        if tags:
            out["tags"] = tags
    elif "tags" in obj:
        r.lose(("tags",), "no Terraform argument")
    return out


def resource(value, kind, name, index):
    """(plan resource, pointer map API → plan, lost paths) for one API-form document."""
    r = _Reverse()
    src = ("planned_values", "root_module", "resources", index, "values")
    r.pmap[()] = src
    if kind in SCALING_INV:  # the Application Auto Scaling tables are the whole mapping
        values = r.table(value, SCALING_INV[kind], (), src)
    elif kind == "task-definition":
        values = _task(value, r, src)
    elif kind == "service":
        values = _service(value, r, src)
    else:
        values = _around(value, r, src, kind)
    rtype = TYPES[kind]
    res = {"address": f"{rtype}.{name}", "mode": "managed", "type": rtype, "name": name,
           "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1,
           "values": values, "sensitive_values": {}}
    return res, r.pmap, r.lost


def plan(resources, references=None):
    """A `terraform show -json` plan holding `resources`; references: service address → the
    task definition address its task_definition expression names (in `configuration`)."""
    config = []
    for res in resources:
        entry = {"address": res["address"], "mode": "managed", "type": res["type"], "name": res["name"],
                 "expressions": {}}
        ref = (references or {}).get(res["address"])
        if ref:
            entry["expressions"]["task_definition"] = {"references": [f"{ref}.arn", ref]}
        config.append(entry)
    return {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {"resources": resources}},
            "resource_changes": [{"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
                                  "change": {"actions": ["create"], "after": r["values"], "after_unknown": {}}}
                                 for r in resources],
            "configuration": {"root_module": {"resources": config}}}


def map_pointer(pmap, pointer: str) -> str:
    """Where the plan reports a finding the API form reports at `pointer`: the nearest mapped
    ancestor (inside container_definitions, the string itself)."""
    tokens = pointer_tokens(pointer)
    for i in range(len(tokens), -1, -1):
        if tokens[:i] in pmap:
            return pointer_str(pmap[tokens[:i]])
    raise AssertionError(f"no plan pointer for {pointer}")
