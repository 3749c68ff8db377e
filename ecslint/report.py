"""What a run produced, as the formatters and the Python API receive it, and the stable
identity of a finding (baselines, SARIF, GitLab). Importable without the engine or the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from ecslint import __version__
from ecslint.model import Severity

DEFAULT_FAIL_ON = "warning"  # errors and warnings fail a CI gate; info never does


@dataclass
class Report:
    """What formatters receive: sorted findings and run facts."""

    findings: list
    files: int = 0
    documents: int = 0
    skipped: list = field(default_factory=list)  # (path, reason)
    errors: list = field(default_factory=list)  # messages of files that could not be read
    colour: bool = False
    show_suppressed: bool = False
    statistics: bool = False  # text: one row per rule instead of the findings
    show_source: bool = False  # text: a code frame and the docs URL under each finding
    sources: dict = field(default_factory=dict)  # display path → lines, for --show-source
    version: str = __version__
    rules: dict = field(default_factory=dict)  # enabled rule id → (Rule, Severity, params)
    root: str = "."  # what report paths are relative to: the repository root, else the working directory
    paths: list = field(default_factory=list)  # display paths of the files linted
    baseline_stale: int | None = None  # baseline entries that matched nothing (with --baseline)
    baselined: list = field(default_factory=list)  # findings the baseline matched (SARIF keeps them)
    fail_on: str = DEFAULT_FAIL_ON
    fixed: int | None = None  # fixes applied (with --fix)
    sarif_all_rules: bool = False  # SARIF describes every enabled rule, not only those with results

    def counts(self):
        c = {s: 0 for s in Severity}
        for f in self.findings:
            if f.suppressed is None:
                c[f.severity] += 1
        return c

    def fails(self, finding) -> bool:
        """Whether a finding is at or above --fail-on (suppressed ones never are)."""
        if self.fail_on == "never" or finding.suppressed is not None:
            return False
        return finding.severity >= Severity.parse(self.fail_on)

    def failing(self) -> int:
        """Findings at or above --fail-on: the exit code is 1 when there is any."""
        return sum(1 for f in self.findings if self.fails(f))

    def summary(self) -> dict:
        c = self.counts()
        return {
            "files": self.files,
            "documents": self.documents,
            "skipped": len(self.skipped),
            "errors": c[Severity.ERROR],
            "warnings": c[Severity.WARNING],
            "info": c[Severity.INFO],
            "suppressed": sum(1 for f in self.findings if f.suppressed is not None),
            "baselined": len(self.baselined),
            **({"baseline_stale": self.baseline_stale} if self.baseline_stale is not None else {}),
            "fail_on": self.fail_on,
            "failing": self.failing(),
            **({"fixed": self.fixed} if self.fixed is not None else {}),
        }

    def summary_line(self) -> str:
        s = self.summary()
        total = s["errors"] + s["warnings"] + s["info"]
        if not total:
            head = "No problems found"
        else:
            head = f"Found {_n(total, 'problem')} ({_n(s['errors'], 'error')}, {_n(s['warnings'], 'warning')}, {s['info']} info)"
        tail = f" in {_n(s['documents'], 'document')} from {_n(s['files'], 'file')}"
        if s["skipped"]:
            tail += f"; {_n(s['skipped'], 'file')} skipped (not ECS)"
        hidden = [f"{n} {what}" for n, what in ((s["suppressed"], "suppressed"), (s["baselined"], "baselined")) if n]
        if hidden:
            tail += f"; {', '.join(hidden)}"
        if self.fixed is not None:
            head = f"Fixed {_n(self.fixed, 'problem')}; " + (
                "none remain" if not total else head.replace("Found", "", 1).strip() + " remain")
        return head + tail + ("; " + self.verdict() if total else "")

    def verdict(self) -> str:
        """What decided the exit code, in words: "3 at or above --fail-on warning: exit 1"."""
        if self.fail_on == "never":
            return "--fail-on never: exit 0"
        failing = self.failing()
        if not failing:
            return f"none at or above --fail-on {self.fail_on}: exit 0"
        return f"{failing} at or above --fail-on {self.fail_on}: exit 1"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def fingerprint(f, path: str) -> str:
    """A finding's key in baselines, SARIF ("ecslint/v2") and GitLab: sha256 of rule id, POSIX
    path and its stable identity (ecslint.identity) — never the line or an array position, so
    it survives lines inserted above it and a container inserted before its own."""
    return digest(f.rule, path, identity_of(f))


def identity_of(f) -> str:
    """A finding's stable identity, or its pointer in the file when it lies in no document
    (a syntax error, a duplicate key)."""
    return f.identity if f.identity is not None else f.pointer


def pointer_fingerprint(f, path: str) -> str:
    """The key before stable identities (version-1 baselines, SARIF "ecslint/v1"): rule id,
    POSIX path and the JSON pointer in the file. Kept for one release so existing baselines
    and code scanning alerts still match."""
    return digest(f.rule, path, f.pointer)


def digest(*parts: str) -> str:
    import hashlib

    # surrogatepass: a key from a JSON "\\ud800" escape or a non-UTF-8 file name still hashes
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
