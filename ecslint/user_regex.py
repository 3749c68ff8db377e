"""Regular expressions written by users (policy params, rule options), run in bounded time.

A committed policy file is as hostile as a committed task definition: `(a+)+$` against a
long image name backtracks for ever in Python's `re`. These patterns run on RE2
(google-re2), whose matching is linear in the text; RE2 has no backreferences or lookaround,
so such a pattern is a clear config error, not a slow run. Where google-re2 is not
installed, Python's `re` runs them on values of at most MAX_SUBJECT characters, and a longer
value is an error naming the pattern.
"""

from __future__ import annotations

import re
from functools import cache

from ecslint.model import EcslintError

MAX_SUBJECT = 10_000  # without RE2 only: the longest value a user pattern is run on
RE2_MAX_MEM = 64 << 20  # RE2's compiled-program budget; a pattern over it fails to compile


class UserRegexError(ValueError):
    """The pattern cannot be run in bounded time (or is not a regex at all)."""


def _re2():
    try:
        import re2  # type: ignore[import-untyped]
    except ImportError:
        return None
    return re2


@cache
def compile_user(pattern: str):
    """An object with search/match/fullmatch; UserRegexError when the pattern is unusable."""
    try:
        rx = re.compile(pattern)  # Python's syntax is the documented one, and its errors read well
    except re.error as exc:
        raise UserRegexError(str(exc)) from None
    re2 = _re2()
    if re2 is None:
        return _Bounded(pattern, rx)
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own line on stderr
    options.max_mem = RE2_MAX_MEM
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise UserRegexError(f"{reason} (ecslint runs policy and option regexes on RE2, in linear time: "
                             f"no backreferences or lookaround)") from None


class _Bounded:
    """Python's re, on values no longer than MAX_SUBJECT."""

    def __init__(self, pattern, rx):
        self.pattern, self._rx = pattern, rx

    def _check(self, value):
        if isinstance(value, str) and len(value) > MAX_SUBJECT:
            raise EcslintError(f'regular expression "{self.pattern}" was not run on a value of {len(value):,} '
                               f"characters: without google-re2 installed, user regexes run only on values "
                               f"of up to {MAX_SUBJECT:,}")
        return value

    def search(self, value):
        return self._rx.search(self._check(value))

    def match(self, value):
        return self._rx.match(self._check(value))

    def fullmatch(self, value):
        return self._rx.fullmatch(self._check(value))
