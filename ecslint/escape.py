"""The one escaping function for text that came from a repository on its way to any output.

File names, document strings (names, images, keys in pointers), config values, suppression
reasons and read errors are attacker-controlled in CI. On a terminal an ANSI escape moves
the cursor or rewrites earlier lines, a CR overwrites the line it is on; in a GitHub Actions
log a line starting with `::` is a workflow command (`::add-mask::`, `::stop-commands::`)
and `##[` anywhere in a line is the legacy form. Such characters are shown as escapes
(`\\n`, `\\x1b`, `\\u202e`), so the text stays readable and can neither forge a line nor
a command, and every output can encode it (a lone surrogate from a JSON `\\ud800` escape
or a non-UTF-8 file name cannot be written as UTF-8; U+FFFE cannot be XML).
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; line and paragraph separators; bidirectional overrides and
# isolates (they reorder what a reader sees); surrogates; the two XML non-characters.
_UNSAFE_CHARS = (
    "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff"
)
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]|##\\[|^[ \\t]*::")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _replace(m: re.Match) -> str:
    s = m.group(0)
    if s == "##[":
        return "##\\["  # the runner matches the three characters exactly
    if s.endswith("::"):
        return s[:-2] + "\\::"  # no longer at the start of the line
    if s in _NAMED:
        return _NAMED[s]
    code = ord(s)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape): the byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: object) -> str:
    """`text` as a string safe for a terminal, a CI log and any report encoding."""
    if not isinstance(text, str):
        text = str(text)
    if _UNSAFE.search(text) is None:  # nearly always: one linear scan, no copy
        return text
    return _UNSAFE.sub(_replace, text)
