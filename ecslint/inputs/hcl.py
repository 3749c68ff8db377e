"""HCL native syntax (Terraform `.tf`): a tree-sitter parse and a small evaluator.

The parser is tree-sitter with the tree-sitter-hcl grammar (chosen by measurement, see the
README's dependency table); it is imported on the first Terraform file only. The evaluator
turns the expressions people write around ECS resources into values and gives up on the rest:

* literals, tuples, objects, string templates and heredocs whose parts are all known;
* `var.x` (the module's defaults and .tfvars), `local.x` (locals that evaluate), and the pure
  functions `jsonencode`, `jsondecode`, `tostring`, `tonumber`, `tobool`, `merge`, `concat`,
  `lookup`, `format`, `file`, `templatefile` (files confined to the repository);
* everything else (resource and data references, `count`/`each`, `for`, splats, operators,
  other functions) is UNKNOWN, the sentinel no rule judges; a template with an unknown part
  keeps the part's source text as a `${...}` placeholder, which rules already treat as
  "filled in later".

Positions: evaluating at a path records `spans[path] = (key start, value start, value end)`
in bytes for every attribute, block, object member and tuple item met on the way, so a
finding inside `jsonencode([...])` lands on its own key.
"""

from __future__ import annotations

import json
import re

from ecslint.ecs.placeholders import UNKNOWN

_PARSER = None
MAX_DEPTH = 100  # nesting of expressions/calls evaluated; deeper is UNKNOWN (no recursion error)
MAX_TEXT = 1_000_000  # a rendered string longer than this is UNKNOWN (format/merge cannot blow up)


def parser():
    global _PARSER
    if _PARSER is None:
        import tree_sitter
        import tree_sitter_hcl

        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))
    return _PARSER


def parse(data: bytes):
    """The tree-sitter tree of `data` (never raises: errors are ERROR/MISSING nodes)."""
    return parser().parse(data)


def first_error(node):
    """The first ERROR or MISSING node under `node`, or None."""
    if not node.has_error:
        return None
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            return n
        stack.extend(c for c in reversed(n.children) if c.has_error or c.is_missing)
    return None


# --- structure --------------------------------------------------------------------------

class Block:
    """A block: type, labels, body attributes (name → (attribute node, expression node)),
    nested blocks, and its node (for positions)."""

    __slots__ = ("type", "labels", "attrs", "blocks", "node")

    def __init__(self, type_, labels, node):
        self.type, self.labels, self.node = type_, labels, node
        self.attrs: dict = {}
        self.blocks: list = []


def _text(node) -> str:
    return node.text.decode("utf-8", "replace")


def body_of(body_node, block: Block):
    for child in body_node.named_children:
        if child.type == "attribute":
            name = child.child(0)
            expr = child.child_by_field_name("val") or _last_named(child)
            if name is not None and expr is not None and expr.type == "expression":
                block.attrs[_text(name)] = (child, expr)
        elif child.type == "block":
            b = _block(child)
            if b is not None:
                block.blocks.append(b)


def _last_named(node):
    kids = node.named_children
    return kids[-1] if kids else None


def _block(node):
    kids = node.named_children
    if not kids or kids[0].type != "identifier":
        return None
    labels = []
    body = None
    for k in kids[1:]:
        if k.type == "string_lit":
            labels.append(_string_lit(k))
        elif k.type == "identifier":
            labels.append(_text(k))
        elif k.type == "body":
            body = k
    b = Block(_text(kids[0]), labels, node)
    if body is not None:
        body_of(body, b)
    return b


def top_blocks(tree) -> list:
    """Top-level blocks of a parsed file (attributes at the top level are ignored)."""
    root = tree.root_node
    body = next((c for c in root.named_children if c.type == "body"), None)
    out = []
    for child in body.named_children if body is not None else ():
        if child.type == "block":
            b = _block(child)
            if b is not None:
                out.append(b)
    return out


def attributes(tree) -> dict:
    """Top-level attributes of a .tfvars file: name → expression node."""
    root = tree.root_node
    body = next((c for c in root.named_children if c.type == "body"), None)
    out = {}
    for child in body.named_children if body is not None else ():
        if child.type == "attribute":
            expr = _last_named(child)
            if expr is not None and expr.type == "expression":
                out[_text(child.child(0))] = expr
    return out


# --- strings ----------------------------------------------------------------------------

