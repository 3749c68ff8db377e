"""Fix operations → text edits of a Terraform `.tf` file, where the node is a literal.

The HCL front end records byte spans for every attribute, block, object member and tuple
item it evaluates (ecslint.inputs.hcl). Three operations are made there, inside blocks and
object and tuple literals only (and `container_definitions = jsonencode(...)`):

* `replace` of a scalar whose text is the value: a number, `true`/`false`/`null` or a
  quoted string without interpolation, and only where the evaluated HCL value equals the API
  value at that pointer (no mapping in between);
* `rename` of a key of a container definition (whose names are the API's);
* `add` of a scalar member, on its own line above the closing brace of a block or object
  written over several lines, named from the plan mapping's tables.

In a `.tf.json` file the arguments outside `container_definitions` (a JSON string there) are
replaced and added through the JSON locator (ecslint.fix_edits), strings with `${`/`%{`
doubled. Anything else (a variable, local, function call, conditional or template on the
way, a heredoc or file() of JSON, a module call, a removal) has no edit and the fix is
refused. fix_apply checks each edit by evaluating the edited file again.
"""

from __future__ import annotations

import re

from ecslint.fix_edits import _value_at
from ecslint.fixes import ADD, RENAME, REPLACE, Fix, Op, SourceFix

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
    if op.kind == ADD:
        return _add(op, src, ev)
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
        return None  # remove; or the API form is not the HCL value here (a mapping, a conversion)
    literal, written = _literal_value(data[start:end])
    if not literal or not _same(written, current):
        return None  # an expression, or another node (a merge) holds the value
    text = hcl_scalar(op.value)
    return None if text is None else (Op(REPLACE, src, op.value), (start, end, text))


def _hcl_name(ev, src, api_key):
    """The argument name of the API member `api_key` in the block at `src`, from the plan
    mapping's tables (a plain value only); container definitions keep the API's names."""
    from ecslint.inputs import terraform_plan as plan_mapping

    if src[1] == "container_definitions":
        return api_key
    if ev.address.startswith(plan_mapping.TF_SERVICE + ".") and src[1:3] == ("deployment_circuit_breaker", 0):
        return api_key if api_key in plan_mapping.CIRCUIT_BREAKER_KEYS else None
    table = {plan_mapping.TF_TASK: plan_mapping.TASK_TABLE,
             plan_mapping.TF_SERVICE: plan_mapping.SERVICE_TABLE}.get(ev.address.split(".", 1)[0])
    for tok in src[1:]:
        if isinstance(tok, int):
            continue
        entry = table.get(tok) if table else None
        if entry is None or entry[1] not in ("b1", "bs"):
            return None
        table = entry[2]
    names = [tf for tf, (api, how, _) in (table or {}).items() if api == api_key and how == "v"]
    return names[0] if len(names) == 1 else None


def _add(op: Op, src, ev):
    """A scalar member added on its own line above the closing brace of a block or object
    written out over several lines, indented as its last member."""
    try:
        current = _value_at(ev.values, src[1:])
    except LookupError:
        return None
    if src[1] != "container_definitions" and isinstance(current, list) and len(current) == 1:
        src, current = src + (0,), current[0]  # the API's object is the one block of its name
    text = hcl_scalar(op.value)
    key = _hcl_name(ev, src, op.key) if isinstance(op.key, str) else None
    if text is None or key is None or op.value is None or not _written_out(ev, src + (key,)):
        return None
    if not isinstance(current, dict) or key in current or src + (key,) in ev.spans:
        return None  # also a member written as null, which the values leave out
    data = ev.tf_file.data
    _, start, end = ev.spans[src]
    close = end - 1
    line = data.rfind(b"\n", start, close) + 1
    if data[close:end] != b"}" or line == 0 or data[line:close].strip(b" \t"):
        return None  # the closing brace shares its line: a one-line object or block
    indent = data[line:close] + b"  "
    members = [ev.spans[src + (k,)] for k in current if src + (k,) in ev.spans]
    if members:
        first = max(members)[0]
        lead = data[data.rfind(b"\n", start, first) + 1:first]
        if lead.strip(b" \t"):
            return None  # the last member shares its line with another
        indent = lead
    bare = _IDENT.match(key) and key not in _WORDS
    member = (key if bare else hcl_string(key)) + " = " + text
    return Op(ADD, src, op.value, key), (line, line, indent.decode() + member + "\n")


