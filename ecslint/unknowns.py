"""Schema validation that does not judge values ecslint cannot know.

Two kinds of unknown reach the schema step:
* the UNKNOWN sentinel (CloudFormation intrinsics, Terraform "known after apply"): the
  validator cannot even see it (jsonschema-rs takes builtin types only), so such members are
  removed first and every error they would cause — at, under, or "required field missing"
  for them — is dropped; list indexes are translated back to the document's own;
* placeholder strings (`${COUNT}`, `{{ .cpu }}`, `<IMAGE1_NAME>`): they stand for a value of
  whatever type the field needs once rendered, so a wrong-type or invalid-value error at a
  placeholder string is dropped. Errors elsewhere in the document are kept.
"""

from __future__ import annotations

import dataclasses

from ecslint.ecs.placeholders import UNKNOWN, is_placeholder


def _strip(value, path, removed: set, index_maps: dict):
    """A copy of `value` without UNKNOWN members; `removed` gets their pointers, `index_maps`
    maps a list's pointer to [original index of each kept item] where items were removed."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is UNKNOWN:
                removed.add(path + (k,))
            else:
                out[k] = _strip(v, path + (k,), removed, index_maps)
        return out
    if isinstance(value, list):
        kept = [i for i, v in enumerate(value) if v is not UNKNOWN]
        if len(kept) != len(value):
            index_maps[path] = kept
            removed.update(path + (i,) for i, v in enumerate(value) if v is UNKNOWN)
        return [_strip(value[i], path + (i,), removed, index_maps) for i in kept]
    return value


def _original(pointer: tuple, index_maps: dict) -> tuple:
    out: tuple = ()
    for tok in pointer:
        kept = index_maps.get(out)
        if kept is not None and isinstance(tok, int) and 0 <= tok < len(kept):
            tok = kept[tok]
        out += (tok,)
    return out


def validate_known(schema_name: str, data, may_hold_unknown: bool = True) -> list:
    from ecslint.schema import INVALID, MISSING, WRONG_TYPE, validate
    from ecslint.schema_errors import value_at

    removed: set = set()
    index_maps: dict = {}
    clean = _strip(data, (), removed, index_maps) if may_hold_unknown else data
    out = []
    for err in validate(schema_name, clean):
        ptr = _original(err.pointer, index_maps) if index_maps else err.pointer
        if removed:
            if any(ptr[:len(r)] == r for r in removed):
                continue  # under an unknown value
            if ptr in {r[:-1] for r in removed} and err.kind == INVALID:
                continue  # a bound (minItems...) on a list or object that lost unknown members
            if err.kind == MISSING and ptr + (err.field,) in removed:
                continue  # present, only unknown
        if err.kind in (WRONG_TYPE, INVALID) and is_placeholder(value_at(data, ptr)):
            continue  # a placeholder stands for a value of the right type once rendered
        out.append(err if ptr == err.pointer else dataclasses.replace(err, pointer=ptr))
    return out
