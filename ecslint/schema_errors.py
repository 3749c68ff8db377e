"""The one JSON Schema error to report for ecslint's own files (config, policies, rule
options), in plain words: the deepest error, ties in path order, with an unexpected key
placed on the key itself and a did-you-mean where a name or a value is close to an allowed
one. jsonschema's own sentences ("is not valid under any of the schemas listed in the
'oneOf' keyword", `"" does not match "\\S"`) never reach the user: a `oneOf`/`anyOf` is
explained by the branch the value was meant for, a `pattern` by the schema's
`patternErrorMessage` (the keyword VS Code's and the YAML language server's schema support
show as well). jsonschema-rs is imported only when something is validated."""

from __future__ import annotations

import json

from ecslint.model import pointer_str

# JSON types in the words a YAML or TOML author uses.
TYPE_WORDS = {"object": "a mapping", "array": "a list", "string": "a string", "boolean": "true or false",
              "integer": "a whole number", "number": "a number", "null": "null"}
SHAPE_KINDS = ("type", "enum", "const")  # errors that say the value is of another shape than a branch wants


def first_error(schema: dict, value) -> tuple[tuple, str] | None:
    """(pointer tokens, message) of the error to report, or None when `value` fits `schema`."""
    import jsonschema_rs

    errors = list(jsonschema_rs.validator_for(schema).iter_errors(value))
    if not errors:
        return None
    return explain(_deepest(errors), schema, value)


def _deepest(errors):
    return min(errors, key=lambda e: (-len(e.instance_path), list(map(str, e.instance_path))))


def did_you_mean(word, candidates) -> str:
    """'; did you mean "X"?' for the closest candidate, or ""."""
    import difflib

    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [c for c in candidates if isinstance(c, str)], n=1)
    return f'; did you mean "{close[0]}"?' if close else ""


def show(value) -> str:
    """A value as a message quotes it: JSON, cut at 60 characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def value_at(value, tokens):
    """The value at `tokens` (keys and indexes) inside `value`, or None where there is none."""
    for t in tokens:
        try:
            value = value[t]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {dict: "object", list: "array", str: "string", float: "number", type(None): "null"}.get(type(value), "")


def _fits_shape(err, node_path, value) -> bool:
    """False when `err` says the value at `node_path` is not of the shape its branch wants."""
    if tuple(err.instance_path) != node_path or err.kind.name not in SHAPE_KINDS:
        return True
    if err.kind.name == "type":
        return False
    options = err.kind.options if err.kind.name == "enum" else [err.kind.expected_value]
    # "warn" against an enum of strings was meant for that enum; 3 was not.
    return any(_json_type(o) == _json_type(value) or {_json_type(o), _json_type(value)} == {"integer", "number"}
               for o in options)


def _expected(branch) -> str:
    """What one oneOf/anyOf branch wants, from the error it gave at the node itself."""
    for e in branch:
        if e.kind.name == "type":
            return " or ".join(TYPE_WORDS.get(t, t) for t in e.kind.types)
        if e.kind.name == "enum":
            return "one of " + ", ".join(str(o) for o in e.kind.options)
        if e.kind.name == "const":
            return show(e.kind.expected_value)
    return "another value"


def explain(err, schema, root) -> tuple[tuple, str]:
    """(pointer tokens, message in plain words) for one jsonschema-rs error on `root`."""
    tokens = tuple(err.instance_path)
    value = value_at(root, tokens)
    kind = err.kind
    name = kind.name
    if name in ("oneOf", "anyOf"):
        branches = [b for b in kind.context if b]
        meant = [b for b in branches if all(_fits_shape(e, tokens, value) for e in b)]
        if meant:
            return explain(_deepest([_deepest(b) for b in meant]), schema, root)
        wanted = list(dict.fromkeys(_expected(b) for b in branches))
        return tokens, f"expected {' or '.join(wanted)}, got {show(value)}"
    if name in ("additionalProperties", "unevaluatedProperties"):
        key = kind.unexpected[0]
        node = value_at(schema, tuple(err.schema_path)[:-1]) or {}
        known = list((node.get("properties") or {}) if isinstance(node, dict) else ())
        return tokens + (key,), f'unknown key "{key}"' + did_you_mean(key, known)
    if name == "enum":
        listed = ", ".join(str(o) for o in kind.options)
        return tokens, f"{show(value)} is not one of {listed}" + did_you_mean(value, [str(o) for o in kind.options])
    if name == "const":
        return tokens, f"expected {show(kind.expected_value)}, got {show(value)}"
    if name == "type":
        expected = " or ".join(TYPE_WORDS.get(t, t) for t in kind.types)
        return tokens, f"expected {expected}, got {show(value)}"
    if name == "required":
        return tokens, f'missing "{kind.property}"'
    if name == "pattern":
        node = value_at(schema, tuple(err.schema_path)[:-1])
        said = node.get("patternErrorMessage") if isinstance(node, dict) else None
        return tokens, said or f"{show(value)} does not match the pattern {kind.pattern}"
    if name == "minLength":
        return tokens, "must not be empty" if kind.limit == 1 else f"must be at least {kind.limit} characters long"
    if name == "maxLength":
        return tokens, f"must be at most {kind.limit} characters long"
    if name == "minItems":
        return tokens, "must not be an empty list" if kind.limit == 1 else f"needs at least {kind.limit} items"
    if name == "maxItems":
        return tokens, f"may have at most {kind.limit} items"
    if name == "minProperties":
        return tokens, "must not be an empty mapping" if kind.limit == 1 else f"needs at least {kind.limit} keys"
    if name == "maxProperties":
        return tokens, f"may have at most {kind.limit} keys"
    if name == "uniqueItems":
        return tokens, "lists the same item more than once"
    if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "greater than",
                 "exclusiveMaximum": "less than"}[name]
        return tokens, f"must be {words} {kind.limit}, got {show(value)}"
    if name == "multipleOf":
        return tokens, f"must be a multiple of {kind.multiple_of}, got {show(value)}"
    if name in ("falseSchema", "not"):
        return tokens, "is not allowed here"
    if name == "format":
        return tokens, f"{show(value)} is not a valid {kind.format}"
    return tokens, err.message


def where(tokens) -> str:
    """A pointer for a message; "the top level" for the root."""
    return pointer_str(tokens) if tokens else "the top level"
