"""Reading files: bytes → text → parsed values, and a locator from JSON pointers to regions.

JSON goes through the standard library (the C scanner is hundreds of times faster than a
YAML round-trip); positions are computed afterwards, and only for the pointers a finding
needs. YAML is composed into nodes by ruamel.yaml's C parser (its pure-Python parser when
the C extension is missing) and turned into plain values by our own safe walker: no object
is ever constructed from a tag, aliases are counted so "billion laughs" stops early, and the
node marks give positions.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import json
import os
import re
import sys
from dataclasses import dataclass, field

from ecslint.model import Region

MAX_DEPTH = 200  # deeper than any ECS document; stops recursion before Python's limit
# Nodes after alias and merge expansion. The largest real template of the corpus has under
# 5,000, and CloudFormation takes at most a 1 MB template; reaching the bound costs ~0.6 s
# (250,000 cost 1.6-2 s, the whole per-file time budget).
MAX_YAML_NODES = 100_000
# Documents in one YAML stream: real files hold a handful; 100,000 "---" lines took seconds.
MAX_YAML_DOCUMENTS = 1_000


class ParseError(Exception):
    """The text is not valid JSON/YAML; carries a plain-words reason and a region."""

    def __init__(self, message: str, region: Region, limit: bool = False, budget: bool = False):
        super().__init__(message)
        self.message = message
        self.region = region
        self.limit = limit or budget  # a safety limit (depth, aliases, documents), not a syntax error
        # over the expansion budget (aliases, merge keys): a finding only in a file that looks
        # like ECS; any other YAML file in a pre-commit run is skipped quietly
        self.budget = budget


@dataclass
class ParsedDocument:
    """One parsed value (a JSON file, or one document of a YAML stream) and its locator."""

    value: object
    locator: Locator
    duplicates: list = field(default_factory=list)  # (pointer tokens, key) of repeated keys
    index: int = 0  # position in a multi-document YAML stream


@dataclass
class SourceFile:
    path: str
    text: str
    fmt: str  # "json" | "yaml"
    documents: list
    error: ParseError | None = None


# --- bytes to text -----------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a regular file; raises OSError/ValueError with a reason (caller reports it)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        with open(path, "rb") as fh:
            # read(limit + 1) makes a buffer of the whole limit (5 MiB) for every file: ask for
            # the size the file has, then for whatever it grew by since, up to the limit.
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(size + 1 if size <= max_bytes else max_bytes + 1)
            if size < len(data) <= max_bytes:
                data += fh.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise ValueError(f"larger than the {max_bytes:,}-byte limit (raise it with --max-file-size)")
    return data


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; raise ParseError otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _encoding_error(body, exc, encoding) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _encoding_error(data, exc, "utf-8") from None
    if "\x00" in text:
        at = text.index("\x00")
        raise ParseError("the file contains NUL bytes: it looks binary, not JSON or YAML", _region_at(text, at))
    return text


def _encoding_error(data: bytes, exc: UnicodeDecodeError, encoding: str) -> ParseError:
    prefix = data[: exc.start].decode(encoding, errors="replace")
    return ParseError(
        f"the file is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        _region_at(prefix, len(prefix)),
    )


# --- positions -----------------------------------------------------------------------


_LINE_BREAK = re.compile(r"\r\n?|\n")
_PLUS_ONE = (1).__add__


class _Lines:
    """Start offsets of the lines of one text, so that placing a finding costs a bisect
    instead of a scan of the text: a file with 40,000 findings took minutes."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        # Lines end as editors end them: LF, CRLF or a lone CR. JSON and YAML text arrives
        # normalised to LF (parse), but front ends that keep the bytes they were given (HCL,
        # whose parser counts byte offsets) may still hold a lone CR.
        if "\r" in text:
            self.starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        else:  # LF only (nearly every text): the offsets from the line lengths, all in C
            self.starts = list(itertools.accumulate(map(_PLUS_ONE, map(len, text.split("\n")[:-1])), initial=0))

    def line_col(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def length(self, line: int) -> int:
        """Characters in the 1-based line, without its line break."""
        if line >= len(self.starts):
            return len(self.text) - self.starts[line - 1]
        end = self.starts[line] - 1
        if self.text[end] == "\n" and end > self.starts[line - 1] and self.text[end - 1] == "\r":
            end -= 1  # CRLF
        return end - self.starts[line - 1]


_lines_cache: list = [None]  # one slot: findings are placed file by file


def _lines(text: str) -> _Lines:
    cached = _lines_cache[0]
    if cached is None or cached.text is not text:
        cached = _lines_cache[0] = _Lines(text)
    return cached


def line_col(text: str, index: int) -> tuple[int, int]:
    """0-based character index → 1-based (line, column), columns in code points."""
    return _lines(text).line_col(index)


def _region_at(text: str, start: int, end: int | None = None) -> Region:
    line, col = line_col(text, start)
    if end is None or end <= start:
        return fit(text, Region(line, col, line, col + 1))
    end_line, end_col = line_col(text, end)
    return Region(line, col, end_line, end_col)


def region_text(text: str, region: Region) -> str:
    """The text a region covers (columns in code points, end column exclusive)."""
    lines = _lines(text)
    n = len(lines.starts)
    if not 1 <= region.line <= region.end_line <= n:
        return ""
    start = lines.starts[region.line - 1] + region.column - 1
    end = lines.starts[region.end_line - 1] + region.end_column - 1
    return text[start:end] if start < end else ""


def fit(text: str | None, region: Region) -> Region:
    """Keep a region inside the text: a one-character region at the end of a line or of the
    file (an empty file, a truncated value, a null list item) would otherwise end one column
    past the line, which SARIF viewers and editors reject. Such a point becomes zero-width."""
    if text is None:
        return region
    lines = _lines(text)
    n = len(lines.starts)
    ln, col, eln, ecol = region.line, region.column, region.end_line, region.end_column
    # Fast path (nearly every finding): already inside the text.
    if (1 <= ln <= eln <= n and col >= 1 and ecol >= 1 and col <= lines.length(ln) + 1
            and ecol <= lines.length(eln) + 1 and (eln > ln or ecol >= col)):
        return region

    def clamp(line, col):
        line = min(max(line, 1), len(lines.starts))
        return line, min(max(col, 1), lines.length(line) + 1)

    start = clamp(region.line, region.column)
    end = max(clamp(region.end_line, region.end_column), start)
    if start == (region.line, region.column) and end == (region.end_line, region.end_column):
        return region
    return Region(*start, *end)


class Locator:
    """Maps pointer tokens to a Region; a pointer that does not exist maps to its deepest
    existing ancestor (a missing field is reported where its parent is)."""

    def region(self, tokens: tuple) -> Region:  # pragma: no cover - interface
        raise NotImplementedError

    def exists(self, tokens: tuple) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


# --- JSON ------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]  # public, not in typeshed


def _skip_value(text: str, i: int) -> int:
    return _DECODER.raw_decode(text, i)[1]


_UNREAD = object()  # JsonLocator._resume: a container not read yet


def _object_members(s: str, i: int):
    """(key, key start, value start, value end) of each member of the object at `i`, in text order."""
    i = _WS.match(s, i + 1).end()
    if s[i] == "}":
        return
    while True:
        kstart = i
        key, i = _scanstring(s, i + 1)
        i = _WS.match(s, i).end() + 1  # past ':'
        vstart = _WS.match(s, i).end()
        vend = _skip_value(s, vstart)
        yield key, kstart, vstart, vend
        i = _WS.match(s, vend).end()
        if s[i] == "}":
            return
        i = _WS.match(s, i + 1).end()


def _array_items(s: str, i: int):
    """(None, value start, value end) of each item of the array at `i`, in text order."""
    i = _WS.match(s, i + 1).end()
    if s[i] == "]":
        return
    while True:
        vend = _skip_value(s, i)
        yield None, i, vend
        i = _WS.match(s, vend).end()
        if s[i] == "]":
            return
        i = _WS.match(s, i + 1).end()


class JsonLocator(Locator):
    def __init__(self, text: str, unique_keys: bool = False, whole: bool = False):
        """`unique_keys`: the parse saw no repeated key, so the first member of a name is the
        one, and an object is scanned only as far as the member asked for (a finding in the
        first container no longer decodes every sibling after it). `whole`: the text is one
        JSON value (and whitespace), so the root needs no decoding to find its end."""
        self.text = text
        self._root: tuple[int, int] | None = None
        # Container start offset → its children, scanned once: without it every finding
        # re-scanned its siblings (and the whole document), quadratic in a file with
        # 20,000 containers or 50,000 repeated keys.
        self._members: dict = {}
        # Container start offset → the rest of its members still to read (unique_keys), None
        # once it is read to its end.
        self._resume: dict | None = {} if unique_keys else None
        self._whole = whole

    def _find(self, tokens):
        """Walk the text along tokens. Returns (found_all, start, end, key_start)."""
        s = self.text
        if self._root is None:
            i = _WS.match(s, 0).end()
            self._root = (i, len(s.rstrip(" \t\n\r")) if self._whole else _skip_value(s, i))
        start, end = self._root
        key_start = None
        for tok in tokens:
            found = self._child(s, start, tok)
            if found is None:
                return False, start, end, key_start
            key_start, start, end = found
        return True, start, end, key_start

    def _child(self, s, i, tok):
        ch = s[i]
        lazy = self._resume is not None
        if ch == "{":
            key = str(tok)
            members = self._members.get(i)
            if lazy and (members is None or (key not in members and self._resume.get(i) is not None)):
                members = self._read_on(s, i, _object_members, key)
            elif members is None:
                members = self._members[i] = {k: (ks, vs, ve) for k, ks, vs, ve in _object_members(s, i)}
            return members.get(key)  # (a full read: the last of a repeated key wins, as in json.loads)
        if ch == "[" and isinstance(tok, int):
            items = self._members.get(i)
            if lazy and (items is None or (tok >= len(items) and self._resume.get(i) is not None)):
                items = self._read_on(s, i, _array_items, tok)
            elif items is None:
                items = self._members[i] = list(_array_items(s, i))
            return items[tok] if 0 <= tok < len(items) else None
        return None

    def _read_on(self, s, start, members_of, want):
        """The members (object) or items (array) at `start` read so far, reading on until
        `want` (a key, an index; None: to the end). Keys are unique, so a read stops at the
        first match; where it stopped is kept (its generator) for the next read."""
        resume = self._resume
        assert resume is not None
        is_object = members_of is _object_members
        read = self._members.setdefault(start, {} if is_object else [])
        rest = resume.get(start, _UNREAD)
        if rest is None:
            return read  # read to its end
        if rest is _UNREAD:
            rest = resume[start] = members_of(s, start)
        for member in rest:
            if is_object:
                read[member[0]] = member[1:]
                if member[0] == want:
                    return read
            else:
                read.append(member)
                if want is not None and len(read) == want + 1:
                    return read
        resume[start] = None
        return read

    def region(self, tokens):
        _, start, end, key_start = self._find(tokens)
        # A member spans from its key to the end of its value; a value alone otherwise.
        return _region_at(self.text, key_start if key_start is not None else start, end)

    def exists(self, tokens):
        return self._find(tokens)[0]

    def span(self, tokens):
        """(key start or None, value start, value end) text offsets of the node at `tokens`,
        or None when it does not exist (fixes edit at these offsets)."""
        found, start, end, key_start = self._find(tokens)
        if not found:
            return None
        return (key_start if tokens and not isinstance(tokens[-1], int) else None), start, end

    def children(self, tokens):
        """[(key or index, key start, value start, value end)] of the object or array at
        `tokens`, in text order (key start is the value start for array items)."""
        found, start, _, _ = self._find(tokens)
        if not found or self.text[start] not in "{[":
            return None
        listed = self.__dict__.setdefault("_listed", {})  # once per container, not per fix
        if start not in listed:
            if self._resume is not None:  # every member or item, to the end
                self._read_on(self.text, start, _object_members if self.text[start] == "{" else _array_items, None)
            else:
                self._child(self.text, start, 0)  # fills the scan cache of this container
            scanned = self._members[start]
            if isinstance(scanned, dict):
                listed[start] = sorted(((k, ks, vs, ve) for k, (ks, vs, ve) in scanned.items()), key=lambda m: m[1])
            else:
                listed[start] = [(i, vs, vs, ve) for i, (_, vs, ve) in enumerate(scanned)]
        return listed[start]

    def duplicates(self):
        """Every repeated key as (pointer tokens, key): a full walk, run only when the
        fast parse saw a duplicate."""
        out = []
        s = self.text

        def walk(i, path):
            ch = s[i]
            if ch == "{":
                seen = set()
                i = _WS.match(s, i + 1).end()
                if s[i] == "}":
                    return i + 1
                while True:
                    key, i = _scanstring(s, i + 1)
                    if key in seen:
                        out.append((path + (key,), key))
                    seen.add(key)
                    i = _WS.match(s, i).end() + 1
                    i = _WS.match(s, i).end()
                    i = walk(i, path + (key,))
                    i = _WS.match(s, i).end()
                    if s[i] == "}":
                        return i + 1
                    i = _WS.match(s, i + 1).end()
            if ch == "[":
                n = 0
                i = _WS.match(s, i + 1).end()
                if s[i] == "]":
                    return i + 1
                while True:
                    i = walk(i, path + (n,))
                    n += 1
                    i = _WS.match(s, i).end()
                    if s[i] == "]":
                        return i + 1
                    i = _WS.match(s, i + 1).end()
            return _skip_value(s, i)

        walk(_WS.match(s, 0).end(), ())
        return out


_JSON_REASONS = {
    "Expecting property name enclosed in double quotes": "expected a key in double quotes (a trailing comma, a comment or a single-quoted key?)",
    "Expecting ',' delimiter": "expected ',' between items (a missing comma?)",
    "Expecting ':' delimiter": "expected ':' after the key",
    "Expecting value": "expected a value (an unquoted placeholder, a trailing comma or an empty file?)",
    "Extra data": "unexpected text after the end of the JSON value",
    "Unterminated string starting at": "a string is not closed",
    "Invalid control character at": "a raw control character (tab or newline) inside a string",
    "Invalid \\escape": "an invalid backslash escape in a string",
}


class _BadNumber(ValueError):
    """A number json.loads would accept but no AWS API can: carries its literal for the region."""

    def __init__(self, message, literal):
        super().__init__(message)
        self.literal = literal


def _reject_constant(name):
    # json.loads accepts NaN and Infinity, the AWS API does not.
    raise _BadNumber(f"{name} is not valid JSON", name)


def _parse_float(literal):
    # 1e400 would silently become float("inf") and then read as null by the schema
    # validator ("must be a string, not null"): report the real cause instead.
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _BadNumber(f"the number {literal[:40]} is out of range", literal)
    return value


def _parse_int(literal):
    # Python refuses int() of more than 4,300 digits with a message about its own limit.
    try:
        return int(literal)
    except ValueError:
        raise _BadNumber(f"an integer with {len(literal.lstrip('-')):,} digits is out of range", literal) from None


def parse_json(path: str, text: str) -> SourceFile:
    dup_seen = []

    def pairs_hook(pairs):
        d = dict(pairs)
        if len(d) != len(pairs):
            dup_seen.append(True)
        return d

    # parse_int is a Python call per integer (a fifth of the parse): it only turns the
    # ValueError json.loads raises for more than 4,300 digits into a clear message, so it is
    # used only when that error came. parse_float runs only for fractions and exponents, rare.
    try:
        try:
            value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant,
                               parse_float=_parse_float)
        except ValueError as exc:
            if isinstance(exc, (json.JSONDecodeError, _BadNumber)):
                raise
            dup_seen.clear()
            value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant,
                               parse_float=_parse_float, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        reason = next((v for k, v in _JSON_REASONS.items() if exc.msg.startswith(k)), exc.msg)
        err = ParseError(f"invalid JSON: {reason}", _region_at(text, exc.pos))
        return SourceFile(path, text, "json", [], err)
    except RecursionError:
        return SourceFile(path, text, "json", [], ParseError("invalid JSON: nesting is too deep", _region_at(text, 0), limit=True))
    except _BadNumber as exc:  # NaN/Infinity, 1e400, integers beyond Python's digit limit
        at = max(text.find(exc.literal), 0)  # the first occurrence: hooks are not told where
        return SourceFile(path, text, "json", [], ParseError(f"invalid JSON: {exc}", _region_at(text, at)))
    except ValueError as exc:
        msg = str(exc).split(";")[0]
        return SourceFile(path, text, "json", [], ParseError(f"invalid JSON: {msg}", _region_at(text, 0)))
    # Only a text with many brackets can nest deeper than MAX_DEPTH: count them in C first.
    if text.count("[") + text.count("{") > MAX_DEPTH and _too_deep(value):
        return SourceFile(path, text, "json", [], ParseError("invalid JSON: nesting is too deep", _region_at(text, 0), limit=True))
    bad = _surrogate_error(text, value, "JSON")
    if bad is not None:
        return SourceFile(path, text, "json", [], bad)
    locator = JsonLocator(text, unique_keys=not dup_seen, whole=True)
    dups = locator.duplicates() if dup_seen else []
    return SourceFile(path, text, "json", [ParsedDocument(value, locator, dups)])


