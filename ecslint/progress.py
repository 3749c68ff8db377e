"""A long run's progress on a terminal: one line on stderr, files done / total and the rate,
redrawn in place and erased when the run ends, so nothing of it stays on the screen or
reaches a report. It is drawn only when a file's result arrives (no thread, no timer: a
clock read per result) and only once the run has lasted AFTER seconds, so a short run
never shows it. The CLI decides whether to show it at all (stderr is a terminal, no --quiet)."""

from __future__ import annotations

import os
import time

AFTER = 2.0  # seconds of running before the first line
# A testing knob, not a user option: the tests set it to 0 to see the line on a tiny run.
AFTER_ENV = "ECSLINT_TEST_PROGRESS_AFTER"
EVERY = 0.1  # seconds between redraws (the last file is always drawn)
ERASE = "\r\x1b[K"  # to the start of the line, and clear it


def after() -> float:
    try:
        return float(os.environ.get(AFTER_ENV, AFTER))
    except ValueError:
        return AFTER


class Progress:
    """files done / total on `stream` (a terminal): advance() per file, stage() for what
    follows the files, clear() before anything else is written to the terminal."""

    def __init__(self, stream, total: int, wait: float | None = None):
        self.stream = stream
        self.total = total
        self.wait = after() if wait is None else wait
        self.start = time.monotonic()
        self.done = 0
        self.drawn_at = 0.0
        self.line = ""  # what is on the terminal now ("" when nothing is)
        self.broken = False  # stderr failed once: stop drawing, the run goes on

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.start < self.wait:
            return
        if not self.line or self.done == self.total or now - self.drawn_at >= EVERY:
            self._draw(now)

    def stage(self, what: str) -> None:
        """Say what the run does after the files (only when the line is shown), keeping the
        files' rate."""
        if self.line:
            self.line += f"; {what}"
            self._write(ERASE + self._fitted(self.line))

    def clear(self) -> None:
        if self.line:
            self._write(ERASE)
            self.line = ""

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        rate = f"{self.done / elapsed:,.0f}" if elapsed > 0 else "-"
        self.line = f"ecslint: {self.done:,}/{self.total:,} files, {rate} files/s"
        self.drawn_at = now
        self._write(ERASE + self._fitted(self.line))

    def _fitted(self, line: str) -> str:
        """The line cut to the terminal's width: a line that wrapped would leave its first
        part on the screen when redrawn."""
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return line
        return line[:width - 1] if width > 1 else line

    def _write(self, text: str) -> None:
        if self.broken:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or gone terminal: progress is not worth an error
            self.broken = True