_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{', re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(raw: str, heredoc: bool = False) -> str:
    def sub(m):
        s = m.group(0)
        if s == "$${":
            return "${"
        if s == "%%{":
            return "%{"
        if heredoc:
            return s  # heredocs have no backslash escapes
        e = m.group(1)
        if e in _SIMPLE:
            return _SIMPLE[e]
        if e[0] in "uU" and len(e) > 1:
            try:
                return chr(int(e[1:], 16))
            except ValueError:
                return s
        return s
    if "\\" not in raw and "$${" not in raw and "%%{" not in raw:
        return raw
    return _ESCAPE.sub(sub, raw)


def _string_lit(node) -> str:
    return "".join(_unescape(_text(c)) for c in node.named_children if c.type == "template_literal")


# --- evaluation -------------------------------------------------------------------------

class Scope:
    """What names resolve to while evaluating one module.

    vars: name → value (defaults overridden by .tfvars); sensitive: names of sensitive
    variables; locals: name → (evaluator of the local's expression); read_file: path relative
    to the module → text or None (confined by the caller); resource: callback for a traversal
    rooted at a resource type (`aws_subnet.a.id`) → value or UNKNOWN."""

    def __init__(self, variables=None, sensitive=(), local_nodes=None, read_file=None, resource=None):
        self.vars = variables or {}
        self.sensitive = set(sensitive)
        self.local_nodes = local_nodes or {}  # name → (expression node, Evaluator factory)
        self.local_values: dict = {}
        self.read_file = read_file or (lambda path: None)
        self.resource = resource or (lambda parts: UNKNOWN)
        self.used_sensitive: list = []  # values of sensitive variables met (to redact)
        self._busy: set = set()

    def local(self, name):
        if name in self.local_values:
            return self.local_values[name]
        if name not in self.local_nodes or name in self._busy:
            return UNKNOWN  # undefined, or a cycle
        self._busy.add(name)
        try:
            node, evaluator = self.local_nodes[name]
            value = evaluator(self).value(node)
        finally:
            self._busy.discard(name)
        self.local_values[name] = value
        return value


class Evaluator:
    """Evaluates expression nodes of one file's bytes within a Scope."""

    def __init__(self, scope: Scope, spans: dict | None = None):
        self.scope = scope
        self.spans = spans  # path → (key start, start, end) bytes, when positions are wanted
        self.depth = 0

    def value(self, node, path=None, key_start=None):
        if self.spans is not None and path is not None and path not in self.spans:
            self.spans[path] = (node.start_byte if key_start is None else key_start, node.start_byte, node.end_byte)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                return UNKNOWN
            return self._value(node, path)
        finally:
            self.depth -= 1

    def _value(self, node, path):
        t = node.type
        if t == "expression":
            kids = node.named_children
            if not kids:
                return UNKNOWN
            head = kids[0]
            if len(kids) == 1:
                ht = head.type
                if ht == "literal_value":
                    return _fast_literal(head)  # most values: one node's text, no deeper walk
                if ht == "collection_value":
                    inner = head.named_children
                    return self._value(inner[0], path) if inner else UNKNOWN
                return self.value(head, path) if ht != "variable_expr" else self._traversal(node)
            if head.type == "variable_expr":
                return self._traversal(node)
            if head.type == "expression" and node.child(0).type == "(" and len(kids) == 1:
                return self.value(head, path)
            return UNKNOWN  # an index, attribute or splat on a computed value
        if t == "literal_value":
            return self._literal(node.named_children[0]) if node.named_children else UNKNOWN
        if t == "collection_value":
            return self.value(node.named_children[0], path) if node.named_children else UNKNOWN
        if t == "tuple":
            out: list = []
            for item in node.named_children:
                if item.type == "expression":
                    out.append(self.value(item, None if path is None else path + (len(out),)))
            return out
        if t == "object":
            return self._object(node, path)
        if t == "template_expr":
            kid = node.named_children[0] if node.named_children else None
            return self.template(kid)[0] if kid is not None else UNKNOWN
        if t == "function_call":
            return self._call(node, path)
        if t == "conditional":
            parts = [c for c in node.named_children if c.type == "expression"]
            if len(parts) != 3:
                return UNKNOWN
            cond = self.value(parts[0])
            if cond is True or cond is False:
                return self.value(parts[1] if cond else parts[2], path)
            a, b = self.value(parts[1]), self.value(parts[2])
            return a if a is not UNKNOWN and _same(a, b) else UNKNOWN
        if t == "operation":
            kid = node.named_children[0] if node.named_children else None
            if kid is not None and kid.type == "unary_operation" and kid.child(0).type == "-":
                v = self.value(kid.named_children[0]) if kid.named_children else UNKNOWN
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    return -v
            return UNKNOWN
        return UNKNOWN  # for expressions, splats, binary operations...

    def _literal(self, node):
        t = node.type
        if t == "numeric_lit":
            s = _text(node)
            try:
                return int(s) if s.isdigit() else float(s)
            except ValueError:
                return UNKNOWN
        if t == "bool_lit":
            return _text(node) == "true"
        if t == "null_lit":
            return None
        if t == "string_lit":
            return _string_lit(node)
        return UNKNOWN

    def _object(self, node, path):
        out = {}
        for elem in node.named_children:
            if elem.type != "object_elem":
                continue
            exprs = [c for c in elem.named_children if c.type == "expression"]
            if len(exprs) != 2:
                continue
            key = self.key(exprs[0])
            if key is UNKNOWN or not isinstance(key, str):
                return UNKNOWN  # a computed key: the object's members are not known
            out[key] = self.value(exprs[1], None if path is None else path + (key,), elem.start_byte)
        return out

    def key(self, node):
        kids = node.named_children
        if len(kids) == 1 and kids[0].type == "variable_expr":
            return _text(kids[0])  # a bare name is the key itself
        v = self.value(node)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return _number_text(v)
        return v

    def _traversal(self, node):
        """var.x, local.x, aws_subnet.a.id, each.value, count.index..."""
        parts: list = []
        for kid in node.named_children:
            if kid.type == "variable_expr":
                parts.append(_text(kid))
            elif kid.type == "get_attr":
                ident = kid.named_children[-1] if kid.named_children else None
                if ident is None:
                    return UNKNOWN
                parts.append(_text(ident))
            elif kid.type == "index":
                inner = kid.named_children[0] if kid.named_children else None
                expr = next((c for c in inner.named_children if c.type == "expression"), None) if inner else None
                if expr is None:
                    return UNKNOWN
                idx = self.value(expr)
                if idx is UNKNOWN:
                    return UNKNOWN
                parts.append(idx)
            else:
                return UNKNOWN  # splat
        root = parts[0]
        if root == "var" and len(parts) >= 2:
            name = parts[1]
            if name not in self.scope.vars:
                return UNKNOWN
            v = self.scope.vars[name]
            if name in self.scope.sensitive and v is not UNKNOWN:
                self.scope.used_sensitive.append(v)
            return _walk(v, parts[2:])
        if root == "local" and len(parts) >= 2:
            return _walk(self.scope.local(parts[1]), parts[2:])
        if root in ("count", "each", "path", "terraform", "self", "data", "module"):
            return UNKNOWN
        return self.scope.resource(parts)

    # -- templates --

    def template(self, node, json_context=False):
        """(value, pieces) of a quoted template or heredoc. pieces: [(rendered start, source
        start, source end)] so rendered offsets map back to bytes. A wholly unknown single
        interpolation `"${x}"` is x itself (UNKNOWN or any type), as in Terraform."""
        heredoc = node.type == "heredoc_template"
        trim = heredoc and node.child(0) is not None and node.child(0).type == "heredoc_start" and \
            _text(node.child(0)).startswith("<<-")
        parts = [c for c in node.named_children
                 if c.type in ("template_literal", "template_interpolation", "template_directive")]
        if len(parts) == 1 and parts[0].type == "template_interpolation" and not heredoc:
            inner = next((c for c in parts[0].named_children if c.type == "expression"), None)
            return (self.value(inner) if inner is not None else UNKNOWN), []
        src = node.text
        base = node.start_byte
        if heredoc:
            # The body: from the line after the opening marker to the line of the closing one,
            # read from the source so that text between segments (newlines, indentation) stays.
            idents = [c for c in node.named_children if c.type == "heredoc_identifier"]
            if len(idents) < 2:
                return UNKNOWN, []
            body_start = src.find(b"\n", idents[0].end_byte - base)
            if body_start < 0:
                return UNKNOWN, []
            body_start += 1 + base
            body_end = idents[-1].start_byte
            while body_end > body_start and node.text[body_end - base - 1:body_end - base] in (b" ", b"\t"):
                body_end -= 1  # the closing marker's own indentation
        else:
            body_start, body_end = node.start_byte + 1, node.end_byte - 1
        out, pieces = [], []
        pos = body_start
        length = 0
        in_string = False
        for part in parts:
            if part.start_byte > pos:  # literal text (also text tree-sitter kept outside segments)
                raw = src[pos - base:part.start_byte - base].decode("utf-8", "replace")
                text = _unescape(raw, heredoc)
                pieces.append((length, pos, part.start_byte))
                out.append(text)
                length += len(text)
                in_string = _json_string_state(text, in_string) if json_context else in_string
            if part.type == "template_literal":
                raw = _text(part)
                text = _unescape(raw, heredoc)
                pieces.append((length, part.start_byte, part.end_byte))
                out.append(text)
                length += len(text)
                in_string = _json_string_state(text, in_string) if json_context else in_string
                pos = part.end_byte
                continue
            if part.type == "template_directive":
                return UNKNOWN, []  # %{ if } / %{ for }: not evaluated
            inner = next((c for c in part.named_children if c.type == "expression"), None)
            v = self.value(inner) if inner is not None else UNKNOWN
            text = _template_text(v)
            if text is None:  # unknown: keep the source as a placeholder
                text = _text(part)
                if json_context and not in_string:
                    text = json.dumps(text)  # a JSON value position: an unknown string, not bad JSON
            pieces.append((length, part.start_byte, part.end_byte))
            out.append(text)
            length += len(text)
            if length > MAX_TEXT:
                return UNKNOWN, []
            pos = part.end_byte
        if body_end > pos:
            raw = src[pos - base:body_end - base].decode("utf-8", "replace")
            text = _unescape(raw, heredoc)
            pieces.append((length, pos, body_end))
            out.append(text)
        rendered = "".join(out)
        if trim and not json_context:
            rendered = _dedent(rendered)
        return rendered, pieces

    # -- functions --

    def _call(self, node, path):
        name_node = node.named_children[0] if node.named_children else None
        if name_node is None:
            return UNKNOWN
        name = _text(name_node)
        args_node = next((c for c in node.named_children if c.type == "function_arguments"), None)
        args = [c for c in args_node.named_children if c.type == "expression"] if args_node else []
        if args_node is not None and any(c.type == "ellipsis" for c in args_node.named_children):
            return UNKNOWN  # f(list...): expanded arguments
        fn = _FUNCTIONS.get(name)
        if fn is None:
            return UNKNOWN
        try:
            return fn(self, args, path)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError):
            return UNKNOWN