def _json_pointer(value, src) -> tuple | None:
    """The JSON pointer of source pointer `src` in a `.tf.json` file: the resource under
    "resource" (objects, or arrays of objects, at each level), then its arguments, where a
    single block may be written as an object rather than an array of one."""
    rtype, name = src[0].split(".", 1)
    found = None
    top = value.get("resource") if isinstance(value, dict) else None
    for at, types in ([((), top)] if isinstance(top, dict) else list(enumerate(top)) if isinstance(top, list) else []):
        named = types.get(rtype) if isinstance(types, dict) else None
        for at2, bodies in [((), named)] if isinstance(named, dict) else list(enumerate(named or [])):
            if isinstance(bodies, dict) and isinstance(bodies.get(name), dict):
                if found is not None:
                    return None  # declared twice: not a file Terraform accepts
                found = ("resource",) + tuple([at] if at != () else []) + (rtype,) + \
                    tuple([at2] if at2 != () else []) + (name,)
    if found is None:
        return None
    node, out = _value_at(value, found), list(found)
    for tok in src[1:]:
        if isinstance(tok, int) and isinstance(node, dict) and tok == 0:
            continue  # a single block written as an object
        try:
            node = _value_at(node, (tok,))
        except LookupError:
            return None
        out.append(tok)
    return tuple(out)


def _json_string(value):
    """A .tf.json value: strings are templates there, so `${` and `%{` are doubled."""
    if isinstance(value, str):
        return value.replace("${", "$${").replace("%{", "%%{")
    return value


def _json_op(op: Op, doc, ev) -> tuple | None:
    """(operation at the source pointer, (start, end, text)) in a `.tf.json` file: a literal
    native argument replaced, or a scalar one added, through the JSON locator."""
    from ecslint.fix_edits import _json_edit

    f = ev.tf_file
    src = tuple(doc.to_source(op.pointer))
    if len(src) < 2 or src[0] != ev.address or src[1] == "container_definitions" or op.kind not in (REPLACE, ADD):
        return None
    try:
        current = _value_at(ev.values, src[1:])
    except LookupError:
        return None
    if op.kind == ADD:
        if isinstance(current, list) and len(current) == 1:
            src, current = src + (0,), current[0]
        key = _hcl_name(ev, src, op.key) if isinstance(op.key, str) else None
        if key is None or not isinstance(current, dict) or key in current or hcl_scalar(op.value) is None \
                or op.value is None:
            return None
        pointer = _json_pointer(f.value, src)
        if pointer is None or not isinstance(_value_at(f.value, pointer), dict) or key in _value_at(f.value, pointer):
            return None
        made = _json_edit(Op(ADD, pointer, _json_string(op.value), key), f.json_locator, f.text)
        return None if made is None else (Op(ADD, src, op.value, key), made)
    try:
        api = _value_at(doc.data, op.pointer)
    except LookupError:
        return None
    pointer = _json_pointer(f.value, src)
    if pointer is None or not _same(current, api) or hcl_scalar(op.value) is None:
        return None
    written = _value_at(f.value, pointer)
    if not _same(written, current) or isinstance(written, str) and ("${" in written or "%{" in written):
        return None  # a template, or a value converted on the way
    made = _json_edit(Op(REPLACE, pointer, _json_string(op.value)), f.json_locator, f.text)
    return None if made is None else (Op(REPLACE, src, op.value), made)


def place(fix: Fix, doc, ev, text: str, safety: str) -> SourceFix | None:
    """The fix as edits of the `.tf` file that holds the resource `ev` (an Evaluated of
    ecslint.inputs.terraform_hcl), or None when any operation is not on a literal."""
    from ecslint.fix_edits import _text_edit

    if ev is None or ev.address.startswith("module."):
        return None
    f = ev.tf_file
    ops: list = []
    raw: list = []
    for op in fix.ops:
        made = _json_op(op, doc, ev) if f.is_json else _source_op(op, doc, ev)
        if made is None:
            return None
        ops.append(made[0])
        start, end, new = made[1]
        at = (start, end) if f.is_json else (f.char(start), f.char(end))  # JSON offsets are characters
        if start == end and raw and raw[-1][:2] == at:  # members added above one brace, in order
            raw[-1] = (*at, raw[-1][2] + new)
        else:
            raw.append((*at, new))
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
    """address → evaluated values of each resource of a `.tf`/`.tf.json` text on its own (what a fix's
    operations are checked against before and after); None when the text does not parse."""
    from ecslint.inputs import terraform_hcl as tfh

    f = tfh.TfFile(display, text)
    if f.error is not None:
        return None
    module = tfh.Module(None, {display: f}, [])
    return {address: tfh.evaluate(module, address).values for address in module.resources}
