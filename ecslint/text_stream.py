"""Text findings printed as each file's result arrives, when the text report goes to a
terminal; then, at the end of the run, the rest of the report.

A file's findings are printed early only when they are final once the file is linted:
- the file holds no service and no Auto Scaling input, so the cross-document stage cannot
  add findings to it (engine.cross_document places its findings in those files only);
- every finding of its result lies in the file itself (a Terraform file can place findings
  in a file it embeds, whose directives are that file's);
- its suppressions are marked as at the end (suppress.mark: they depend on the finding, its
  file's directives and the config only). ECS003/ECS004, which need the whole run, come at the end.
The CLI does not stream with a baseline (matching it is one pass over every finding),
--statistics, --fix or stdin.

Files arrive in input order, so what is printed early is deterministic; at the end
rest() prints every finding of the full report that was not printed yet, in the report's
order, then the summary line: the lines are those of the report printed at once, each once.
"""

from __future__ import annotations

from collections import Counter

from ecslint.formatters import shown
from ecslint.formatters.text_format import blocks
from ecslint.model import Finding
from ecslint.report import Report


class TextStream:
    def __init__(self, cfg, registry, *, colour: bool, show_suppressed: bool, show_source: bool, rules: dict):
        self.cfg = cfg
        self.registry = registry
        self.colour, self.show_suppressed, self.show_source, self.rules = colour, show_suppressed, show_source, rules
        self.printed: Counter = Counter()  # digests of the finding texts printed early

    def early(self, result) -> str:
        """The text of a file's findings when they are final now, else "" (they wait for the end)."""
        if isinstance(result, str) or result.services or result.scaling:  # a read error; or pairs may add to it
            return ""
        if any(f.path != result.path for f in result.findings):
            return ""
        from ecslint import suppress

        findings = sorted(suppress.mark(result.findings, self.cfg, self.registry, result), key=Finding.sort_key)
        sources = {result.path: result.frame_lines} if result.frame_lines is not None else {}
        report = Report(findings=findings, sources=sources, colour=self.colour, show_suppressed=self.show_suppressed,
                        show_source=self.show_source, rules=self.rules)
        texts = blocks(shown(report))
        self.printed.update(map(_digest, texts))
        return "".join(texts)

    def rest(self, report) -> str:
        """The text report less the findings printed early."""
        report = shown(report)
        left = self.printed.copy()
        out = []
        for text in blocks(report):
            key = _digest(text)
            if left[key]:
                left[key] -= 1
            else:
                out.append(text)
        return "".join(out) + report.summary_line() + "\n"


def _digest(text: str) -> bytes:
    """A finding's text, kept small: a run's worth of texts would double what the report holds."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
