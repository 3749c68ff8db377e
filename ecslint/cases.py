"""Rule test cases: the one runner for the built-in cases (`fixtures/rules/*.yaml`) and the
`tests:` of policy files (`ecslint policy test`). A case is `name`, an `input` (a document,
or text in `format`) or `documents` (files linted together, so pair rules see a service
with its task definition), an optional `kind`, and `expect`: the exact findings as
`pointer` + `message`. A policy's expectation may leave out `message` (any message at that
pointer); the built-in cases must give every message. An expectation may give `severity` too,
and a case a `deployer` (a name or steps, as in `deploy-with:`), for findings whose verdict
depends on who deploys the file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecslint.settings import Settings
    from ecslint.registry import Rule


@dataclass
class CaseResult:
    rule: Rule
    name: str
    passed: bool
    missing: list  # expected entries not found: {pointer[, message]}
    unexpected: list  # (pointer, message) reported, not expected (other rules' as "RULE: message")
    actual: list  # (pointer, message) of every finding, sorted
    note: str = ""  # why the case proves nothing or is malformed (then it fails)
    where: str = ""  # the file that holds the case

    @property
    def label(self) -> str:
        return f"{self.where}::{self.rule.id} {self.rule.name}::{self.name}"


def lint_case(case: dict, settings: Settings) -> list:
    """The findings of a case's input under `settings` (each with .rule, .pointer, .message)."""
    from ecslint.engine import lint_text

    if "documents" in case:
        return _lint_together(case["documents"], settings)
    fmt = case.get("format", "json")
    value = case["input"]
    text = value if isinstance(value, str) else json.dumps(value, indent=2)
    name = f"input.{fmt}"
    if case.get("deployer"):
        from dataclasses import replace

        from ecslint.deployers import parse_chain

        settings = replace(settings, deployments={name: (parse_chain(case["deployer"]), "the case names it")})
    return lint_text(name, text, settings, fmt).findings


def _lint_together(documents: list, settings: Settings) -> list:
    """Each document in its own file, linted as one run (the pair stage included)."""
    import os
    import tempfile

    from ecslint.runner import run

    with tempfile.TemporaryDirectory(prefix="ecslint-case-") as tmp:
        paths = []
        for i, doc in enumerate(documents):
            path = os.path.join(tmp, f"doc{i}.json")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(doc, indent=2))
            paths.append(path)
        _, findings, errors = run(paths, settings, jobs=1)
    if errors:
        raise ValueError(f"case documents could not be read: {errors}")
    return findings


def applicability_note(rule: Rule, case: dict, subject: str = "rule") -> str:
    """Why the input would prove nothing about the rule ("" when it is a document it checks)."""
    from ecslint import inputs

    if "input" not in case or not isinstance(case["input"], dict):
        return ""
    docs, reason = inputs.classify(case["input"], case.get("kind"))
    if not docs:
        return f"the input is not an ECS document ({reason}); set kind: task-definition or service"
    if not any(d.kind in rule.applies_to for d in docs):
        return f"the input is a {docs[0].kind}, but the {subject} applies to {', '.join(rule.applies_to)}"
    return ""


def judge(rule: Rule, case: dict, findings, *, messages_required: bool, note: str = "",
          where: str = "") -> CaseResult:
    """Compare findings with the case's `expect`. Findings of another rule are unexpected."""
    actual = sorted((f.pointer, f.message if f.rule == rule.id else f"{f.rule}: {f.message}") for f in findings)
    severity = {(f.pointer, f.message): str(getattr(f, "severity", "")) for f in findings if f.rule == rule.id}
    expect = list(case.get("expect") or [])
    if messages_required:
        bare = [e["pointer"] or "(document)" for e in expect if "message" not in e]
        if bare:
            note = f"every expected finding must give its message (none at {', '.join(bare)})"
    remaining = list(actual)
    missing = []
    for e in sorted(expect, key=lambda e: "message" not in e):  # exact expectations match first
        hit = next((a for a in remaining
                    if a[0] == e["pointer"] and ("message" not in e or a[1] == e["message"])
                    and ("severity" not in e or severity.get(a) == e["severity"])), None)
        if hit is None:
            missing.append(e)
        else:
            remaining.remove(hit)
    passed = not missing and not remaining and not note
    return CaseResult(rule, case["name"], passed, missing, remaining, actual, note if not passed else "", where)


def run_case(rule: Rule, case: dict, settings: Settings, *, messages_required: bool,
             where: str = "", subject: str = "rule") -> CaseResult:
    """Lint the case with `settings` and judge the findings against its `expect`."""
    note = applicability_note(rule, case, subject)  # an input the rule never sees proves nothing
    return judge(rule, case, lint_case(case, settings), messages_required=messages_required, note=note,
                 where=where)


def describe_failure(r: CaseResult) -> str:
    lines = []
    if r.note:
        lines.append(f"    note: {r.note}")
    if r.missing or r.unexpected:
        lines.append("    - expected, not reported / + reported, not expected:")
    for e in r.missing:
        lines.append(f"    - {e['pointer'] or '(document)'}" + (f": {e['message']}" if "message" in e else " (any message)"))
    for ptr, msg in r.unexpected:
        lines.append(f"    + {ptr or '(document)'}: {msg}")
    lines.append("    actual findings:" + ("" if r.actual else " none"))
    lines += [f"      {ptr or '(document)'}: {msg}" for ptr, msg in r.actual]
    return "\n".join(lines)
