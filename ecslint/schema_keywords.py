"""The JSON Schema fragments users write (a policy's `assert` and `when`, select + assert
rules): where the schemas sit inside one, and the keywords it may use.

JSON Schema ignores a keyword it does not know, so `patern: '^ORG-'` or `maxLenght: 8`
would make a policy that never fires; every key at a schema position must be a keyword of
the fragment's draft (2020-12 unless its `$schema` names an older one)."""

from __future__ import annotations

# JSON Schema 2020-12: core, applicator, unevaluated, validation, meta-data, format, content.
KEYWORDS_2020_12 = frozenset({
    "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items",
    "contains", "properties", "patternProperties", "additionalProperties", "propertyNames",
    "unevaluatedItems", "unevaluatedProperties",
    "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
    "maxProperties", "minProperties", "required", "dependentRequired",
    "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
    "format", "contentEncoding", "contentMediaType", "contentSchema",
    "definitions",  # not a 2020-12 keyword, but "#/definitions/x" references still resolve into it
})
# Drafts 4 to 2019-09 spell some of these differently; allowed only when `$schema` names one.
LEGACY_KEYWORDS = frozenset({"dependencies", "additionalItems", "$recursiveRef", "$recursiveAnchor",
                             "id"})

# Where a keyword's value holds schemas: one schema, a list of them, or a mapping to them.
_ONE = ("not", "if", "then", "else", "contains", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "additionalItems", "contentSchema")
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def subschemas(schema, path=()):
    """(path, schema) for `schema` and every schema inside it; data (`const`, `enum`,
    `default`, `examples`) and property names are never taken for schemas."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for key, value in schema.items():
        if key in _ONE or (key == "items" and isinstance(value, dict)):
            yield from subschemas(value, path + (key,))
        elif key in _LIST or (key == "items" and isinstance(value, list)):
            for i, sub in enumerate(value if isinstance(value, list) else ()):
                yield from subschemas(sub, path + (key, i))
        elif key in _MAP or (key == "dependencies" and isinstance(value, dict)):
            for name, sub in (value.items() if isinstance(value, dict) else ()):
                yield from subschemas(sub, path + (key, name))


def _legacy(schema) -> bool:
    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    return isinstance(dialect, str) and "2020-12" not in dialect


def unknown_keyword(schema) -> tuple[tuple, str] | None:
    """(path to the key, message) for the first key that is not a keyword of the fragment's
    draft, with the keyword it most likely meant; None when every key is one."""
    from ecslint.schema_errors import did_you_mean

    known = KEYWORDS_2020_12 | LEGACY_KEYWORDS if _legacy(schema) else KEYWORDS_2020_12
    for path, node in subschemas(schema):
        for key in node:
            if key in known:
                continue
            if key in LEGACY_KEYWORDS:
                return path + (key,), (f'"{key}" is not a JSON Schema 2020-12 keyword (it is from an older draft); '
                                       "write the 2020-12 form, or name the draft in $schema")
            hint = did_you_mean(key, sorted(known)) or "; to constrain a key of the value, put it under \"properties\""
            return path + (key,), f'unknown JSON Schema keyword "{key}" (JSON Schema would ignore it){hint}'
    return None
