"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Byte-deterministic: plain dicts, sorted rules, no timestamps and no absolute paths.
The rules with results are described (every enabled rule with --sarif-all-rules: a rule's
help is most of a log's size); each result carries its effective level, a real region (with
its source text when that is the one value the rule judged), a URI relative to %SRCROOT%
(the repository root), partial fingerprints (FINGERPRINT_KEY: rule, path and stable
identity; LEGACY_KEY: rule, path and JSON pointer, as before identities, so existing alerts
still match), when suppressed the suppression and its reason, and with a baseline its
baselineState: the findings the baseline matched are kept as "unchanged" results, the
others are "new".
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ecslint.formatters import LEVELS, relative_path
from ecslint.report import fingerprint, pointer_fingerprint

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ecslint/ecslint"
FINGERPRINT_KEY = "ecslint/v2"
LEGACY_KEY = "ecslint/v1"  # kept for one release: code scanning alerts opened before v2
MAX_RESULTS = 25_000  # GitHub code scanning rejects a run with more results than this


def _descriptor(rule) -> dict:
    from ecslint import docgen

    docs = rule.docs
    full = " ".join(s.strip() for s in (docs.get("what", ""), docs.get("why", "")) if s.strip()) or rule.summary + "."
    tags = [rule.category]
    props: dict = {}
    if rule.security_severity is not None:
        if "security" not in tags:
            tags.append("security")
        props["security-severity"] = f"{float(rule.security_severity):.1f}"
    props["tags"] = tags
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": docgen.help_text(rule), "markdown": docgen.rule_page(rule)},
        **({"helpUri": rule.docs_url} if rule.docs_url else {}),  # a policy without help-uri has no page
        "defaultConfiguration": {"level": LEVELS[int(rule.severity)]},
        "properties": props,
    }


def _uri(f, root) -> str:
    """The file's relative URI: its name's bytes percent-encoded, so a non-UTF-8 name (shown
    escaped in the message) still points at the file."""
    import os

    raw = f.extra.get("raw_path", f.path)
    try:
        data = os.fsencode(relative_path(raw, root))
    except UnicodeEncodeError:  # not a file system name (a lone surrogate from a document)
        data = relative_path(f.path, root).encode("utf-8")
    return quote(data, safe="/")


def plain_text(text: str) -> str:
    """A SARIF plain-text message: `[text](1)` there is an embedded link that GitHub renders,
    so a document string could plant one; SARIF 2.1.0 §3.11.6 escapes brackets with `\\`."""
    return text.replace("[", "\\[").replace("]", "\\]")


def _region(r, snippet: str | None = None) -> dict:
    line = max(1, r.line)
    col = max(1, r.column)
    end_line = max(line, r.end_line)
    end_col = max(1, r.end_column)
    if end_line == line and end_col < col:
        end_col = col
    region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if snippet and (line, col, end_line, end_col) == (r.line, r.column, r.end_line, r.end_column):
        region["snippet"] = {"text": snippet}  # only of the region as placed, never of a clamped one
    return region


def _fix(fix, path) -> dict:
    return {"description": {"text": fix.title}, "artifactChanges": [{
        "artifactLocation": {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"},
        "replacements": [{"deletedRegion": _region(e.region), **({"insertedContent": {"text": e.text}} if e.text else {})}
                         for e in fix.edits],
    }]}


def build(report) -> dict:
    root = getattr(report, "root", ".")
    baselined = getattr(report, "baselined", [])
    compared = getattr(report, "baseline_stale", None) is not None  # a baseline was applied
    unchanged = set(map(id, baselined))
    findings = sorted([*report.findings, *baselined], key=lambda f: f.sort_key()) if baselined else list(report.findings)
    notifications = []
    if len(findings) > MAX_RESULTS:  # keep the most severe; say what was left out
        keep = set(map(id, sorted(findings, key=lambda f: -int(f.severity))[:MAX_RESULTS]))
        notifications.append({"level": "warning", "message": {"text": (
            f"{len(findings) - MAX_RESULTS} of {len(findings)} results left out: code scanning accepts at most "
            f"{MAX_RESULTS:,} per run; the most severe are kept")}})
        findings = [f for f in findings if id(f) in keep]
    described = report.rules if getattr(report, "sarif_all_rules", False) else {f.rule for f in findings}
    rule_ids = sorted(rid for rid in described if rid in report.rules)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    descriptors = [_descriptor(report.rules[rid][0]) for rid in rule_ids]
    results = []
    for f in findings:
        path = relative_path(f.path, root)
        result = {
            "ruleId": f.rule,
            "level": LEVELS[int(f.severity)],
            "message": {"text": plain_text(f.message)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f, root), "uriBaseId": "%SRCROOT%"},
                    "region": _region(f.region, f.extra.get("snippet")),
                },
            }],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, path), LEGACY_KEY: pointer_fingerprint(f, path)},
        }
        if compared:
            result["baselineState"] = "unchanged" if id(f) in unchanged else "new"
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.pointer:
            result["properties"] = {"pointer": f.pointer}
        if f.fix is not None and f.fix.safety == "safe":  # unsafe fixes change behaviour: not offered
            result["fixes"] = [_fix(f.fix, path)]
        if f.suppressed is not None:
            result["suppressions"] = [{"kind": f.extra.get("suppression", "external"),
                                       "justification": f.suppressed}]
        results.append(result)
    run = {
        "tool": {"driver": {
            "name": "ecslint",
            "version": report.version,
            "semanticVersion": report.version,
            "informationUri": INFORMATION_URI,
            "rules": descriptors,
        }},
        # No "uri": an absolute path would make the log depend on the checkout's location.
        "originalUriBaseIds": {"%SRCROOT%": {"description": {
            "text": "The repository root (the nearest directory holding .git at or above where ecslint ran), "
                    "or the directory ecslint ran from outside a repository"}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.errors,
                         **({"toolExecutionNotifications": notifications} if notifications else {})}],
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report) -> str:
    return json.dumps(build(report), indent=2, ensure_ascii=False) + "\n"
