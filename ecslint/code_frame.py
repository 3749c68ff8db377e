"""`--show-source`: the line(s) a finding covers, with carets under its columns.

The lines are the text the engine linted, kept by it (Settings.frames) with every
document's credentials blanked as SARIF snippets are; a file changed by --var, one whose
credential cannot be blanked surely, and Terraform source and jsonnet get no frame. Every
piece of repository text goes through ecslint.escape.visible, and the carets are placed by
the width of what is shown, so an escaped control character, a tab or a wide character does
not shift them.
"""

from __future__ import annotations

import unicodedata

from ecslint.escape import visible

MAX_LINES = 3  # of a region that spans more: its first lines, then "..."
WINDOW = 120  # characters shown of a long line (a minified file is one line)
BEFORE = 40  # of them, before the finding's column
CUT = "..."


def _shown(text: str) -> str:
    return visible(text.replace("\t", "    "))


def _width(text: str) -> int:
    """Terminal cells: East Asian wide characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _line(text: str, start: int, end: int) -> tuple[str, int, int]:
    """(shown text, caret offset, caret count) for the characters [start, end) of one line."""
    lo = 0
    if len(text) > WINDOW:
        lo = max(0, min(start - BEFORE, len(text) - WINDOW))
    hi = lo + WINDOW
    head = CUT if lo > 0 else ""
    tail = CUT if hi < len(text) else ""
    start, end = max(start, lo), min(max(end, start), hi)
    before = head + _shown(text[lo:start])
    span = _shown(text[start:end])
    # Escaped piece by piece (for the caret offsets), so a "##[" split across the pieces is
    # escaped again as a whole, as visible() would (a GitHub log command; a line here never
    # starts with "::", the gutter comes first).
    shown = (before + span + _shown(text[end:hi]) + tail).replace("##[", "##\\[")
    # Carets end with the line: a credential blanked as "(sensitive)" may be shorter than it.
    return shown, _width(before), max(1, min(_width(span), _width(shown) - _width(before)))


def frame(lines: list[str], region) -> list[str]:
    """The frame's lines (gutter, source, carets), or [] when the region is not in `lines`."""
    first, last = region.line, max(region.line, region.end_line)
    if not 1 <= first <= len(lines):
        return []
    last = min(last, len(lines))
    shown = range(first, min(last, first + MAX_LINES - 1) + 1)
    gutter = len(str(shown[-1]))
    pad = " " * gutter
    out = [f"{pad} |"]
    for n in shown:
        text = lines[n - 1]
        start = region.column - 1 if n == first else len(text) - len(text.lstrip())
        end = region.end_column - 1 if n == last else len(text)
        if n == last and n != first and end <= start:  # a region ending at column 1 of its last line
            end = start
        source, offset, count = _line(text, start, end)
        out.append(f"{n:>{gutter}} | {source}".rstrip())
        out.append(f"{pad} | {' ' * offset}{'^' * count}")
    if last > shown[-1]:
        out.append(f"{pad} | ...")
    return out