# A \ud800 escape decodes to half a surrogate pair: not Unicode, so not encodable as the UTF-8
# an API request is (the AWS CLI fails before sending it), nor by the schema validator.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<![0-9a-fA-F]{4})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _surrogate_error(text: str, value, fmt: str) -> ParseError | None:
    """A ParseError when a string (key or value) holds a lone surrogate; escapes are the only
    way to write one, so texts without `\\u` are not walked."""
    if "\\u" not in text and "\\U" not in text:
        return None
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k, child in v.items():
                if isinstance(k, str) and _SURROGATE.search(k):
                    break
                stack.append(child)
            else:
                continue
            break
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str) and _SURROGATE.search(v):
            break
    else:
        return None
    m = _LONE_ESCAPE.search(text)
    at = m.start() if m else 0
    shown = text[at:at + 6] if m else "a \\uD800-\\uDFFF escape"
    return ParseError(f"invalid {fmt}: {shown} is half of a UTF-16 surrogate pair, not a character: "
                      f"the file cannot be sent to the ECS API as UTF-8", _region_at(text, at, at + 6 if m else None))


def _too_deep(value, limit=MAX_DEPTH) -> bool:
    stack = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if d > limit:
            return True
        if isinstance(v, dict):
            stack.extend((c, d + 1) for c in v.values() if isinstance(c, (dict, list)))
        elif isinstance(v, list):
            stack.extend((c, d + 1) for c in v if isinstance(c, (dict, list)))
    return False


