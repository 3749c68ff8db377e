"""What the pair stage keeps of a large run's files, held on disk instead of in memory.

The pair stage runs after every file is linted, so each task definition (any service may
name its family) and each service file's text (its pair findings are placed in it) must be
kept until then: ~2.2 KB and ~2.4 KB a file, most of a 100,000-file run's memory. The parent
appends these blobs to one unnamed temporary file (deleted by the system when it is closed,
even on a crash) and keeps (offset, size); the pair stage reads back only the pairs it checks.
A run that cannot write the file (no temporary directory, a full disk) keeps its blobs in
memory: slower to grow, never wrong.
"""

from __future__ import annotations

import os
import pickle


class Spill:
    """An append-only temporary file of blobs."""

    def __init__(self, file) -> None:
        self._file = file
        self._end = 0
        self._written = 0  # bytes flushed to the file, readable by offset
        self.failed = False

    def put(self, blob: bytes) -> Spilled | bytes:
        """A reference to `blob` written to the file, or the blob itself once writing failed."""
        if self.failed:
            return blob
        try:
            self._file.write(blob)
        except OSError:
            self.failed = True
            return blob
        ref = Spilled(self, self._end, len(blob))
        self._end += len(blob)
        return ref

    def read(self, offset: int, size: int) -> bytes:
        """The blob at `offset`. A write the buffer held back fails here, not in put (a disk
        that filled up during the run): an EcslintError (exit 2), since those blobs are lost."""
        try:
            if self._written < offset + size:
                self._file.flush()
                self._written = self._end
            if hasattr(os, "pread"):
                return os.pread(self._file.fileno(), size, offset)
            self._file.seek(offset)
            data = self._file.read(size)
            self._file.seek(0, os.SEEK_END)
            return data
        except OSError as exc:
            from ecslint.model import EcslintError

            raise EcslintError("cannot read back what the cross-document checks keep in a temporary file: "
                               f"{exc.strerror or exc} (TMPDIR names where it is made)") from None


class Spilled:
    """A blob kept in a Spill, by its offset and size (one int: a large run holds many). It
    pickles as the bytes it stands for (a result sent to a worker carries its data)."""

    __slots__ = ("spill", "at")

    def __init__(self, spill: Spill, offset: int, size: int) -> None:
        self.spill, self.at = spill, offset << 32 | size

    def read(self) -> bytes:
        return self.spill.read(self.at >> 32, self.at & 0xFFFFFFFF)

    def __reduce__(self):
        return bytes, (self.read(),)


def open_spill() -> Spill | None:
    """A new Spill, or None when no temporary file can be made (the blobs then stay in memory)."""
    import tempfile

    try:
        # a 1 MB buffer: the default 8 KB made a write call every three or four blobs (15 µs
        # a blob on a VM's disk, half of compacting a result)
        return Spill(tempfile.TemporaryFile(prefix="ecslint-pairs-", buffering=1 << 20))
    except OSError:
        return None


def load(blob):
    """The value pickled in `blob` (bytes, or a Spilled)."""
    return pickle.loads(blob.read() if isinstance(blob, Spilled) else blob)


def text_of(value) -> str | None:
    """A kept text: as it is, or read back from its Spill (kept as UTF-8; bytes once a
    reference was pickled)."""
    if isinstance(value, Spilled):
        value = value.read()
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value
