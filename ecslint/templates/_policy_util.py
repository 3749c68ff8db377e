"""Helpers shared by the policy templates: labels, regex lists, tag lists."""

from __future__ import annotations

import re
from functools import cache

REGEX_LIST = {"type": "array", "items": {"type": "string", "format": "regex"}}


@cache
def compiled(pattern: str):
    return re.compile(pattern)


def matches_any(value: str, patterns) -> str | None:
    """The first pattern that matches anywhere in value (re.search), or None."""
    return next((p for p in patterns or () if compiled(p).search(value)), None)


