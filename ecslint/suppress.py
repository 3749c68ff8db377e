"""Suppression: a stage after checking and before reporting.

Two sources, both requiring rule ids or names (there is no blanket form):

- `ignore:` entries in `.ecslint.yaml` (any input format): rule, path globs, an optional
  JSON pointer prefix (`*` matches one segment) or container name, and a required reason.
  Suppressions from here have SARIF kind `external`.
- YAML and Terraform (.tf) comment directives, found by a line scan (no comment-preserving parse):
  `# ecslint: ignore=ECS201,mutable-image-tag -- reason` at the end of the finding's line, or
  alone on the line(s) above it; `# ecslint: ignore-file=RULE -- reason` in the file's first
  comment block. SARIF kind `inSource`.

A suppressed finding is kept with `suppressed=reason`. ECS003 `unused-suppression` reports a
directive rule or config entry that matched nothing (only for rules that ran, and for config
entries only when a file they name was linted); ECS004 `suppression-without-reason` reports
a directive without `-- reason` (it still suppresses).
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field

from ecslint import globs
from ecslint.model import Finding, Region

UNUSED = "ECS003"
NO_REASON = "ECS004"
META = (UNUSED, NO_REASON)
NO_REASON_TEXT = "no reason given"

_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*ecslint:\s*(?P<kind>ignore-file|ignore)\s*=\s*(?P<rest>.*)$")
_RULES = re.compile(r"\s*(?P<rules>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*(?P<tail>.*)$")


@dataclass
class Directive:
    path: str
    line: int
    column: int
    end_column: int
    kind: str  # "ignore" | "ignore-file"
    rules: list  # names as written
    reason: str | None
    target: int  # line the directive covers (0 for ignore-file)
    in_header: bool = True
    used: set = field(default_factory=set)  # names that suppressed something


def scan(path: str, text: str) -> list[Directive]:
    """Comment directives in YAML text, with the line each one covers."""
    if "ecslint:" not in text:
        return []
    lines = text.splitlines()
    out, pending, header = [], [], True
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        alone = stripped.startswith("#")
        if header and not (not stripped or alone or stripped == "---" or stripped.startswith("%")):
            header = False
        m = _DIRECTIVE.search(line) if "#" in line else None
        if m:
            rules, reason = _parse_rest(m.group("rest"))
            d = Directive(path, number, m.start() + 1, len(line) + 1, m.group("kind"), rules, reason,
                          0 if m.group("kind") == "ignore-file" else number, in_header=header)
            out.append(d)
            if alone and d.kind == "ignore":
                pending.append(d)
            continue
        if stripped and not alone:
            for d in pending:
                d.target = number
            pending = []
    for d in pending:
        d.target = 0  # a directive above nothing covers nothing
    return out


def _parse_rest(rest: str):
    m = _RULES.match(rest)
    if not m:
        return [], None
    rules = [r.strip() for r in m.group("rules").split(",") if r.strip()]
    tail = m.group("tail").strip()
    if tail.startswith("--"):
        reason = tail[2:].strip()
        return rules, reason or None
    return rules, None


def match_pointer(pattern: str, pointer: str) -> bool:
    """`pattern` is a JSON pointer whose segments may be `*`; it matches the node and below."""
    if pattern in ("", "/"):
        return True
    want = pattern.split("/")[1:]
    have = pointer.split("/")[1:] if pointer else []
    if len(have) < len(want):
        return False
    return all(w == "*" or w == h for w, h in zip(want, have))


def match_paths(patterns, path: str, base: str) -> bool:
    """Whether an ignore entry's `paths` cover `path` (no paths: every file)."""
    return not patterns or globs.matches(path, base, patterns)


def apply(findings, cfg, settings, registry, results) -> list[Finding]:
    """Mark suppressed findings and add ECS003/ECS004. `results` are the FileResults of the
    run: the files linted, and the directives found in the text each was linted as."""
    directives = {r.path: [dataclasses.replace(d, used=set()) for d in r.directives] for r in results if r.directives}
    ignores = list(cfg.ignore or ())
    if not directives and not ignores:
        return list(findings)
    rule_id = _rule_ids(registry)
    used_ignores: set = set()
    out = _mark(findings, directives, ignores, rule_id, used_ignores)
    out.extend(_meta_findings(directives, ignores, used_ignores, settings, rule_id, [r.path for r in results]))
    return out


