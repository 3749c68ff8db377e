"""Helpers shared by the policy templates: labels, regex lists, tag lists."""

from __future__ import annotations

REGEX_LIST = {"type": "array", "items": {"type": "string", "format": "regex"}}


def compiled(pattern: str):
    """A user's pattern, run in bounded time (ecslint.user_regex; cached there)."""
    from ecslint.user_regex import compile_user

    return compile_user(pattern)


def matches_any(value: str, patterns) -> str | None:
    """The first pattern that matches anywhere in value (re.search), or None."""
    return next((p for p in patterns or () if compiled(p).search(value)), None)