# --- YAML ----------------------------------------------------------------------------

_composer_class: type | None = None


def _composer():
    """A YAML composer class: C parser + resolver, no constructor (we build values ourselves)."""
    global _composer_class
    if _composer_class is None:
        from ruamel.yaml.resolver import BaseResolver, VersionedResolver

        try:
            from _ruamel_yaml import CParser  # C extension (ruamel.yaml.clib)

            # BaseResolver tags every plain scalar as a string; _scalar resolves YAML 1.2 core
            # types itself with a few anchored regexes, which costs a fraction of ruamel's
            # per-scalar resolver walk (a seventh of reading a large template).
            from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

            defaults = {ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG, SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
                        MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}

            _DEFAULT_SCALAR_TAG[0] = BaseResolver.DEFAULT_SCALAR_TAG

            class _C(CParser, BaseResolver):
                def __init__(self, text):
                    CParser.__init__(self, text)
                    self._parser = self._composer = self
                    BaseResolver.__init__(self, loadumper=self)

                # What BaseResolver.resolve returns when it has no implicit or path resolvers
                # (it has none), without its lookups: the parser asks once per node, and those
                # calls were a sixth of reading a CloudFormation template.
                def resolve(self, kind, value, implicit):
                    return defaults[kind]

                def descend_resolver(self, current_node, current_index):
                    pass

                def ascend_resolver(self):
                    pass

            _composer_class = _C
        except ImportError:  # pure-Python fallback
            from ruamel.yaml.composer import Composer
            from ruamel.yaml.parser import Parser
            from ruamel.yaml.reader import Reader
            from ruamel.yaml.scanner import Scanner

            class _P(Reader, Scanner, Parser, Composer, VersionedResolver):
                def __init__(self, text):
                    Reader.__init__(self, text, loader=self)
                    Scanner.__init__(self, loader=self)
                    Parser.__init__(self, loader=self)
                    Composer.__init__(self, loader=self)
                    VersionedResolver.__init__(self, loadumper=self)

            _composer_class = _P
    return _composer_class


