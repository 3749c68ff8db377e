"""Writing reports and baselines where a hostile checkout cannot redirect them.

A committed `report.sarif -> ../td.json` symlink, or `--output td.json` in a pre-commit file
list, must not overwrite a file: the text goes to a temporary file in the same directory and
is renamed over the path, which replaces a symlink rather than following it, and leaves the
old file whole if the disk fills. A path that is one of the inputs is refused. The
process's own streams (`-o /dev/stdout`) and a character device or FIFO named directly
(`-o /dev/null`) are written in place; no other link is ever followed.
"""

from __future__ import annotations

import os
import re
import stat

from ecslint.model import EcslintError


def _identity(path: str):
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def is_input(path: str, inputs) -> bool:
    """Whether `path` (or what a symlink there points at) is one of the input files: the
    same file (device and inode, so any spelling, link or hard link of it). Nothing there
    (or a dangling link) is no input, which were all read. One stat per input: a realpath
    each took 8 lstat calls, 1.5 s of a 20,000-file run writing its report with -o."""
    own = _identity(path)
    if own is None:
        return False
    return any(p != "-" and _identity(p) == own for p in inputs)


def write_report_atomically(path: str, text: str, inputs=(), what: str = "the report") -> None:
    """Write `text` to `path` (UTF-8) via a temporary file and a rename; an EcslintError
    (exit 2, one line) when it cannot, or when `path` is one of `inputs`."""
    from ecslint.escape import visible

    shown = visible(path)
    if is_input(path, inputs):
        raise EcslintError(f"{shown}: refusing to write {what} over a file being linted")
    # backslashreplace: a lone surrogate (a JSON "\\ud800" key in a baseline) is written as
    # the same JSON escape, not lost with the whole file
    data = text.encode("utf-8", "backslashreplace")
    try:
        st = os.lstat(path)  # never follows a link: a planted one is replaced, not written through
    except (OSError, ValueError):
        st = None
    if _names_a_stream(path) or (st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode))):
        _write_stream(path, data, shown, what)
        return
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise EcslintError(f"{shown}: cannot write {what}: it is a directory")
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise EcslintError(f"{shown}: cannot write {what}: not a regular file")
    umask = os.umask(0)
    os.umask(umask)
    replace_file(path, data, 0o666 & ~umask, f"{shown}: cannot write {what}")  # a report is an ordinary file


def temporary_beside(path: str) -> tuple[int, str]:
    """(fd, name) of a new file (mode 0600) in `path`'s folder, hidden and named after it:
    `.NAME.XXXXXXXX.tmp`, the name every temporary file ecslint writes beside a file has."""
    import tempfile

    return tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=f".{os.path.basename(path)}.",
                            suffix=".tmp")


def name_beside(path: str) -> str:
    """A fresh name of temporary_beside's form, for a link (which fails if the name is taken)."""
    return os.path.join(os.path.dirname(os.path.abspath(path)), f".{os.path.basename(path)}.{os.urandom(4).hex()}.tmp")


def replace_file(path: str, data: bytes, mode: int, failure: str) -> None:
    """Write `data` to a temporary file in `path`'s folder, flush it to disk, and rename it
    over `path`: a reader never sees half a file, a failed write leaves the old one, and a
    symlink at `path` is replaced itself, never written through. `failure` starts the error
    message. (--fix writes its files through ecslint.fix_writes, without the fsync.)"""
    tmp = None
    try:
        fd, tmp = temporary_beside(path)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)  # mkstemp makes 0600
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise EcslintError(f"{failure}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# The process's own streams (`-o /dev/stdout`, `-o >(gzip > r.gz)`): links, but ones into
# this process's file descriptors, which a checkout cannot plant anything behind.
_STREAM = re.compile(r"/dev/(?:stdout|stderr|fd/[0-9]+)|/proc/(?:self|thread-self|[0-9]+)/fd/[0-9]+")


def _names_a_stream(path: str) -> bool:
    p = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links in a path
        if _STREAM.fullmatch(p):
            return True
        try:
            target = os.readlink(p)
        except (OSError, ValueError):
            return False
        p = os.path.normpath(os.path.join(os.path.dirname(p), target))
    return False


def _write_stream(path, data, shown, what):
    try:
        # Non-blocking open: a FIFO nobody reads fails at once (ENXIO) instead of hanging;
        # append: whatever the stream already holds stays.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise EcslintError(f"{shown}: cannot write {what}: {exc.strerror or exc}") from None
