"""Fix operations → text edits of a Terraform `.tf` file, where the node is a literal.

The HCL front end records byte spans for every attribute, block, object member and tuple
item it evaluates (ecslint.inputs.hcl). A `replace` of a scalar and a `rename` of a key
inside `container_definitions = jsonencode(...)` are made there, at those spans, when the
text is the value: a number, `true`/`false`/`null` or a quoted string without interpolation,
inside blocks, object and tuple literals only. Anything else (a variable, local, function
call, conditional or template on the way, a heredoc or file() of JSON, a module call, a
`.tf.json` file, an operation that adds or removes a member) has no edit and the fix is
refused. The value written is what the API form wants at that pointer only where the
evaluated HCL value already equals the API value there (no mapping in between).
"""

from __future__ import annotations

import re

from ecslint.fix_edits import _value_at
from ecslint.fixes import RENAME, REPLACE, Fix, Op, SourceFix

_NUMBER = re.compile(rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
# A quoted string with no interpolation or directive (`$${` and `%%{` are their escapes).
_STRING = re.compile(rb'"(?:\$\$\{|%%\{|\\.|[^"\\$%\n]|\$(?!\{)|%(?!\{))*"\Z', re.S)
_KEY = re.compile(rb'[A-Za-z_][A-Za-z0-9_-]*|"(?:\\.|[^"\\$%\n])*"')
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_JSONENCODE = re.compile(rb"jsonencode\s*\(")
_WORDS = frozenset(["true", "false", "null"])


def hcl_string(value: str) -> str:
    """`value` as an HCL quoted string: backslash escapes, and `${`/`%{` doubled so that they
    stay text."""
    out = []
    for ch in value:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out).replace("${", "$${").replace("%{", "%%{") + '"'


def hcl_scalar(value) -> str | None:
    """A scalar as HCL literal text; None for anything else (lists, objects, NaN...)."""
    import json
    import math

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return hcl_string(value)
    return None


def _literal_value(raw: bytes):
    """(True, value) of literal text, (False, None) when the text is an expression."""
    from ecslint.inputs.hcl import _unescape

    if raw in (b"true", b"false"):
        return True, raw == b"true"
    if raw == b"null":
        return True, None
    if _NUMBER.match(raw):
        text = raw.decode()
        return True, int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    if _STRING.match(raw):
        return True, _unescape(raw[1:-1].decode("utf-8", "replace"))
    return False, None


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


def _written_out(ev, src) -> bool:
    """Every container from the resource down to the node is in the file as it is: a block,
    an object or tuple literal, or container_definitions' own jsonencode(...)."""
    data = ev.tf_file.data
    for i in range(2, len(src)):
        anc = src[:i]
        span = ev.spans.get(anc)
        if span is None or anc in ev.embedded:
            return False
        head = data[span[1]:span[2]]
        if head[:1] in (b"{", b"["):
            continue
        if i == 2 and anc[1] == "container_definitions" and _JSONENCODE.match(head):
            continue
        name = anc[-1] if isinstance(anc[-1], str) else anc[-2]
        if span[0] == span[1] and isinstance(name, str) and re.match(re.escape(name.encode()) + rb'[\s{"]', head):
            continue  # a block (its group, or one of them): blocks are only written out
        return False
    return True


def _source_op(op: Op, doc, ev) -> tuple | None:
    """(operation at the source pointer, (start, end, text) in bytes), or None."""
    src = tuple(doc.to_source(op.pointer))
    if len(src) < 2 or src[0] != ev.address or src not in ev.spans or not _written_out(ev, src):
        return None
    key_start, start, end = ev.spans[src]
    data = ev.tf_file.data
    try:
        current = _value_at(ev.values, src[1:])
        api = _value_at(doc.data, op.pointer)
        parent = _value_at(ev.values, src[1:-1])
    except LookupError:
        return None
    if op.kind == RENAME:
        if (src[1] != "container_definitions" or not isinstance(src[-1], str) or src[-1] != op.pointer[-1]
                or not isinstance(parent, dict) or not isinstance(op.key, str) or op.key in parent
                or key_start == start):
            return None  # only keys of the JSON members, whose names are the API's
        m = _KEY.match(data, key_start)
        if m is None:
            return None
        raw = m.group(0)
        quoted = raw[:1] == b'"'
        if (_literal_value(raw)[1] if quoted else raw.decode()) != src[-1]:
            return None
        bare = not quoted and _IDENT.match(op.key) and op.key not in _WORDS
        return Op(RENAME, src, None, op.key), (key_start, m.end(), op.key if bare else hcl_string(op.key))
    if op.kind != REPLACE or not _same(current, api) or isinstance(current, (dict, list)):
        return None  # add, remove; or the API form is not the HCL value here (a mapping, a conversion)
    literal, written = _literal_value(data[start:end])
    if not literal or not _same(written, current):
        return None  # an expression, or another node (a merge) holds the value
    text = hcl_scalar(op.value)
    return None if text is None else (Op(REPLACE, src, op.value), (start, end, text))


def place(fix: Fix, doc, ev, text: str, safety: str) -> SourceFix | None:
    """The fix as edits of the `.tf` file that holds the resource `ev` (an Evaluated of
    ecslint.inputs.terraform_hcl), or None when any operation is not on a literal."""
    from ecslint.fix_edits import _text_edit

    if ev is None or ev.tf_file.is_json or ev.address.startswith("module."):
        return None
    f = ev.tf_file
    ops, raw = [], []
    for op in fix.ops:
        made = _source_op(op, doc, ev)
        if made is None:
            return None
        ops.append(made[0])
        start, end, new = made[1]
        raw.append((f.char(start), f.char(end), new))
    raw.sort()
    for (_, end, _), (start, _, _) in zip(raw, raw[1:]):
        if start < end:
            return None
    if "\r\n" in text:  # edits are offsets in the text with LF line breaks, as for JSON and YAML
        raw = [(s - text.count("\r\n", 0, s), e - text.count("\r\n", 0, e), t) for s, e, t in raw]
        text = text.replace("\r\n", "\n")
    edits = tuple(_text_edit(text, s, e, t) for s, e, t in raw)
    return SourceFix(fix.title, safety, 0, tuple(ops), edits)


def resource_values(display: str, text: str) -> dict | None:
    """address → evaluated values of each resource of a `.tf` text on its own (what a fix's
    operations are checked against before and after); None when the text does not parse."""
    from ecslint.inputs import terraform_hcl as tfh

    if display.lower().endswith(".json"):
        return None
    f = tfh.TfFile(display, text)
    if f.error is not None:
        return None
    module = tfh.Module(None, {display: f}, [])
    return {address: tfh.evaluate(module, address).values for address in module.resources}