# CloudFormation short-form tags become their long form; any other tag is ignored and the
# node is read as plain data (nothing is ever constructed from a tag).
_CFN_TAGS = {
    "!Ref": "Ref", "!Condition": "Condition", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
    "!FindInMap": "Fn::FindInMap", "!GetAtt": "Fn::GetAtt", "!GetAZs": "Fn::GetAZs",
    "!ImportValue": "Fn::ImportValue", "!Join": "Fn::Join", "!Select": "Fn::Select",
    "!Split": "Fn::Split", "!Sub": "Fn::Sub", "!Transform": "Fn::Transform", "!And": "Fn::And",
    "!Equals": "Fn::Equals", "!If": "Fn::If", "!Not": "Fn::Not", "!Or": "Fn::Or",
    "!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length",
}
_Y = "tag:yaml.org,2002:"
_DEFAULT_STR = _Y + "str"


def _tag(node):
    """node.tag without its cost: ruamel builds the string through URI decoding on first
    use of every node (about half the time of reading a large YAML file). Tags the resolver
    assigns, and most explicit ones, carry the full tag as a plain suffix."""
    ctag = node.ctag
    if ctag is None:
        return None
    suffix = ctag.suffix
    if ctag.handle is None and isinstance(suffix, str) and "%" not in suffix:
        return suffix
    return node.tag


