"""Fix operations → text edits of the user's own file, computed from the located spans.

Only the spans an operation names change: a removed member takes its line (or its comma)
with it, an added member copies its siblings' indentation, a replaced scalar keeps its key.
Nothing is re-serialised, so key order, comments, quoting and the rest of the file stay as
written. Where the text is not plain enough to edit that way (YAML anchors, aliases and merge
keys, a duplicate key, a block value that would be left empty, an unknown value in the span),
the operation has no edit and the fix is refused.
"""

from __future__ import annotations

import json
import re

from ecslint.fixes import ADD, REMOVE, RENAME, REPLACE, Fix, Op, SourceFix, TextEdit
from ecslint.model import Origin

# YAML whose edits could reach other nodes (an anchored node, an alias, a merge key).
_YAML_SHARING = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]|<<\s*:")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_SCANSTRING = getattr(json.decoder, "scanstring")  # noqa: B009 - typeshed does not list it
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"])


# --- placing operations in the source ---------------------------------------------------


def _value_at(value, tokens):
    for tok in tokens:
        in_list = isinstance(value, list) and isinstance(tok, int) and 0 <= tok < len(value)
        if not (in_list or (isinstance(value, dict) and tok in value)):
            raise LookupError(tok)
        value = value[tok]
    return value


def _literal(value) -> bool:
    """No intrinsic function and no placeholder anywhere in `value`: the text is the value."""
    from ecslint.ecs.placeholders import is_placeholder
    from ecslint.inputs.cloudformation import is_intrinsic

    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if is_intrinsic(v):
                return False
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str) and is_placeholder(v):
            return False
    return True


def _cfn_keys(value):
    from ecslint.inputs.cloudformation import cfn_name

    if isinstance(value, dict):
        return {cfn_name(k): _cfn_keys(v) for k, v in value.items()}
    return value


def to_source(op: Op, doc, parsed) -> Op | None:
    """The operation at the user's source pointer, or None when it cannot be placed exactly
    on literal text (a CloudFormation value behind an intrinsic, a placeholder, a duplicate key)."""
    cfn = doc.origin is Origin.CLOUDFORMATION
    src = tuple(doc.to_source(op.pointer))
    if not parsed.locator.exists(src):
        return None  # mapped to an ancestor only: not the node the rule judged
    if parsed.duplicates:
        return None  # which of two equal keys a tool keeps differs: edit neither
    try:
        current = _value_at(parsed.value, src)
    except LookupError:
        return None
    if op.kind == ADD:
        key = _cfn_name(op.key) if cfn else op.key
        if not isinstance(current, dict) or not _literal_shallow(current) or key in current:
            return None
        return Op(ADD, src, _cfn_keys(op.value) if cfn else op.value, key)
    if not src:
        return None  # the document itself is never removed, replaced or renamed
    if op.kind in (REMOVE, REPLACE) and not _literal(current):
        return None
    if op.kind == RENAME:
        parent = _value_at(parsed.value, src[:-1])
        key = _cfn_name(op.key) if cfn else op.key
        if not isinstance(parent, dict) or key in parent or isinstance(src[-1], int):
            return None
        return Op(RENAME, src, None, key)
    return Op(op.kind, src, op.value)


def _cfn_name(key):
    from ecslint.inputs.cloudformation import cfn_name

    return cfn_name(key)


def _literal_shallow(value: dict) -> bool:
    from ecslint.inputs.cloudformation import is_intrinsic

    return not is_intrinsic(value)


# --- text edits -------------------------------------------------------------------------


def edits(ops, parsed, text: str) -> list[TextEdit]:
    """Text edits for `ops` (source pointers) in one parsed document; [] when any of them
    cannot be made. Removals from one container are made together, so that neighbours'
    commas and lines stay right."""
    from ecslint.source import JsonLocator

    json_doc = isinstance(parsed.locator, JsonLocator)
    if not json_doc and _shares_nodes(text):
        return []
    raw: list = []
    removals: dict = {}
    for op in ops:
        if op.kind == REMOVE:
            removals.setdefault(op.pointer[:-1], set()).add(op.pointer[-1])
            continue
        made = (_json_edit if json_doc else _yaml_edit)(op, parsed.locator, text)
        if made is None:
            return []
        raw.append(made)
    for parent, keys in removals.items():
        made_all = (_json_remove if json_doc else _yaml_remove)(parent, keys, parsed.locator, text)
        if made_all is None:
            return []
        raw.extend(made_all)
    raw.sort()
    for (_, end, _), (start, _, _) in zip(raw, raw[1:]):
        if start < end:
            return []  # two operations of one fix overlap: not a fix we can state as edits
    return [_text_edit(text, s, e, t) for s, e, t in raw]