def _fast_literal(node):
    """A literal_value node's value from its text alone (the common case in ECS resources)."""
    raw = node.text
    if raw[:1] == b'"':
        if b"\\" not in raw and b"$${" not in raw and b"%%{" not in raw and len(raw) >= 2:
            return raw[1:-1].decode("utf-8", "replace")
        kid = node.named_children[0] if node.named_children else None
        return _string_lit(kid) if kid is not None and kid.type == "string_lit" else UNKNOWN
    if raw == b"true":
        return True
    if raw == b"false":
        return False
    if raw == b"null":
        return None
    try:
        return int(raw) if raw.isdigit() else float(raw)
    except ValueError:
        return UNKNOWN


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


def _walk(value, parts):
    for p in parts:
        if value is UNKNOWN:
            return UNKNOWN
        if isinstance(value, dict) and isinstance(p, str):
            if p not in value:
                return UNKNOWN
            value = value[p]
        elif isinstance(value, list) and isinstance(p, int) and not isinstance(p, bool) and 0 <= p < len(value):
            value = value[p]
        else:
            return UNKNOWN
    return value


def _number_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _template_text(v):
    """How Terraform writes a value into a template, or None when it cannot be known."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _number_text(v)
    if isinstance(v, str):
        return v
    return None  # UNKNOWN, null (an error in Terraform), lists and objects (errors too)


def _json_string_state(text: str, in_string: bool) -> bool:
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\" and in_string:
            escaped = True
        elif ch == '"':
            in_string = not in_string
    return in_string


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(ln[cut:] for ln in lines)


def _known(v) -> bool:
    if v is UNKNOWN:
        return False
    if isinstance(v, dict):
        return all(_known(x) for x in v.values())
    if isinstance(v, list):
        return all(_known(x) for x in v)
    return True


def _jsonencode(ev, args, path):
    if len(args) != 1:
        return UNKNOWN
    v = ev.value(args[0])
    return json.dumps(v, separators=(",", ":")) if _known(v) else UNKNOWN


def _jsondecode(ev, args, path):
    v = ev.value(args[0]) if len(args) == 1 else UNKNOWN
    return json.loads(v) if isinstance(v, str) else UNKNOWN


def _tostring(ev, args, path):
    v = ev.value(args[0], path) if len(args) == 1 else UNKNOWN
    t = _template_text(v)
    return UNKNOWN if t is None else t


def _tonumber(ev, args, path):
    v = ev.value(args[0], path) if len(args) == 1 else UNKNOWN
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    if isinstance(v, str):
        return int(v) if re.fullmatch(r"-?\d+", v) else float(v)
    return UNKNOWN


def _tobool(ev, args, path):
    v = ev.value(args[0], path) if len(args) == 1 else UNKNOWN
    if isinstance(v, bool):
        return v
    return {"true": True, "false": False}.get(v, UNKNOWN) if isinstance(v, str) else UNKNOWN


def _merge(ev, args, path):
    out: dict = {}
    for a in args:
        v = ev.value(a, path)
        if v is None:
            continue
        if not isinstance(v, dict):
            return UNKNOWN
        out.update(v)
    return out


def _concat(ev, args, path):
    out: list = []
    for a in args:
        v = ev.value(a)
        if not isinstance(v, list):
            return UNKNOWN
        out.extend(v)
    return out


def _lookup(ev, args, path):
    if len(args) not in (2, 3):
        return UNKNOWN
    m, k = ev.value(args[0]), ev.value(args[1])
    if not isinstance(m, dict) or not isinstance(k, str):
        return UNKNOWN
    if k in m:
        return m[k]
    return ev.value(args[2], path) if len(args) == 3 else UNKNOWN


_VERB = re.compile(r"%(?:%|[-+ #0]*\d*(?:\.\d+)?([sdvfqtbeEgGxXo]))")


def _format(ev, args, path):
    if not args:
        return UNKNOWN
    spec = ev.value(args[0])
    vals = [ev.value(a) for a in args[1:]]
    if not isinstance(spec, str):
        return UNKNOWN
    out, i = [], 0
    pos = 0
    for m in _VERB.finditer(spec):
        out.append(spec[pos:m.start()])
        pos = m.end()
        if m.group(0) == "%%":
            out.append("%")
            continue
        if i >= len(vals):
            return UNKNOWN
        v = vals[i]
        i += 1
        verb = m.group(1)
        if verb in ("s", "v") and _template_text(v) is not None:
            out.append(_template_text(v))
        elif verb == "d" and isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
            out.append(str(int(v)))
        elif verb == "q" and isinstance(v, str):
            out.append(json.dumps(v))
        else:
            return UNKNOWN  # widths, floats, unknown values
    out.append(spec[pos:])
    text = "".join(out)
    return text if len(text) <= MAX_TEXT else UNKNOWN


def _file(ev, args, path):
    name = ev.value(args[0]) if len(args) == 1 else UNKNOWN
    if not isinstance(name, str):
        return UNKNOWN
    text = ev.scope.read_file(name)
    return UNKNOWN if text is None else text


def _templatefile(ev, args, path):
    if len(args) != 2:
        return UNKNOWN
    name = ev.value(args[0])
    variables = ev.value(args[1])
    if not isinstance(name, str) or not isinstance(variables, dict):
        return UNKNOWN
    text = ev.scope.read_file(name)
    if text is None:
        return UNKNOWN
    return render_template_text(text, variables)


_TEMPLATE_REF = re.compile(r"\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}")


def render_template_text(text: str, variables: dict):
    """templatefile(): `${name}` of a known variable is replaced; anything richer (`%{`
    directives, expressions) stays as written, a placeholder rules do not judge."""
    def sub(m):
        v = variables.get(m.group(1), UNKNOWN)
        t = _template_text(v)
        return m.group(0) if t is None else t
    return _TEMPLATE_REF.sub(sub, text)


_FUNCTIONS = {
    "jsonencode": _jsonencode, "jsondecode": _jsondecode, "tostring": _tostring, "tonumber": _tonumber,
    "tobool": _tobool, "merge": _merge, "concat": _concat, "lookup": _lookup, "format": _format,
    "file": _file, "templatefile": _templatefile,
}