def _is_merge_key(knode) -> bool:
    tag = _tag(knode)
    return tag == _Y + "merge" or (knode.id == "scalar" and knode.value == "<<" and not knode.style
                                   and tag in (None, _DEFAULT_STR))


def _has_merge_key(pairs) -> bool:
    for knode, _ in pairs:
        # An untagged key carries the resolver's default tag object (the C composer's), so
        # only a "<<" or an explicitly tagged key needs the full test.
        if (knode.value == "<<" or knode.ctag is not _DEFAULT_SCALAR_TAG[0]) and _is_merge_key(knode):
            return True
    return False


# The C composer's default scalar tag object, set with the composer class; until then (and
# with the pure-Python fallback) an object no node carries, so no fast path applies.
_DEFAULT_SCALAR_TAG: list = [object()]


class _YamlBuilder:
    def __init__(self):
        self.count = 0
        self.duplicates = []
        self._merged: dict = {}  # id(mapping node) → its pairs, merges resolved (None: in progress)

    def _spend(self, n, node):
        """Count n nodes of expansion (aliases and merged keys share one budget): a bomb stops
        after at most MAX_YAML_NODES steps of work, whatever mix of `*a` and `<<:` it uses."""
        self.count += n
        if self.count > MAX_YAML_NODES:
            raise ParseError(f"invalid YAML: aliases and merge keys expand to more than {MAX_YAML_NODES:,} nodes",
                             _mark_region(node), budget=True)

    def build(self, node, path=(), depth=0):
        self.count += 1  # _spend(1, node), inlined: once per node on the hot path
        if self.count > MAX_YAML_NODES:
            self._spend(0, node)
        if depth > MAX_DEPTH:
            raise ParseError("invalid YAML: nesting is too deep", _mark_region(node), limit=True)
        tag = _tag(node)
        cfn = _CFN_TAGS.get(tag)
        if cfn:
            inner = self._plain(node, path, depth)
            if cfn == "Fn::GetAtt" and isinstance(inner, str):
                inner = inner.split(".", 1)
            return {cfn: inner}
        return self._plain(node, path, depth)

    def _plain(self, node, path, depth):
        kind = node.id
        if kind == "mapping":
            out = {}
            for knode, vnode in self._pairs(node):
                key = self._key(knode)
                if key in out:
                    self.duplicates.append((path + (key,), key))
                out[key] = self.build(vnode, path + (key,), depth + 1)
            return out
        if kind == "sequence":
            return [self.build(v, path + (i,), depth + 1) for i, v in enumerate(node.value)]
        return _scalar(node)

    def _pairs(self, node):
        """(key node, value node) of a mapping, `<<:` merges resolved. Worked out once per
        node: nested merges of merges re-expanded every source each time, nine times more
        work per level (a 577-byte file ran for minutes)."""
        if not _has_merge_key(node.value):  # nearly every mapping: its own pairs as they are
            return node.value
        key = id(node)  # nodes live as long as the document's root: ids stay unique
        if key in self._merged:
            pairs = self._merged[key]
            if pairs is None:
                raise ParseError("invalid YAML: a merge key merges a mapping into itself", _mark_region(node), limit=True)
            return pairs
        self._merged[key] = None
        merged, own = [], []
        for knode, vnode in node.value:
            if _is_merge_key(knode):
                sources = vnode.value if vnode.id == "sequence" else [vnode]
                for src in sources:
                    if src.id == "mapping":
                        src_pairs = self._pairs(src)
                        self._spend(len(src_pairs), src)
                        merged.extend(src_pairs)
            else:
                own.append((knode, vnode))
        pairs = own
        if merged:  # own keys override merged ones; merged duplicates are not the user's typo
            own_keys = {self._key(k) for k, _ in own}
            seen, uniq = set(), []
            for k, v in reversed(merged):
                key_text = self._key(k)
                if key_text not in own_keys and key_text not in seen:
                    seen.add(key_text)
                    uniq.append((k, v))
            pairs = list(reversed(uniq)) + own
        self._merged[key] = pairs
        return pairs

    @staticmethod
    def _key(knode):
        if knode.id == "scalar":
            v = _scalar(knode)
            return v if isinstance(v, str) else ("null" if v is None else json.dumps(v))
        return f"<{knode.id} key>"


