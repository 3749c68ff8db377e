"""Validate ECS API-form documents against the schemas generated from botocore's model.

The schemas are data files written by scripts/gen_schemas.py; this module never imports
botocore. jsonschema-rs does the validation (imported lazily, one compiled validator per
schema); the messages are ecslint's own, built from each error's instance path, failing
keyword and the schema node, never from the library's message text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from ecslint.model import pointer_str
from ecslint.resources import data_path

SCHEMA_NAMES = ("register-task-definition", "create-service", "update-service", "container-definitions",
                "register-scalable-target", "put-scaling-policy",
                "create-cluster", "create-capacity-provider", "put-cluster-capacity-providers", "create-task-set")

UNKNOWN = "unknown-property"
MISSING = "missing-required"
WRONG_TYPE = "wrong-type"
INVALID = "invalid-value"

# What the document root is called in messages.
_ROOT_NOUN = {"register-task-definition": "the task definition", "create-service": "the service",
              "update-service": "the service", "container-definitions": "the container definitions",
              "register-scalable-target": "the scalable target", "put-scaling-policy": "the scaling policy",
              "create-cluster": "the cluster", "create-capacity-provider": "the capacity provider",
              "put-cluster-capacity-providers": "the cluster's capacity providers",
              "create-task-set": "the task set"}
_READONLY_KIND = {"register-task-definition": ("task-definition", "describe-task-definition"),
                  "create-service": ("service", "describe-services"),
                  "update-service": ("service", "describe-services")}


@dataclass(frozen=True, slots=True)
class SchemaError:
    pointer: tuple  # tokens into the validated document: str keys, int indexes
    kind: str  # "unknown-property" | "missing-required" | "wrong-type" | "invalid-value"
    message: str
    # A deployer-dependent fact (ecslint.deployers), when the verdict depends on who deploys.
    fact: str | None = field(default=None, compare=False)
    fix: object = field(default=None, compare=False)  # ecslint.fixes.Fix, pointers relative to the validated document
    # The member the error names, for the two kinds that name one: the unknown field, or the
    # required field that is missing (under `pointer`). Later stages filter by it, never by
    # the message's wording.
    field: str | None = None


# ---------------------------------------------------------------- loading

def _read(name: str) -> dict:
    return json.loads((data_path("schemas") / f"{name}.json").read_text(encoding="utf-8"))


@cache
def load_schema(schema_name: str) -> dict:
    """The parsed schema (shared and cached: do not mutate it)."""
    if schema_name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {schema_name!r}; expected one of {', '.join(SCHEMA_NAMES)}")
    return _read(schema_name)


@cache
def botocore_version() -> str:
    """The botocore release the shipped schemas were generated from."""
    return load_schema(SCHEMA_NAMES[0])["x-generated-from"]["botocore"]


@cache
def readonly_fields() -> dict:
    """{"task-definition": [...], "service": [...], "service-renames": {...}}: describe-output-only fields."""
    return _read("readonly-fields")


# JSON Schema counts 512.0 as an integer, but botocore checks isinstance(value, int), so the AWS
# CLI rejects it. jsonschema-rs hands the original Python float to custom keywords, so every
# integer shape gets this keyword in the compiled copy (the shipped files stay plain JSON Schema).
_NO_FLOAT = "x-ecslint-no-float"


class _NoWholeFloat:
    def __init__(self, parent_schema, value, schema_path):
        pass

    def validate(self, instance):
        if type(instance) is float and instance.is_integer():  # 2.5 already fails "type"
            raise ValueError("whole-number float")


def _compile(schema: dict):
    import jsonschema_rs  # lazy: keeps `import ecslint.schema` cheap

    schema = dict(schema, **{"$defs": {name: dict(d, **{_NO_FLOAT: True}) if d.get("type") == "integer" else d
                                       for name, d in schema.get("$defs", {}).items()}})
    return jsonschema_rs.Draft202012Validator(schema, keywords={_NO_FLOAT: _NoWholeFloat})


@cache
def _validator(schema_name: str):
    return _compile(load_schema(schema_name))


# ---------------------------------------------------------------- schema navigation

def _deref(schema: dict, node: dict) -> tuple[dict, bool]:
    """Follow $refs; also report whether any node on the way is x-sensitive."""
    sensitive = bool(node.get("x-sensitive"))
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        sensitive = sensitive or bool(node.get("x-sensitive"))
    return node, sensitive


def _child(node: dict, token):
    if isinstance(token, int):
        return node.get("items")
    sub = node.get("properties", {}).get(token)
    if sub is None and isinstance(node.get("additionalProperties"), dict):
        sub = node["additionalProperties"]
    return sub


def _looks_like_credential(value) -> bool:
    from ecslint.ecs.secrets import secret_value_kind

    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else ""
    return secret_value_kind(value) is not None


def _is_sensitive(schema: dict, pointer: tuple) -> bool:
    """True when the value at `pointer` is, or lies under, an x-sensitive schema node."""
    node = schema
    for token in pointer:
        node, sensitive = _deref(schema, node)
        if sensitive:
            return True
        node = _child(node, token)
        if node is None:
            return False
    return _deref(schema, node)[1]


def _required(schema: dict, pointer: tuple) -> bool:
    """Whether the member at `pointer` is required by its object's schema (removing a null
    required member would only trade one error for another)."""
    node = schema
    for token in pointer[:-1]:
        node = _child(_deref(schema, node)[0], token)
        if node is None:
            return False
    return pointer[-1] in _deref(schema, node)[0].get("required", ())


def _at(schema: dict, path) -> dict:
    for token in path:
        schema = schema[token]
    return schema


# ---------------------------------------------------------------- message helpers

_TYPE_WORDS = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "a boolean", "null": "null"}


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    return "array" if isinstance(value, (list, tuple)) else type(value).__name__


def _field(pointer: tuple) -> str | None:
    """Name a node for messages: its key, with list indexes after it ("command[0]")."""
    suffix = ""
    for token in reversed(pointer):
        if isinstance(token, int):
            suffix = f"[{token}]" + suffix
        else:
            return token + suffix
    return None


def _subject(schema_name: str, pointer: tuple) -> str:
    name = _field(pointer)
    return f'"{name}"' if name is not None else _ROOT_NOUN[schema_name]


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plural(n, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _number_hint(value, as_string: bool) -> str:
    """`; write "256"`: the fix (who rejects the value is added by the deployer verdict)."""
    fixed = str(int(value)) if float(value).is_integer() else _show(value)
    return f"; write {_show(fixed) if as_string else fixed}"


def _type_fact(value, expected: tuple) -> str | None:
    """The deployer-dependent fact a wrong type is, if any (see ecslint.deployers)."""
    from ecslint import deployers

    if value is None:
        return deployers.NULL
    if isinstance(value, str) and ("integer" in expected or "number" in expected):
        try:
            float(value)
        except ValueError:
            return None
        # The SDK v2 validator converts only what parseFloat prints back the same ("8080", not "08080").
        return deployers.NUMERIC_STRING if value.strip() == value and value[:1] not in ("+", ".") else None
    if type(value) in (int, float) and expected == ("string",):
        return deployers.NUMBER_FOR_STRING
    return None


# ---------------------------------------------------------------- errors -> SchemaError

def _unknown(schema_name: str, schema: dict, err, key: str) -> SchemaError:
    where = tuple(err.instance_path)
    allowed = list(_at(schema, err.schema_path[:-1]).get("properties", {}))
    msg = f'unknown field "{key}" ' + (f"at {pointer_str(where)}" if where else f"in {_ROOT_NOUN[schema_name]}")
    guess = None
    if not where and schema_name in _READONLY_KIND:
        kind, command = _READONLY_KIND[schema_name]
        ro = readonly_fields()
        guess = ro.get(f"{kind}-renames", {}).get(key)
        if guess is None and key in ro.get(kind, ()):
            return SchemaError(where + (key,), UNKNOWN, msg + f"; it is read-only output of {command}, remove it", field=key)
    if guess is None:
        import difflib  # lazy: only invalid documents need it (saves ~10 ms of import)

        same_case = [a for a in allowed if a.lower() == key.lower()]
        guess = (same_case or difflib.get_close_matches(key, allowed, n=1) or [None])[0]
    if guess is not None:
        msg += f'; did you mean "{guess}"?'
        if _unique_guess(key, allowed, guess) and guess not in err.instance:
            from ecslint.fixes import Fix, Op

            return SchemaError(where + (key,), UNKNOWN, msg, field=key,
                               fix=Fix(f'rename "{key}" to "{guess}"', (Op("rename", where + (key,), key=guess),)))
    return SchemaError(where + (key,), UNKNOWN, msg, field=key)


def _unique_guess(key: str, allowed: list, guess: str) -> bool:
    """Whether the did-you-mean is the only candidate: the one key differing only in case,
    or the one close match (two close matches make a rename a guess)."""
    import difflib

    same_case = [a for a in allowed if a.lower() == key.lower()]
    if same_case:
        return same_case == [guess]
    return difflib.get_close_matches(key, allowed, n=2) == [guess]


def _convert(schema_name: str, schema: dict, err) -> list[SchemaError]:
    keyword = err.kind.name
    pointer = tuple(err.instance_path)
    if keyword == "additionalProperties":
        return [_unknown(schema_name, schema, err, key) for key in err.kind.as_dict()["unexpected"]]
    if keyword == "required":
        missing = err.kind.as_dict()["property"]
        fact = None
        if missing == "image" and schema_name in ("register-task-definition", "container-definitions"):
            from ecslint.deployers import MISSING_IMAGE

            fact = MISSING_IMAGE  # the render action fills it in
        return [SchemaError(pointer, MISSING, f'required field "{missing}" is missing', fact, field=missing)]

    subject = _subject(schema_name, pointer)
    value = err.instance
    # Not only fields the model marks sensitive: a credential pasted into the wrong field
    # (an access key id as networkMode) would otherwise be quoted back in the message.
    secret = _is_sensitive(schema, pointer) or _looks_like_credential(value)
    node = _at(schema, err.schema_path[:-1])
    limit = node.get(keyword)
    if keyword == _NO_FLOAT:
        msg = f"{subject} must be an integer, not a number"
        from ecslint.deployers import WHOLE_FLOAT

        return [SchemaError(pointer, WRONG_TYPE, msg + ("" if secret else _number_hint(value, as_string=False)),
                            WHOLE_FLOAT)]
    if keyword == "type":
        types = tuple(err.kind.as_dict()["types"])
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        msg = f"{subject} must be {expected}, not {_TYPE_WORDS.get(_type_of(value), _type_of(value))}"
        fix = None
        if (schema_name == "register-task-definition" and pointer in (("cpu",), ("memory",))
                and _type_of(value) in ("integer", "number")):
            msg += _number_hint(value, as_string=True)  # task-level cpu/memory are strings in the API
            if float(value).is_integer():
                from ecslint.fixes import replace

                text = str(int(value))
                fix = replace(pointer, text, f'write {pointer[0]} as the string "{text}"')
        if value is None and pointer and isinstance(pointer[-1], str) and not _required(schema, pointer):
            from ecslint.fixes import remove  # console exports write null for unset fields

            fix = remove(pointer, f'remove the null "{pointer[-1]}"')
        return [SchemaError(pointer, WRONG_TYPE, msg, _type_fact(value, types), fix)]

    shown = "the value" if secret else _show(value)
    if keyword == "enum":
        keys = [t for t in pointer if isinstance(t, str)]
        name = keys[-1] if keys else "value"
        if pointer and isinstance(pointer[-1], int):  # an enum list member: "requiresCompatibilities item"
            name += " item"
        options = ", ".join(sorted(str(o) for o in err.kind.as_dict()["options"]))
        msg = f"{shown} is not a valid {name}; expected one of: {options}"
        if value == "":  # an unset value as export tools write it
            from ecslint.deployers import EMPTY_ENUM

            return [SchemaError(pointer, INVALID, msg, EMPTY_ENUM)]
    elif keyword in ("minimum", "maximum"):
        msg = f"{subject} must be at {'least' if keyword == 'minimum' else 'most'} {limit}"
        msg += "" if secret else f", not {_show(value)}"
    elif keyword in ("minLength", "maxLength"):
        msg = (f"{subject} must be at {'least' if keyword == 'minLength' else 'most'} "
               f"{_plural(limit, 'character')} long, not {len(value)}")
    elif keyword in ("minItems", "maxItems"):
        msg = (f"{subject} must have at {'least' if keyword == 'minItems' else 'most'} "
               f"{_plural(limit, 'item')}, not {len(value)}")
    elif keyword in ("minProperties", "maxProperties"):
        if node.get("minProperties") == node.get("maxProperties") == 1:  # a botocore union
            msg = f"{subject} must set exactly one of: {', '.join(sorted(node.get('properties', {})))}"
        else:
            msg = (f"{subject} must have at {'least' if keyword == 'minProperties' else 'most'} "
                   f"{_plural(limit, 'entry')}, not {len(value)}")
    elif keyword == "pattern":
        rule = node.get("x-pattern-description") or f"it must match the pattern {limit}"
        msg = f"{shown} is not a valid {_field(pointer) or 'value'}: {rule}"
    else:  # keywords the generator does not emit today
        msg = f"{subject} is not valid ({keyword})"
    return [SchemaError(pointer, INVALID, msg)]


# ---------------------------------------------------------------- public entry point

def _plain(value):
    """Copy YAML scalar subclasses (ScalarInt, ScalarFloat, TaggedScalar, dates) into plain JSON types."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or type(value) in (bool, int, float, str):
        return value
    for plain in (bool, int, float, str):
        if isinstance(value, plain):
            return plain(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(getattr(value, "value", value))


def validate(schema_name: str, data) -> list[SchemaError]:
    """All schema problems in `data` (the ECS API form), sorted by (pointer, kind, message)."""
    schema = load_schema(schema_name)
    validator = _validator(schema_name)
    try:
        valid = validator.is_valid(data)  # the fast path: most documents are valid
    except ValueError:  # jsonschema-rs only takes exact builtin types
        data = _plain(data)
        valid = validator.is_valid(data)
    if valid:
        return []
    found = []
    for err in validator.iter_errors(data):
        found += _convert(schema_name, schema, err)
    # One finding per node: a wrong type makes its enum/pattern/bound errors noise.
    mistyped = {e.pointer for e in found if e.kind == WRONG_TYPE}
    kept = {e for e in found if e.kind != INVALID or e.pointer not in mistyped}
    # Tokens at one position are all str or all int (same document node), so tuples compare.
    return sorted(kept, key=lambda e: (e.pointer, e.kind, e.message))
