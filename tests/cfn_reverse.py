"""API form → CloudFormation properties, for tests: the inverse of ecslint.inputs.cloudformation.

It walks the same API schema shapes, so user-keyed maps keep their keys, and it writes the
spellings CloudFormation really uses (EFSVolumeConfiguration, FilesystemId, IAM,
ProxyConfigurationProperties, PlacementStrategies...), which exercises the forward mapper's
case-insensitive matching and renames. It also returns the pointer map API → template.
"""

from __future__ import annotations

import json

from ecslint.inputs import clusters
from ecslint.inputs.cloudformation import cfn_name
from ecslint.model import pointer_str, pointer_tokens
from ecslint.schema import load_schema

RESOURCE = {"task-definition": ("TaskDef", "AWS::ECS::TaskDefinition", "register-task-definition"),
            "service": ("Svc", "AWS::ECS::Service", "create-service"),
            "scalable-target": ("Target", "AWS::ApplicationAutoScaling::ScalableTarget", "register-scalable-target"),
            "scaling-policy": ("Policy", "AWS::ApplicationAutoScaling::ScalingPolicy", "put-scaling-policy"),
            **{k: ("Res", t, clusters.SCHEMAS[k]) for t, k in clusters.CFN_TYPES.items()}}
# API member → CloudFormation property, per kind, where cfn_name's capitalisation is not it
KIND_NAMES = {"cluster": {"settings": "ClusterSettings"}, "capacity-provider": {"cluster": "ClusterName"}}


def _deref(defs, node):
    while isinstance(node, dict) and "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    return node if isinstance(node, dict) else {}


def to_cfn(value, schema_name, root, names=None):
    schema = load_schema(schema_name)
    defs = schema["$defs"]
    pmap = {}

    def walk(v, node, api, src):
        node = _deref(defs, node)
        pmap[api] = src
        if isinstance(v, dict):
            props = node.get("properties")
            if props is not None:
                out = {}
                for k, sub in v.items():
                    name = ((names or {}).get(k) if len(api) == 0 else None) or (cfn_name(k) if k in props else k)
                    out[name] = walk(sub, props.get(k, {}), api + (k,), src + (name,))
                return out
            sub = node.get("additionalProperties") if isinstance(node.get("additionalProperties"), dict) else {}
            return {k: walk(x, sub, api + (k,), src + (k,)) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x, node.get("items", {}), api + (i,), src + (i,)) for i, x in enumerate(v)]
        return v

    return walk(value, schema, (), root), pmap


def map_pointer(pmap, pointer: str) -> str:
    tokens = pointer_tokens(pointer)
    for i in range(len(tokens), -1, -1):
        if tokens[:i] in pmap:
            return pointer_str(pmap[tokens[:i]] + tuple(cfn_name(t) for t in tokens[i:]))
    raise AssertionError(f"no template pointer for {pointer}")


def template(value, kind):
    """(template dict, pointer map) holding `value` as the one resource of its kind."""
    lid, rtype, schema_name = RESOURCE[kind]
    props, pmap = to_cfn(value, schema_name, ("Resources", lid, "Properties"), KIND_NAMES.get(kind))
    return {"AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {lid: {"Type": rtype, "Properties": props}}}, pmap


def as_json(tpl) -> str:
    return json.dumps(tpl, indent=2)


def as_yaml(tpl) -> str:
    import io

    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    buf = io.StringIO()
    y.dump(tpl, buf)
    return buf.getvalue()