# YAML 1.2 core schema, for plain (unquoted, untagged) scalars.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE_WORDS = frozenset(("true", "True", "TRUE"))
_FALSE_WORDS = frozenset(("false", "False", "FALSE"))
_INT_RE = re.compile(r"[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)\Z")
_FLOAT_RE = re.compile(r"[-+]?(?:(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|\.(?:inf|Inf|INF))\Z|\.(?:nan|NaN|NAN)\Z")
_NUMBER_START = frozenset("0123456789+-.")


def _plain_tag(text: str) -> str:
    if text in _NULL_WORDS:
        return _NULL_TAG
    if text in _TRUE_WORDS or text in _FALSE_WORDS:
        return _BOOL_TAG
    if text[:1] in _NUMBER_START:
        if _INT_RE.match(text):
            return _INT_TAG
        if _FLOAT_RE.match(text):
            return _FLOAT_TAG
    return _DEFAULT_STR


_NULL_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG = _Y + "null", _Y + "bool", _Y + "int", _Y + "float"


def _scalar(node):
    text = node.value
    # an untagged scalar (nearly every one) carries the composer's default tag object
    tag = _DEFAULT_STR if node.ctag is _DEFAULT_SCALAR_TAG[0] else _tag(node)
    if tag == _DEFAULT_STR:
        if node.style:  # quoted or a block scalar: a string
            return text
        tag = _plain_tag(text)  # plain ("" in C, None in Python): resolve it
        if tag == _DEFAULT_STR:  # (an explicit !!str on a plain number is read as the number)
            return text
    try:
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            return text in _TRUE_WORDS or text.lower() in ("true", "yes", "on", "y")
        if tag == _INT_TAG:
            t = text.replace("_", "")
            if t.startswith(("0o", "-0o", "+0o")):
                value = int(t.replace("0o", ""), 8)
            else:
                value = int(t, 0) if t.lower().startswith(("0x", "0b", "-0x", "+0x")) else int(t)
            # Hex, octal and binary escape Python's 4,300-digit limit when parsed, and then
            # crash every str() of the value (messages, JSON output): keep such a number as text.
            return text if value.bit_length() > 14_000 else value
        if tag == _FLOAT_TAG:
            t = text.replace("_", "").lower()
            if t in (".inf", "+.inf", "-.inf", ".nan"):
                return text  # kept as text: the AWS API has no such numbers
            number = float(t)
            # 1e400 overflows to inf, which the validator reads as null: keep the text instead.
            return text if number in (float("inf"), float("-inf")) else number
    except ValueError:
        return text
    return text


