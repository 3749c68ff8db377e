"""Files that are JSON only after a template engine renders them.

Two services for the engine:
* `substitute(text, variables)`: `--var NAME=VALUE` replaces `${NAME}`, `{{ .NAME }}`,
  `{{ must_env `NAME` }}` and `{{ env `NAME` ... }}` / `{{ env "NAME" ... }}` before parsing
  (positions in findings are then those of the substituted text).
  The value goes in verbatim, so `--var cpu=256` makes an unquoted `{{ .cpu }}` the number 256
  and a quoted one the string "256". Placeholders naming other variables stay as they are.
* `unrendered(text)`: when the text is not valid JSON, say whether template placeholders are
  the reason (a placeholder used as a bare value, `"cpu": {{ .cpu }}`, or one with quotes
  inside a string). Placeholders are blanked out in place (same length, so positions do not
  move) and the result parsed again; if it parses, the file is a template, not broken JSON.
  `unrendered_yaml` does the same for YAML, by looking for a placeholder near the error.
"""

from __future__ import annotations

import json
import re

from ecslint.ecs.placeholders import ANY_PLACEHOLDER

# Only for telling a template from broken JSON (never for judging values): Terraform
# directives `%{ if ... }`, and a bare shell `$NAME` where a JSON value should be (outside a
# string a `$` is never JSON; inside strings `$VAR` is ordinary shell text, so it is ignored).
_DIRECTIVE = re.compile(r"%\{[^{}]*\}")
_BARE_VAR = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*")
_SCAN = re.compile("|".join(f"(?:{p.pattern})" for p in (ANY_PLACEHOLDER, _DIRECTIVE, _BARE_VAR)), re.DOTALL)
# Go template actions that are control flow, not values: they render to nothing.
_ACTION = re.compile(r"\{\{-?\s*(if|else|end|range|with|define|template|block)\b")

# The variable a placeholder names, for the message (`--var NAME=...`).
_NAMES = (
    re.compile(r"\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\Z"),
    re.compile(r"\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}\Z"),
    re.compile(r"\{\{-?\s*(?:must_env|env)\s+[`\"]([^`\"]+)[`\"][^}]*-?\}\}\Z"),
    re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\Z"),
)


def variable_name(placeholder: str) -> str | None:
    for pat in _NAMES:
        m = pat.match(placeholder)
        if m:
            return m.group(1)
    return None


def substitute(text: str, variables: dict) -> str:
    if not variables:
        return text

    def repl(m):
        name = variable_name(m.group(0))
        return variables[name] if name is not None and name in variables else m.group(0)

    text = ANY_PLACEHOLDER.sub(repl, text)
    # A bare $NAME only when the user named it: elsewhere "$HOME" in a command is shell text.
    return _BARE_VAR.sub(lambda m: variables.get(m.group(0)[1:], m.group(0)), text)


def _matches(text: str):
    """(start, end, inside_a_string) for each placeholder, scanning JSON string state and
    stepping over each placeholder whole (it may contain quotes of its own)."""
    spans = [(m.start(), m.end()) for m in _SCAN.finditer(text)]
    out, in_str, i, k = [], False, 0, 0
    n = len(text)
    while i < n:
        if k < len(spans) and spans[k][0] == i:
            out.append((spans[k][0], spans[k][1], in_str))
            i = spans[k][1]
            k += 1
            continue
        while k < len(spans) and spans[k][0] < i:
            k += 1
        ch = text[i]
        if in_str and ch == "\\":
            i += 2
            continue
        if ch == '"':
            in_str = not in_str
        i += 1
    return out


def unrendered(text: str):
    """(start offset, placeholder) of the first placeholder that keeps `text` from being JSON,
    or None when placeholders are not the reason it fails to parse."""
    found = _matches(text)
    if not found:
        return None
    chars = list(text)
    culprit = None
    for start, end, in_str in found:
        piece = text[start:end]
        if in_str and _BARE_VAR.fullmatch(piece):
            continue  # "$HOME/bin" in a command is text, not a placeholder
        if not in_str and (_DIRECTIVE.fullmatch(piece) or _ACTION.match(piece)):
            chars[start:end] = " " * (end - start)  # control flow renders to nothing
            culprit = culprit or (start, piece)
        elif in_str:
            if '"' in piece or "\n" in piece:
                chars[start:end] = "x" * (end - start)  # quotes inside break the string
                culprit = culprit or (start, piece)
        else:
            chars[start:end] = "0" + " " * (end - start - 1)  # a bare value
            culprit = culprit or (start, piece)
    if culprit is None:
        return None
    try:
        json.loads("".join(chars))
    except (ValueError, RecursionError):
        return None  # still broken: a real syntax error, reported as such
    return culprit


def unrendered_yaml(text: str, error_line: int):
    """(start offset, placeholder) of a placeholder on or just before the line where YAML
    parsing failed (Go template actions such as `{{- if .X }}` break YAML structure), else None."""
    lines = text.splitlines(keepends=True)
    lo = sum(len(x) for x in lines[:max(error_line - 3, 0)])
    hi = sum(len(x) for x in lines[:error_line])
    for m in ANY_PLACEHOLDER.finditer(text, lo, hi):
        return m.start(), m.group(0)
    return None


def message(placeholder: str, fmt: str = "json") -> str:
    shown = placeholder if len(placeholder) <= 60 else placeholder[:57] + "..."
    name = variable_name(placeholder)
    hint = f"pass --var {name}=VALUE" if name else "pass --var NAME=VALUE for its variable"
    return (f"the file is a template: {shown} is not {fmt.upper()} until it is rendered; "
            f"lint the rendered file or {hint}")
