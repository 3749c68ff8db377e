"""What `.gitignore` excludes under a walked directory, matched by the `pathspec` library
(git's own rules, never a hand-written matcher).

Not `git ls-files`: ecslint starts no process (the safety tests enforce it), and a
repository's git configuration (core.fsmonitor) could make git run its code. Read: the
repository's `.git/info/exclude`, every `.gitignore` from the repository root down to the
walked directory, and those met during the walk. The deepest file that has an opinion on a
path decides (as in git); a directory that is ignored is not entered. What pathspec cannot
know: tracked files that a pattern matches (git still lints them; here they are skipped) and
the user's global excludes file.
"""

from __future__ import annotations

import os


def _spec(path: str):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repository_root(directory: str) -> str | None:
    from ecslint.repository import git_root

    return git_root(os.path.abspath(directory))


class Ignored:
    """Ignore rules in force for one walk; `enter(dirpath)` adds that directory's .gitignore."""

    def __init__(self, directory: str):
        self.top = os.path.abspath(directory)
        self.specs: list = []  # (absolute base directory, spec), shallowest first
        root = _repository_root(directory)
        if root is not None:
            exclude = _spec(os.path.join(root, ".git", "info", "exclude"))
            if exclude is not None:
                self.specs.append((root, exclude))
            d = root
            parts = os.path.relpath(self.top, root).split(os.sep)
            for part in [""] + ([] if parts == ["."] else parts):
                d = os.path.join(d, part) if part else d
                if d != self.top:  # the walk reads the top directory's own file
                    self._add(d)
            if self._ignored(self.top, True):
                self.specs = []  # the user named an ignored directory: lint it, by its own files only

    def _add(self, dirpath: str) -> None:
        name = os.path.join(dirpath, ".gitignore")
        if os.path.isfile(name):
            spec = _spec(name)
            if spec is not None:
                self.specs.append((os.path.abspath(dirpath), spec))

    def enter(self, dirpath: str, filenames) -> None:
        if ".gitignore" in filenames:
            self._add(dirpath)

    def _ignored(self, full: str, is_dir: bool) -> bool:
        full = os.path.abspath(full)
        for base, spec in reversed(self.specs):  # deepest first: it decides
            if not (full + os.sep).startswith(base + os.sep) or full == base:
                continue
            rel = os.path.relpath(full, base).replace(os.sep, "/") + ("/" if is_dir else "")
            verdict = spec.check_file(rel).include
            if verdict is not None:
                return verdict
        return False

    def dir(self, full: str) -> bool:
        # The walked directory itself is never ignored: the user named it.
        return os.path.abspath(full) != self.top and self._ignored(full, True)

    def file(self, full: str) -> bool:
        return self._ignored(full, False)