def _mark_region(node) -> Region:
    s, e = node.start_mark, node.end_mark
    if e.line == s.line and e.column <= s.column:
        return Region(s.line + 1, s.column + 1, s.line + 1, s.column + 2)
    return Region(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


class YamlLocator(Locator):
    def __init__(self, root, builder: _YamlBuilder, text: str | None = None):
        self.root = root
        self.builder = builder
        self.text = text

    def _members(self, node):
        # Built once per mapping: a linear search per finding was quadratic in a mapping
        # with 50,000 repeated keys.
        cache = self.__dict__.setdefault("_cache", {})
        members = cache.get(id(node))
        if members is None:
            members = {}
            for k, v in self.builder._pairs(node):
                members[_YamlBuilder._key(k)] = (k, v)  # last wins, as in the built value
            cache[id(node)] = members  # nodes live as long as self.root: ids stay unique
        return members

    def _find(self, tokens):
        node, key_node = self.root, None
        for tok in tokens:
            child = None
            if node.id == "mapping":
                child = self._members(node).get(str(tok))
            elif node.id == "sequence" and isinstance(tok, int) and 0 <= tok < len(node.value):
                child = (None, node.value[tok])
            if child is None:
                return False, node, key_node
            key_node, node = child
        return True, node, key_node

    def region(self, tokens):
        return fit(self.text, self._region(tokens))

    def _region(self, tokens):
        _, node, key_node = self._find(tokens)
        s = (key_node or node).start_mark
        e = node.end_mark
        if e.line > s.line and e.column == 0:
            # Block values end at the start of the next line: end at the previous line's end.
            prev = e.line - 1
            lines = _lines(self.text) if self.text is not None else None
            width = lines.length(prev + 1) if lines is not None and prev < len(lines.starts) else 0
            return Region(s.line + 1, s.column + 1, prev + 1, width + 1)
        if e.line == s.line and e.column <= s.column:
            return Region(s.line + 1, s.column + 1, s.line + 1, s.column + 2)
        return Region(s.line + 1, s.column + 1, e.line + 1, e.column + 1)

    def exists(self, tokens):
        return self._find(tokens)[0]

    def nodes(self, tokens):
        """(key node or None, value node) at `tokens`, or None when it does not exist."""
        found, node, key_node = self._find(tokens)
        if not found:
            return None
        return (key_node if tokens and not isinstance(tokens[-1], int) else None), node


def _yaml_error(exc, text) -> ParseError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    reason = f"{problem} ({context})" if context else problem
    at = getattr(mark, "index", None)
    if "tab" in str(problem).lower() or (at is not None and text[at:at + 1] == "\t"):
        reason += "; a tab: YAML indentation must use spaces"
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
        return ParseError(f"invalid YAML: {reason}", fit(text, Region(line, col, line, col + 1)))
    return ParseError(f"invalid YAML: {reason}", fit(text, Region(1, 1, 1, 2)))


# A line that opens this many levels (indentation, "- - -", "? ") or this many brackets in the
# file is the only way to nest deep enough to matter; other files skip the event pre-pass.
_DEEP_LINE = re.compile(r"^[ \t\-?]{150}", re.M)


def _may_nest_deeply(text: str) -> bool:
    return text.count("[") + text.count("{") > 150 or _DEEP_LINE.search(text) is not None


def _check_yaml_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: the C composer recurses once per
    level in C, so `[[[[…` or `- - - …` 100,000 levels deep crashes the interpreter with a
    segmentation fault that no except clause can catch. The event parser is an iterative
    state machine, and scanning its events costs a fraction of composing."""
    parser = _composer()(text)
    depth = 0
    while parser.check_event():
        event = parser.get_event()
        name = type(event).__name__
        if name in ("SequenceStartEvent", "MappingStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                m = event.start_mark
                raise ParseError(f"invalid YAML: nesting is too deep (more than {MAX_DEPTH} levels)",
                                 Region(m.line + 1, m.column + 1, m.line + 1, m.column + 2), limit=True)
        elif name in ("SequenceEndEvent", "MappingEndEvent"):
            depth -= 1


def parse_yaml(path: str, text: str) -> SourceFile:
    from ruamel.yaml.error import YAMLError

    docs = []
    try:
        if _may_nest_deeply(text):
            _check_yaml_depth(text)
        composer = _composer()(text)
        index = 0
        while composer.check_node():
            root = composer.get_node()
            if index >= MAX_YAML_DOCUMENTS:
                raise ParseError(f"the YAML stream has more than {MAX_YAML_DOCUMENTS:,} documents; "
                                 f"ecslint reads at most {MAX_YAML_DOCUMENTS:,} from one file", _mark_region(root),
                                 limit=True)
            builder = _YamlBuilder()
            value = builder.build(root)
            bad = _surrogate_error(text, value, "YAML")
            if bad is not None:
                raise bad
            docs.append(ParsedDocument(value, YamlLocator(root, builder, text), builder.duplicates, index))
            index += 1
    except ParseError as exc:
        exc.region = fit(text, exc.region)
        return SourceFile(path, text, "yaml", [], exc)
    except YAMLError as exc:
        return SourceFile(path, text, "yaml", [], _yaml_error(exc, text))
    except RecursionError:
        return SourceFile(path, text, "yaml", [], ParseError("invalid YAML: nesting is too deep", fit(text, Region(1, 1, 1, 2)), limit=True))
    return SourceFile(path, text, "yaml", docs)


def normalise_newlines(text: str) -> str:
    """CRLF and a lone CR → LF: the lines that findings' line numbers count."""
    if "\r" in text:
        # A lone CR ends a line for the YAML parser and for editors, but not for line_col:
        # findings in an old-Mac-style file all landed on "line 1". CRLF → LF keeps every
        # column; neither changes a value (JSON forbids a raw CR in a string, YAML folds it).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse(path: str, text: str, fmt: str) -> SourceFile:
    """fmt is "json", "yaml" or "auto" (stdin: JSON when the text starts like JSON)."""
    text = normalise_newlines(text)
    if fmt == "auto":
        fmt = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if fmt == "json":
        return parse_json(path, text)
    return parse_yaml(path, text)


def read_own_file(path: str, what: str, max_bytes: int = 0) -> bytes:
    """The bytes of a config, policy or baseline file, with the checks inputs get: a regular
    file (a committed link to /dev/zero or a FIFO must neither fill memory nor hang) of at
    most max_bytes. OSError or EcslintError otherwise."""
    import os
    import stat

    from ecslint.model import MAX_FILE_BYTES, EcslintError

    max_bytes = max_bytes or MAX_FILE_BYTES
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISCHR(st.st_mode) and st.st_rdev == os.stat(os.devnull).st_rdev:
                return b""  # `--config /dev/null`: the usual way to say "no config"
            raise EcslintError(f"cannot read {what}: not a regular file", path)
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise EcslintError(f"cannot read {what}: larger than the {max_bytes:,}-byte limit", path)
    return data


def load_yaml_file(path: str, what: str):
    """Read and parse one of ecslint's own YAML files (a config, a policy file): the parsed
    SourceFile, or an EcslintError naming the file and, where there is one, the position."""
    from ecslint.model import EcslintError

    try:
        text = decode(read_own_file(path, what))
    except OSError as exc:
        raise EcslintError(f"cannot read {what}: {exc.strerror}", path) from None
    except ParseError as exc:
        raise EcslintError(exc.message, path, exc.region) from None
    parsed = parse_yaml(path, text)
    if parsed.error:
        raise EcslintError(parsed.error.message, path, parsed.error.region)
    return parsed
