"""Names ECS restricts to up to 255 letters, digits, "_" and "-": family, container and
volume names (RULES.md §3.2; "Family contains invalid characters.")."""

from __future__ import annotations

import re

from .placeholders import is_unknown

NAME_MAX = 255
_BAD_CHAR_RE = re.compile(r"[^A-Za-z0-9_-]")


def name_problem(value: object) -> str | None:
    """Why a name is rejected, or None (valid, unknown, or not a string: types are the schema's job)."""
    if not isinstance(value, str) or is_unknown(value):
        return None
    if not value:
        return "is empty"
    if len(value) > NAME_MAX:
        return f"is {len(value)} characters long; the limit is {NAME_MAX}"
    bad = _BAD_CHAR_RE.search(value)
    if bad:
        return f'contains "{bad.group()}"; only letters, digits, "_" and "-" are allowed'
    return None


def shortened(name: str) -> str:
    """A name cut to 40 characters for a message."""
    return name if len(name) <= 40 else name[:37] + "..."
