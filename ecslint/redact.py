"""Blanking sensitive texts out of finding messages, in time linear in the message.

Terraform marks values sensitive; a rule does not know it and may quote such a value, whole
or shortened to its first characters and "..." (every message that cuts a value does it that
way). So redaction looks for each sensitive text and for any cut prefix of one that ends in
"...": replacing only the whole string printed the first 77 characters of a sensitive image.
Looking up every sensitive text in every message was quadratic (10,000 containers in a
sensitive `container_definitions`: 66 s); here a message is scanned once, with a set of
4-character heads, a set of lengths and a sorted list for the cut prefixes.
"""

from __future__ import annotations

import bisect

SHOWN = "(sensitive)"
CUT = "..."  # how messages mark a shortened value
HEAD = 4  # sensitive texts are at least this long (shorter ones would blank ordinary words)


class Redactor:
    def __init__(self, texts):
        self.texts = frozenset(t for t in texts if isinstance(t, str) and len(t) >= HEAD)
        self.sorted = sorted(self.texts)
        self.heads = frozenset(t[:HEAD] for t in self.texts)
        self.lengths = sorted({len(t) for t in self.texts}, reverse=True)  # longest wins

    def __bool__(self) -> bool:
        return bool(self.texts)

    def __iter__(self):  # the texts, for a front end that adds its own (terraform_hcl)
        return iter(self.texts)

    def __call__(self, message: str) -> str:
        heads, n = self.heads, len(message)
        out, last, i = [], 0, 0
        while i <= n - HEAD:
            if message[i:i + HEAD] in heads:
                end = self._end(message, i)
                if end:
                    out.append(message[last:i])
                    out.append(SHOWN)
                    i = last = end
                    continue
            i += 1
        if not out:
            return message
        out.append(message[last:])
        return "".join(out)

    def _end(self, message: str, i: int) -> int:
        """End of the sensitive text (or of its cut prefix and "...") starting at i, or 0."""
        texts, n = self.texts, len(message)
        for length in self.lengths:
            if i + length <= n and message[i:i + length] in texts:
                return i + length
        cut = message.find(CUT, i + HEAD)
        if cut != -1:
            prefix = message[i:cut]
            k = bisect.bisect_left(self.sorted, prefix)
            if k < len(self.sorted) and self.sorted[k].startswith(prefix):
                return cut + len(CUT)
        return 0
