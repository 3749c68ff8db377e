"""The one JSON Schema error to report for ecslint's own files (config, policies, rule
options): the deepest error, ties in path order, with an unexpected key placed on the key
itself. jsonschema-rs is imported only when something is validated."""

from __future__ import annotations

from ecslint.model import pointer_str


def first_error(schema: dict, value) -> tuple[tuple, str] | None:
    """(pointer tokens, message) of the error to report, or None when `value` fits `schema`."""
    import jsonschema_rs

    errors = sorted(jsonschema_rs.validator_for(schema).iter_errors(value),
                    key=lambda e: (-len(e.instance_path), list(map(str, e.instance_path))))
    if not errors:
        return None
    err = errors[0]
    tokens = tuple(err.instance_path)
    unexpected = getattr(err.kind, "unexpected", None)
    if unexpected:
        return tokens + (unexpected[0],), f'unknown key "{unexpected[0]}"'
    return tokens, err.message


def where(tokens) -> str:
    """A pointer for a message; "the top level" for the root."""
    return pointer_str(tokens) if tokens else "the top level"
