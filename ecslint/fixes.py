"""Fixes: what a rule proposes to change, as operations on the document it judged.

A check attaches a `Fix` to a Problem: operations at pointers in the ECS API form (remove a
member, replace a value, rename a key, add a member). The engine maps them to the user's own
file (`ecslint.fix_edits.place`; `ecslint.fix_hcl.place` for a Terraform `.tf` file), refusing
where the file is not what it parsed to (templated text, unknown values, a Terraform plan), and keeps the text edits of each fix on its Finding for SARIF and
the language server; `ecslint.fix_apply` applies them. Whether a rule's fix is safe is a fact
of its definition (`fix: safe|unsafe` in rules/*.yaml), never of the check.
"""

from __future__ import annotations

# NamedTuples, not frozen dataclasses: the same immutable records, defined in a tenth of the
# import time (a check that offers a fix imports this module on every run).
from typing import NamedTuple


SAFE, UNSAFE = "safe", "unsafe"
SAFETIES = (SAFE, UNSAFE)

REMOVE, REPLACE, RENAME, ADD = "remove", "replace", "rename", "add"


class Op(NamedTuple):
    """One change: `remove` the member or item at `pointer`; `replace` its value with
    `value`; `rename` the key at `pointer` to `key`; `add` member `key` = `value` to the
    object at `pointer`."""

    kind: str
    pointer: tuple
    value: object = None
    key: str | None = None


class Fix(NamedTuple):
    """What a rule proposes (API pointers): a short imperative title and its operations."""

    title: str
    ops: tuple


class TextEdit(NamedTuple):
    """Replace text[start:end] (offsets in the linted text, line breaks as LF) with `text`;
    `region` is the same span as 1-based lines and columns."""

    start: int
    end: int
    text: str
    region: object


class SourceFix(NamedTuple):
    """A fix placed in the user's file: operations at source pointers of one document of the
    file (its index in a YAML stream), and the text edits of this fix alone."""

    title: str
    safety: str
    document: int
    ops: tuple
    edits: tuple


def remove(pointer: tuple, title: str) -> Fix:
    return Fix(title, (Op(REMOVE, tuple(pointer)),))


def replace(pointer: tuple, value, title: str) -> Fix:
    return Fix(title, (Op(REPLACE, tuple(pointer), value),))


def set_value(data, pointer: tuple, value, title: str) -> Fix | None:
    """A fix that makes `data` hold `value` at `pointer`: replace it where it exists, else
    add the missing part at the deepest existing object (`{"a": {"b": value}}` when neither
    exists). None when an ancestor is not an object."""
    node = data
    for i, tok in enumerate(pointer):
        if isinstance(node, dict) and tok in node:
            node = node[tok]
            continue
        if isinstance(node, list) and isinstance(tok, int) and 0 <= tok < len(node):
            node = node[tok]
            continue
        if not isinstance(node, dict) or isinstance(tok, int):
            return None
        nested = value
        for later in reversed(pointer[i + 1:]):
            if isinstance(later, int):
                return None
            nested = {later: nested}
        return Fix(title, (Op(ADD, tuple(pointer[:i]), nested, tok),))
    return Fix(title, (Op(REPLACE, tuple(pointer), value),))


def prefixed(fix: Fix | None, root: tuple) -> Fix | None:
    """The fix with `root` put before every pointer (schema errors point into `schema_root`)."""
    if fix is None or not root:
        return fix
    return Fix(fix.title, tuple(Op(o.kind, tuple(root) + o.pointer, o.value, o.key) for o in fix.ops))


def safety_of(rule) -> str | None:
    """The rule definition's `fix:` (safe or unsafe), None for a rule without fixes."""
    return rule.raw.get("fix") if rule.raw else None
