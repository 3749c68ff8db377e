"""Config path globs (`exclude`, `ignore: paths`): one matcher, relative to the config file."""

from __future__ import annotations

import fnmatch
import os


def relative(path: str, base: str) -> str:
    """`path` relative to the directory `base`, with forward slashes."""
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def matches(path: str, base: str, patterns) -> bool:
    """Whether `path` matches one of the globs, or lies under a directory that one names."""
    rel = relative(path, base)
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*") for p in patterns)


def excluder(cfg):
    """The config's `exclude:` globs as a predicate over paths (relative to the config
    file's directory), or None when it excludes nothing."""
    if not getattr(cfg, "exclude", None):
        return None
    base = os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else os.getcwd()
    patterns = list(cfg.exclude)
    return lambda path: matches(path, base, patterns)
