#!/usr/bin/env python3
"""Generate ecslint's JSON Schemas (draft 2020-12) from botocore's ECS and Application Auto Scaling service models.

Usage:
    python scripts/gen_schemas.py          # write schemas/*.json, print a changelog
    python scripts/gen_schemas.py --check  # exit 1 if schemas/*.json are not what this would write

Input is the ECS and Application Auto Scaling models of the *installed* botocore (pinned in
pyproject's `schema` extra), read from `botocore/data/<service>/<version>/service-2.json.gz`
inside the botocore package (not through the Loader search path, so a stray ~/.aws/models
cannot shadow it).
ecslint itself never imports botocore; it only reads the files written here.

Outputs (sorted keys, 1-space indent, trailing newline):
    schemas/register-task-definition.json   RegisterTaskDefinitionRequest
    schemas/create-service.json             CreateServiceRequest
    schemas/update-service.json             UpdateServiceRequest
    schemas/container-definitions.json      array of ContainerDefinition (Terraform files)
    schemas/register-scalable-target.json   RegisterScalableTargetRequest (application-autoscaling)
    schemas/put-scaling-policy.json         PutScalingPolicyRequest (application-autoscaling)
    schemas/create-cluster.json             CreateClusterRequest
    schemas/create-capacity-provider.json   CreateCapacityProviderRequest
    schemas/put-cluster-capacity-providers.json  PutClusterCapacityProvidersRequest
    schemas/create-task-set.json            CreateTaskSetRequest
    schemas/readonly-fields.json            describe-output members the input shapes lack

Each schema has one `$defs` entry per botocore shape; members are `{"$ref": "#/$defs/<Shape>"}`,
so shape names show up in error schema paths.

Overlays
--------
Hand-written facts the model does not state live in `schemas/overlays/*.json`, never in the
generated files, so regenerating cannot drop them. Each overlay file is a JSON list of entries:

    {"def": "ContainerDefinition", "merge": {...}, "why": "..."}
        deep-merged into `$defs/ContainerDefinition` of every schema that has that shape
        (it is an error if no schema has it: the overlay went stale).
    {"file": "container-definitions", "pointer": "", "merge": {...}, "why": "..."}
        deep-merged at an RFC 6901 pointer (here the root) of one output file; this is also
        how readonly-fields.json gets hand facts.

Deep merge: objects merge key by key, lists are unioned (existing order first), anything
else is replaced. `why` is mandatory documentation and is not copied into the output.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
OVERLAYS = SCHEMAS / "overlays"
MODEL = "ecs/2014-11-13/service-2.json"
AAS_MODEL = "application-autoscaling/2016-02-06/service-2.json"

# output name -> root shape (container-definitions is special-cased: an array of ContainerDefinition)
ROOTS = {
    "register-task-definition": "RegisterTaskDefinitionRequest",
    "create-service": "CreateServiceRequest",
    "update-service": "UpdateServiceRequest",
    "container-definitions": "ContainerDefinition",
    # the resources around a service (issue 15)
    "create-cluster": "CreateClusterRequest",
    "create-capacity-provider": "CreateCapacityProviderRequest",
    "put-cluster-capacity-providers": "PutClusterCapacityProvidersRequest",
    "create-task-set": "CreateTaskSetRequest",
}
# output name -> root shape of the Application Auto Scaling model
AAS_ROOTS = {
    "register-scalable-target": "RegisterScalableTargetRequest",
    "put-scaling-policy": "PutScalingPolicyRequest",
}
# describe-output shape -> the input shape it is fed back into
READONLY = {"task-definition": ("TaskDefinition", "RegisterTaskDefinitionRequest"),
            "service": ("Service", "CreateServiceRequest")}


def load_model(model: str = MODEL):
    import botocore

    path = Path(botocore.__file__).parent / "data" / (model + ".gz")
    raw = gzip.decompress(path.read_bytes())
    provenance = {"botocore": botocore.__version__, "model": model,
                  "sha256": hashlib.sha256(raw).hexdigest()}
    return json.loads(raw), provenance


# ---------------------------------------------------------------- regex dialect

# Ranges of the Unicode classes the model uses, restricted to ASCII. Python `re` has no \p{..},
# and jsonschema-rs's \w and \d are ASCII-only (ECMA semantics) while Python's are Unicode, so a
# `\w\s` rewrite would give the two validators different verdicts on e.g. "ключ". Instead a
# character class holding \p{L}/\p{N}/\p{Z} is rewritten to "any non-ASCII character, plus the
# ASCII characters the class allows", spelled as a negated class of \xHH escapes, which every
# engine reads the same way. It is a superset (it admits non-ASCII symbols such as emoji).
_UNICODE_ASCII = {"L": set(range(0x41, 0x5B)) | set(range(0x61, 0x7B)),
                  "N": set(range(0x30, 0x3A)), "Z": {0x20}, "Print": set(range(0x20, 0x7F))}
# The Application Auto Scaling model's "any XML character" class: its surrogate-pair part is
# no valid range in Python `re`, and decoded text holds no lone surrogates, so it means "no
# control character but tab, CR and LF".
_XML_CHAR = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]"
_XML_CHAR_ASCII = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]"


def _rewrite_class(body: str) -> str:
    allowed, i = set(), 0
    while i < len(body):
        if body.startswith("\\p{", i):
            name = body[i + 3:body.index("}", i)]
            if name not in _UNICODE_ASCII:
                raise SystemExit(f"gen_schemas: no rewrite for \\p{{{name}}}; extend _UNICODE_ASCII")
            allowed |= _UNICODE_ASCII[name]
            i = body.index("}", i) + 1
            continue
        if body[i] == "\\":
            if body[i + 1].isalnum():
                raise SystemExit(f"gen_schemas: unsupported escape \\{body[i + 1]} in [{body}]")
            ch, i = body[i + 1], i + 2
        else:
            ch, i = body[i], i + 1
        if i + 1 < len(body) and body[i] == "-":  # a range a-z
            hi = body[i + 1]
            allowed |= set(range(ord(ch), ord(hi) + 1))
            i += 2
        else:
            allowed.add(ord(ch))
    banned = [c for c in range(0x80) if c not in allowed]
    runs, start = [], None
    for c in banned + [None]:
        if start is None:
            start = prev = c
        elif c == prev + 1:
            prev = c
        else:
            runs.append(f"\\x{start:02x}" if start == prev else f"\\x{start:02x}-\\x{prev:02x}")
            start = prev = c
    return "[^" + "".join(runs) + "]"


_BARE_CLASS = re.compile(r"(?<![\\[])(\\p\{\w+\})(?![^\[]*\])")


def convert_pattern(pattern: str) -> str:
    """Model regex -> anchored pattern that Python `re`, jsonschema and jsonschema-rs all compile."""
    pattern = pattern.replace(_XML_CHAR, _XML_CHAR_ASCII)
    # a class escape standing alone (`\\p{Print}+`) is read as the one-class set it is
    pattern = _BARE_CLASS.sub(r"[\1]", pattern)
    if "\\p{" in pattern:
        pattern = re.sub(r"\[((?:\\.|[^\]\\])*)\]",
                         lambda m: _rewrite_class(m.group(1)) if "\\p{" in m.group(1) else m.group(0),
                         pattern)
        if "\\p{" in pattern:
            raise SystemExit(f"gen_schemas: \\p outside a character class in {pattern!r}")
    # botocore dropped the ^...$ anchors from Tag patterns in 1.43; JSON Schema `pattern` is a
    # search, so an unanchored pattern would match everything. Anchor it ourselves.
    if not (pattern.startswith("^") and pattern.endswith("$")):
        pattern = f"^(?:{pattern})$"
    re.compile(pattern)
    return pattern


# ---------------------------------------------------------------- shapes -> schema

def ref(name: str, traits: dict | None = None) -> dict:
    out = {"$ref": f"#/$defs/{name}"}
    if traits and traits.get("deprecated"):
        out["deprecated"] = True
    if traits and traits.get("sensitive"):
        out["x-sensitive"] = True
    return out


def convert_shape(shape: dict) -> dict:
    t = shape["type"]
    if t == "structure":
        if shape.get("document"):
            out = {}
        else:
            out = {"type": "object", "additionalProperties": False,
                   "properties": {k: ref(m["shape"], m) for k, m in shape.get("members", {}).items()}}
            if shape.get("required"):
                out["required"] = list(shape["required"])
            if shape.get("union"):
                out.update(minProperties=1, maxProperties=1)
    elif t == "list":
        out = {"type": "array", "items": ref(shape["member"]["shape"])}
        bounds = ("minItems", "maxItems")
    elif t == "map":
        out = {"type": "object", "additionalProperties": ref(shape["value"]["shape"])}
        bounds = ("minProperties", "maxProperties")
    elif t in ("string", "blob"):
        out = {"type": "string"}
        if "enum" in shape:
            out["enum"] = list(shape["enum"])
        if "pattern" in shape:
            out["pattern"] = convert_pattern(shape["pattern"])
        bounds = ("minLength", "maxLength")
    elif t in ("integer", "long"):
        out = {"type": "integer"}
        bounds = ("minimum", "maximum")
    elif t in ("double", "float"):
        out = {"type": "number"}
        bounds = ("minimum", "maximum")
    elif t == "boolean":
        out = {"type": "boolean"}
    elif t == "timestamp":
        out = {"type": ["string", "number"]}  # CLI v2 prints ISO-8601, CLI v1 / raw API epoch seconds
    else:
        raise SystemExit(f"gen_schemas: unknown shape type {t!r}")
    if t not in ("structure", "boolean", "timestamp"):
        for key, kw in zip(("min", "max"), bounds):
            if shape.get(key) is not None:
                out[kw] = shape[key]
    if shape.get("deprecated"):
        out["deprecated"] = True
    if shape.get("sensitive"):
        out["x-sensitive"] = True
    return out


def closure(shapes: dict, root: str) -> list[str]:
    seen, stack = set(), [root]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        s = shapes[name]
        stack += [m["shape"] for m in s.get("members", {}).values()]
        stack += [s[k]["shape"] for k in ("member", "key", "value") if k in s]
    return sorted(seen)


def map_key_constraints(shapes: dict, defs: dict) -> None:
    """Maps get `propertyNames` only when the key shape constrains something beyond "string"."""
    for name, d in defs.items():
        s = shapes[name]
        if s["type"] == "map" and convert_shape(shapes[s["key"]["shape"]]) != {"type": "string"}:
            d["propertyNames"] = ref(s["key"]["shape"])


def build_schema(shapes: dict, out_name: str, provenance: dict) -> dict:
    root = ROOTS.get(out_name) or AAS_ROOTS[out_name]
    defs = {n: convert_shape(shapes[n]) for n in closure(shapes, root)}
    map_key_constraints(shapes, defs)
    service = "ECS" if out_name in ROOTS else "Application Auto Scaling"
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": f"{service} {root}" if out_name != "container-definitions" else "ECS container definitions",
              "x-generated-from": provenance, "$defs": defs}
    if out_name == "container-definitions":
        schema.update(type="array", items=ref(root))
    else:
        schema["$ref"] = f"#/$defs/{root}"
    return schema


def readonly_fields(shapes: dict) -> dict:
    out = {}
    for kind, (output, inp) in READONLY.items():
        out[kind] = sorted(set(shapes[output]["members"]) - set(shapes[inp]["members"]))
    return out


# ---------------------------------------------------------------- overlays

def deep_merge(base, extra):
    if isinstance(base, dict) and isinstance(extra, dict):
        for k, v in extra.items():
            base[k] = deep_merge(base[k], v) if k in base else v
        return base
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return extra


def resolve_pointer(doc, pointer: str):
    for tok in pointer.split("/")[1:] if pointer else []:
        tok = tok.replace("~1", "/").replace("~0", "~")
        doc = doc[int(tok)] if isinstance(doc, list) else doc[tok]
    return doc


def apply_overlays(outputs: dict) -> None:
    for path in sorted(OVERLAYS.glob("*.json")):
        for entry in json.loads(path.read_text()):
            where = f"{path.name}: {entry}"
            if not entry.get("why"):
                raise SystemExit(f"gen_schemas: overlay entry without 'why' in {where}")
            hits = 0
            if "def" in entry:
                for doc in outputs.values():
                    if entry["def"] in doc.get("$defs", {}):
                        deep_merge(doc["$defs"][entry["def"]], json.loads(json.dumps(entry["merge"])))
                        hits += 1
            else:
                deep_merge(resolve_pointer(outputs[entry["file"]], entry.get("pointer", "")),
                           json.loads(json.dumps(entry["merge"])))
                hits = 1
            if not hits:
                raise SystemExit(f"gen_schemas: overlay matches no shape (stale?) in {where}")


# ---------------------------------------------------------------- output, changelog, check

def generate() -> tuple[dict, dict]:
    model, provenance = load_model()
    shapes = model["shapes"]
    outputs = {name: build_schema(shapes, name, provenance) for name in ROOTS}
    outputs["readonly-fields"] = readonly_fields(shapes)
    aas, aas_provenance = load_model(AAS_MODEL)
    outputs.update({name: build_schema(aas["shapes"], name, aas_provenance) for name in AAS_ROOTS})
    apply_overlays(outputs)
    return outputs, provenance


def dump(doc) -> str:
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def facts(doc: dict) -> set[str]:
    """Flat facts about a generated file, for the changelog: members, required, enum values."""
    out = set()
    for name, d in doc.get("$defs", {}).items():
        out.add(f"shape {name}")
        out |= {f"member {name}.{m}" for m in d.get("properties", {})}
        out |= {f"required {name}.{m}" for m in d.get("required", [])}
        out |= {f"enum {name}: {v}" for v in d.get("enum", [])}
        for kw in ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern"):
            if kw in d:
                out.add(f"{kw} {name}: {d[kw]}")
    if "$defs" not in doc:  # readonly-fields.json
        out |= {f"{k}: {v}" for k, vs in doc.items() if isinstance(vs, list) for v in vs}
    return out


def changelog(name: str, old_text: str | None, new: dict) -> list[str]:
    if old_text is None:
        return [f"  {name}: new file"]
    try:
        old = json.loads(old_text)
    except ValueError:
        return [f"  {name}: previous file was not valid JSON"]
    before, after = facts(old), facts(new)
    lines = [f"  {name}: + {f}" for f in sorted(after - before)]
    lines += [f"  {name}: - {f}" for f in sorted(before - after)]
    if not lines and old.get("x-generated-from") != new.get("x-generated-from"):
        lines.append(f"  {name}: provenance only ({old.get('x-generated-from', {}).get('botocore')}"
                     f" -> {new['x-generated-from']['botocore']})")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if schemas/ is not up to date")
    args = ap.parse_args(argv)

    outputs, provenance = generate()
    print(f"botocore {provenance['botocore']} ({provenance['model']}, sha256 {provenance['sha256'][:12]}…)")
    texts = {f"{name}.json": dump(doc) for name, doc in outputs.items()}
    stale = sorted(p.name for p in SCHEMAS.glob("*.json") if p.name not in texts)

    if args.check:
        bad = []
        for fname, text in sorted(texts.items()):
            path = SCHEMAS / fname
            old = path.read_text() if path.exists() else None
            if old != text:
                bad.append(fname)
                print(f"DIFFERS: schemas/{fname}")
                lines = changelog(fname, old, outputs[fname[:-5]])
                if not lines or lines[0].endswith("new file"):
                    lines = lines or []
                    diff = list(difflib.unified_diff((old or "").splitlines(), text.splitlines(),
                                                     f"schemas/{fname}", "generated", lineterm="", n=0))
                    lines += ["    " + line for line in diff[:20]]
                print("\n".join(lines))
        for fname in stale:
            bad.append(fname)
            print(f"NOT GENERATED: schemas/{fname} (remove it or add it to the generator)")
        if bad:
            print(f"{len(bad)} file(s) out of date; run: python scripts/gen_schemas.py")
            return 1
        print(f"schemas/ is up to date ({len(texts)} files)")
        return 0

    SCHEMAS.mkdir(exist_ok=True)
    log = []
    for fname, text in sorted(texts.items()):
        path = SCHEMAS / fname
        old = path.read_text() if path.exists() else None
        if old != text:
            log += changelog(fname, old, outputs[fname[:-5]]) or [f"  {fname}: changed (no member/enum change)"]
            path.write_text(text)
    print("\n".join(["changes:"] + log) if log else "no changes")
    for fname in stale:
        print(f"warning: schemas/{fname} is not generated by this script")
    return 0


if __name__ == "__main__":
    sys.exit(main())
