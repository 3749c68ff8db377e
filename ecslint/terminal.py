"""What `ecslint check` shows on a terminal while it runs: the progress line on stderr
(ecslint.progress) and the text findings streamed to stdout (ecslint.text_stream). The
listener runner.run tells about each file as it arrives."""

from __future__ import annotations


class RunWatch:
    """runner.run's listener. `progress_to`: stderr when the progress line is shown, else
    None; `stream` and `write`: the TextStream and the stdout writer when text streams."""

    def __init__(self, progress_to=None, stream=None, write=None):
        self.progress_to = progress_to
        self.progress = None
        self.stream = stream
        self.write = write

    def started(self, total: int) -> None:
        if self.progress_to is not None:
            from ecslint.progress import Progress

            self.progress = Progress(self.progress_to, total)

    def arrived(self, outcome) -> None:
        if self.stream is not None:
            text = self.stream.early(outcome)
            if text:
                if self.progress is not None:
                    self.progress.clear()  # the findings go where the progress line was
                self.write(text)
        if self.progress is not None:
            self.progress.advance()

    def pairing(self) -> None:
        if self.progress is not None:
            self.progress.stage("checking pairs...")

    def close(self) -> None:
        """Erase the progress line: before the report, a note, or "interrupted"."""
        if self.progress is not None:
            self.progress.clear()