def mark(findings, cfg, registry, result) -> list[Finding]:
    """The findings of one file's FileResult with the suppressed ones marked as apply marks
    them, adding nothing: a finding's suppression depends only on itself, its file's
    directives and the config, while ECS003/ECS004 need the whole run. For findings that lie
    in `result`'s own file (the CLI streams those before the run ends)."""
    ignores = list(cfg.ignore or ())
    if not result.directives and not ignores:
        return list(findings)
    directives = {result.path: [dataclasses.replace(d, used=set()) for d in result.directives]}
    return _mark(findings, directives, ignores, _rule_ids(registry), set())


def _rule_ids(registry):
    def rule_id(name):
        rule = registry.get(name)
        return rule.id if rule else None

    return rule_id


def _mark(findings, directives, ignores, rule_id, used_ignores) -> list[Finding]:
    """The findings with suppressed ones marked; records in `directives` and `used_ignores`
    what suppressed something."""
    out = []
    for f in findings:
        if f.suppressed is not None or f.rule in META:
            out.append(f)
            continue
        hit = None
        for d in directives.get(f.path, ()):
            if d.kind == "ignore-file" and not d.in_header:
                continue
            if d.kind == "ignore" and d.target != f.region.line:
                continue
            for name in d.rules:
                if rule_id(name) == f.rule:
                    d.used.add(name)
                    hit = hit or ("inSource", d.reason or NO_REASON_TEXT)
        if hit is None:
            for i, entry in enumerate(ignores):
                if (rule_id(entry.rule) == f.rule and match_paths(entry.paths, f.path, entry.base)
                        and (entry.pointer is None or match_pointer(entry.pointer, f.pointer))
                        and (entry.container is None or f.container == entry.container)):
                    used_ignores.add(i)
                    hit = hit or ("external", entry.reason)
        if hit:
            kind, reason = hit
            f = dataclasses.replace(f, suppressed=reason, extra={**f.extra, "suppression": kind})
        out.append(f)
    return out


def _meta_findings(directives, ignores, used_ignores, settings, rule_id, paths):
    rules = settings.rules
    out = []

    def add(rid, path, region, message, pointer=""):
        if rid in rules:
            rule, sev, _ = rules[rid]
            out.append(Finding(path, region, rule.id, rule.name, sev, message, pointer))

    for path, found in directives.items():
        for d in found:
            region = Region(d.line, d.column, d.line, d.end_column)
            if not d.rules:
                add(UNUSED, path, region, f"ecslint: {d.kind}= names no rule; write rule ids or names, then -- reason")
                continue
            if d.reason is None:
                add(NO_REASON, path, region, f"suppression of {', '.join(d.rules)} gives no reason; add -- reason")
            for name in d.rules:
                rid = rule_id(name)
                if rid is None:
                    add(UNUSED, path, region, f'suppression names unknown rule "{name}"')
                elif d.kind == "ignore-file" and not d.in_header:
                    add(UNUSED, path, region, f"ignore-file={name} is not in the file's first comment block, so it has no effect")
                elif d.kind == "ignore" and not d.target:
                    add(UNUSED, path, region, f"suppression of {name} is above no line, so it has no effect")
                elif name not in d.used and rid in rules:
                    add(UNUSED, path, region, f"suppression of {name} matched no finding; remove it")
    for i, entry in enumerate(ignores):
        rid = rule_id(entry.rule)
        if i in used_ignores or rid not in rules or not entry.source:
            continue
        if not any(match_paths(entry.paths, p, entry.base) for p in paths):
            continue  # none of its files was linted in this run (e.g. a pre-commit subset)
        where = entry.region or Region(1, 1, 1, 1)
        add(UNUSED, os.path.normpath(os.path.relpath(entry.source)) if os.path.isabs(entry.source) else os.path.normpath(entry.source),
            where, f"config ignore of {entry.rule} matched no finding; remove it", f"/ignore/{entry.index}")
    return out