_sharing_cache: list = [None, False]  # one slot: fixes are placed file by file


def _shares_nodes(text: str) -> bool:
    """Whether the YAML text has anchors, aliases or merge keys (searched once per text: a
    file with thousands of fixes searched it thousands of times)."""
    if _sharing_cache[0] is not text:
        _sharing_cache[:] = [text, _YAML_SHARING.search(text) is not None]
    return _sharing_cache[1]


def _text_edit(text, start, end, new) -> TextEdit:
    from ecslint.model import Region
    from ecslint.source import line_col

    line, col = line_col(text, start)
    end_line, end_col = line_col(text, end)
    return TextEdit(start, end, new, Region(line, col, end_line, end_col))


def _runs(indexes):
    """Consecutive runs [(first, last)] of sorted positions."""
    out: list = []
    for i in sorted(indexes):
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def _flow_remove(members, positions, open_at, close_at):
    """Remove members (JSON, or a YAML flow collection) with their commas: after the previous
    member's value, or up to the next member's key for a leading run."""
    if len(positions) == len(members):
        return [(open_at + 1, close_at - 1, "")]
    out = []
    for a, b in _runs(positions):
        if a > 0:
            out.append((members[a - 1][3], members[b][3], ""))
        else:
            out.append((members[0][1], members[b + 1][1], ""))
    return out


def _line_start(text, i):
    return text.rfind("\n", 0, i) + 1


