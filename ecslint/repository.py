"""Where the repository around a path begins: the bounds for config `extends`, Terraform
file() reads and .gitignore files."""

from __future__ import annotations

import os


def git_root(directory: str) -> str | None:
    """The nearest directory at or above `directory` that holds .git, or None outside any
    repository. The path is walked as given: callers choose abspath or realpath."""
    d = directory
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
