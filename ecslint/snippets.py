"""SARIF `region.snippet`: the source text of a finding's region, kept only where it can
neither leak a credential nor misquote the file (Settings.snippets; only SARIF asks).

A snippet is taken at lint time, from the text the engine placed the finding in, so no
stage reads a file again. It is kept only where the region is the one scalar the rule
judged (with its key): an object or array (a container, a whole document: where rules
report what is missing) or a string that encodes the value (a Terraform plan's
container_definitions) holds other values, unjudged, any of which may be a credential that
no pattern recognises. What is kept is redacted as messages are, and more: the document's
plaintext `environment` credentials too.
"""

from __future__ import annotations

import re

from ecslint.model import TASK_DEFINITION

MAX_SNIPPET = 4096  # characters: a longer value gets no snippet
_MISSING = object()
_PLAIN = re.compile(r"[!#-&(-\[\]-~]+")  # printable ASCII but space, quotes and backslash: written as is


def _node(value, tokens):
    """The value at pointer tokens, or _MISSING."""
    for tok in tokens:
        found = tok in value if isinstance(value, dict) else (
            isinstance(value, list) and isinstance(tok, int) and 0 <= tok < len(value))
        if not found:
            return _MISSING
        value = value[tok]
    return value


def source_for(text: str, parsed, src: tuple, doc, api_pointer: tuple) -> str | None:
    """`text` when the finding at source pointer `src` (in `parsed`) may show its region: the
    node there is a scalar, the same value as the document has at the problem's API pointer."""
    value = _node(parsed.value, src)
    if not (value is None or isinstance(value, (str, int, float, bool))):
        return None
    same = _node(doc.data, api_pointer)
    return text if type(same) is type(value) and same == value else None


def extra(text: str, region) -> dict:
    """A finding's `extra` holding the snippet of `region` in `text` (none when empty or long)."""
    from ecslint.source import region_text

    snippet = region_text(text, region)
    return {"snippet": snippet} if 0 < len(snippet) <= MAX_SNIPPET else {}


_redaction: list = [None, None]  # (document, how to redact its snippets): findings arrive document by document


def redact(doc, snippet: str) -> str | None:
    """The snippet without the document's credentials (environment values that look like
    one), its sensitive texts (Terraform) and anything secret-looking; None when that cannot
    be made sure of: a credential too short to blank safely is in it, or the document has one
    that the file may spell differently (escaped, quoted across lines), so no search finds it."""
    from ecslint.ecs.secrets import credential_values, redact_secrets
    from ecslint.redact import HEAD, Redactor

    if _redaction[0] is not doc:
        texts = set(doc.redact) | (credential_values(doc.data) if doc.kind == TASK_DEFINITION else set())
        sure = all(_PLAIN.fullmatch(t) for t in texts)
        _redaction[:] = [doc, (sure, Redactor(texts), [t for t in texts if len(t) < HEAD])]
    sure, redactor, short = _redaction[1]
    if not sure or any(t in snippet for t in short):
        return None
    return redact_secrets(redactor(snippet))