def _line_end(text, i):
    """Offset of the line break ending the line that holds `i` (or len(text))."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _indent_unit(inner: str, outer: str) -> str:
    return inner[len(outer):] if inner.startswith(outer) and len(inner) > len(outer) else "  "


# JSON


def _json_edit(op, loc, text):
    span = loc.span(op.pointer)
    if span is None:
        return None
    key_start, start, end = span
    if op.kind == REPLACE:
        return (start, end, json.dumps(op.value, ensure_ascii=False))
    if op.kind == RENAME:
        if key_start is None:
            return None
        key_end = _SCANSTRING(text, key_start + 1)[1]
        return (key_start, key_end, json.dumps(op.key, ensure_ascii=False))
    if op.kind == ADD:
        members = loc.children(op.pointer)
        if members is None or text[start] != "{":
            return None
        member = json.dumps(op.key, ensure_ascii=False) + ": "
        if not members:
            return (start + 1, end - 1, member + json.dumps(op.value, ensure_ascii=False))
        last = members[-1]
        if "\n" not in text[start:last[1]]:  # a one-line object stays on one line
            return (last[3], last[3], ", " + member + json.dumps(op.value, ensure_ascii=False))
        indent = text[_line_start(text, last[1]):last[1]]
        if indent.strip():
            return None
        outer = text[_line_start(text, start):start]
        outer = outer[:len(outer) - len(outer.lstrip())]
        value = json.dumps(op.value, ensure_ascii=False, indent=_indent_unit(indent, outer))
        return (last[3], last[3], ",\n" + indent + member + value.replace("\n", "\n" + indent))
    return None


def _json_remove(parent, keys, loc, text):
    span = loc.span(parent)
    members = loc.children(parent)
    if span is None or members is None:
        return None
    positions = [i for i, m in enumerate(members) if m[0] in keys]
    if len(positions) != len(keys):
        return None
    return _flow_remove(members, positions, span[1], span[2])


# YAML


def _yaml_scalar(value) -> str | None:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        if _PLAIN_KEY.match(value) and value.lower() not in _YAML_WORDS and not value[0].isdigit():
            return value
        return json.dumps(value, ensure_ascii=False)
    return None


def _yaml_block(value, indent: str, unit: str) -> str | None:
    """` scalar`, or the lines of a mapping below a key, each starting with a line break."""
    if isinstance(value, dict) and value:
        out = []
        for k, v in value.items():
            inner = _yaml_block(v, indent + unit, unit)
            key = _yaml_scalar(k) if isinstance(k, str) else None
            if inner is None or key is None:
                return None
            out.append("\n" + indent + unit + key + ":" + inner)
        return "".join(out)
    if isinstance(value, (dict, list)):
        return " " + json.dumps(value, ensure_ascii=False)  # JSON is YAML flow syntax
    scalar = _yaml_scalar(value)
    return None if scalar is None else " " + scalar


def _yaml_members(node):
    return [(_key(k), k.start_mark.index, v.start_mark.index, v.end_mark.index) for k, v in node.value]


def _key(knode):
    from ecslint.source import _YamlBuilder

    return _YamlBuilder._key(knode)


def _content_end(text, start, end):
    """`end` moved back over trailing blanks and line breaks (block values end on the next line)."""
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _yaml_edit(op, loc, text):
    found = loc.nodes(op.pointer)
    if found is None:
        return None
    key_node, node = found
    if op.kind == REPLACE:
        scalar = _yaml_scalar(op.value)
        if node.id != "scalar" or scalar is None:
            return None
        return (node.start_mark.index, node.end_mark.index, scalar)
    if op.kind == RENAME:
        key = _yaml_scalar(op.key)
        if key_node is None or key_node.id != "scalar" or key is None:
            return None
        return (key_node.start_mark.index, key_node.end_mark.index, key)
    if op.kind == ADD:
        if node.id != "mapping":
            return None
        key = _yaml_scalar(op.key) if isinstance(op.key, str) else None
        if key is None:
            return None
        if node.flow_style or not node.value:
            members = _yaml_members(node)
            pair = json.dumps(op.key, ensure_ascii=False) + ": " + json.dumps(op.value, ensure_ascii=False)
            if not members:
                s, e = node.start_mark.index, node.end_mark.index
                return (s, e, "{" + pair + "}") if text[s:e].replace(" ", "") == "{}" else None
            return (members[-1][3], members[-1][3], ", " + pair)
        first_key = node.value[0][0]
        indent = " " * first_key.start_mark.column
        unit = "  "
        for k, v in node.value:
            if v.id in ("mapping", "sequence") and not v.flow_style and v.start_mark.line > k.start_mark.line:
                unit = " " * max(v.start_mark.column - k.start_mark.column, 1)
                break
        block = _yaml_block(op.value, indent, unit)
        if block is None:
            return None
        last_key, last_value = node.value[-1]
        at = _line_end(text, _content_end(text, last_key.start_mark.index, last_value.end_mark.index))
        return (at, at, "\n" + indent + key + ":" + block)
    return None


def _yaml_remove(parent, keys, loc, text):
    found = loc.nodes(parent)
    if found is None or found[1].id != "mapping":
        return None
    node = found[1]
    members = _yaml_members(node)
    positions = [i for i, m in enumerate(members) if m[0] in keys]
    if len(positions) != len(keys):
        return None
    if node.flow_style:
        return _flow_remove(members, positions, node.start_mark.index, node.end_mark.index)
    if len(positions) == len(members):
        return None  # an emptied block mapping would read as null
    out = []
    for a, b in _runs(positions):
        first, last = members[a], members[b]
        end = _content_end(text, last[2], last[3])
        line_end = _line_end(text, end)
        rest = text[end:line_end].strip()
        if rest and not rest.startswith("#"):
            return None  # something else shares the line
        begin = _line_start(text, first[1])
        lead = text[begin:first[1]].strip()
        if not lead and line_end == len(text) and begin > 0:  # the last line, with no final newline
            out.append((begin - 1, line_end, ""))
        elif not lead:  # the member starts its line: take its lines whole
            out.append((begin, line_end + 1, ""))
        elif lead == "-" and b + 1 < len(members):  # first key of a sequence item
            out.append((first[1], members[b + 1][1], ""))
        else:
            return None
    return out


def place(fix: Fix, doc, parsed, text: str, safety: str) -> SourceFix | None:
    """The fix at source pointers with its text edits, or None when the file cannot take it."""
    if doc.origin is Origin.TERRAFORM_PLAN:
        return None  # plan output is generated, never the user's source
    ops = []
    for op in fix.ops:
        placed = to_source(op, doc, parsed)
        if placed is None:
            return None
        ops.append(placed)
    changes = edits(ops, parsed, text)
    if not changes:
        return None
    return SourceFix(fix.title, safety, parsed.index, tuple(ops), tuple(changes))
