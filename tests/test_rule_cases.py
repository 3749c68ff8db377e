"""Every case file in fixtures/rules/ runs through the real engine with only its rule
selected; the findings must equal the expectation exactly (rule, pointer, message)."""

from __future__ import annotations

import json
import os

import pytest

from helpers import ROOT, SUPPRESSION_RULES, lint_cli, lint_value, settings_for
from ecslint.engine import cross_document, lint_text
from ecslint.source import parse_yaml

CASES_DIR = os.path.join(ROOT, "fixtures", "rules")
SCHEMA_RULES = ["ECS101", "ECS102", "ECS103", "ECS104", "ECS105"]


def load_cases():
    out = []
    for name in sorted(os.listdir(CASES_DIR)):
        if not name.endswith(".yaml"):
            continue
        path = os.path.join(CASES_DIR, name)
        with open(path, encoding="utf-8") as fh:
            parsed = parse_yaml(path, fh.read())
        assert parsed.error is None, f"{name}: {parsed.error and parsed.error.message}"
        spec = parsed.documents[0].value
        for case in spec["cases"]:
            out.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}:{case['name']}"))
    return out


CASES = load_cases()


def run_case(rule, case):
    options = case.get("options")
    azs = case.get("subnet-azs")
    if "documents" in case:  # cross-document: a service and its task definition
        settings = settings_for([rule], options, azs)
        results = [lint_text(f"doc{i}.json", json.dumps(d, indent=2), settings)
                   for i, d in enumerate(case["documents"])]
        return [f for r in results for f in r.findings] + cross_document_in_memory(results, case["documents"], settings)
    if rule in SUPPRESSION_RULES:
        return [Triple(*t) for t in lint_cli(case["input"], rule, case.get("format", "yaml"))]
    return lint_value(case["input"], [rule], options, azs, fmt=case.get("format", "json"), kind=case.get("kind"))


class Triple:
    def __init__(self, rule, pointer, message):
        self.rule, self.pointer, self.message = rule, pointer, message


def cross_document_in_memory(results, documents, settings):
    import ecslint.engine as engine

    texts = {f"doc{i}.json": json.dumps(d, indent=2) for i, d in enumerate(documents)}
    original = engine.read_bytes
    engine.read_bytes = lambda path, limit: texts[path].encode()
    try:
        return cross_document(results, settings)
    finally:
        engine.read_bytes = original


@pytest.mark.parametrize("rule,case", CASES)
def test_case(rule, case):
    findings = run_case(rule, case)
    got = sorted((f.rule, f.pointer, f.message) for f in findings)
    want = sorted((rule, e["pointer"], e["message"]) for e in case.get("expect") or [])
    assert got == want


@pytest.mark.parametrize("rule,case", [c for c in CASES if not c.values[1].get("schema-invalid")])
def test_case_input_is_schema_valid(rule, case):
    """A typo in a fixture must fail here instead of hiding a broken rule."""
    docs = case["documents"] if "documents" in case else [case["input"]]
    for doc in docs:
        findings = lint_value(doc, SCHEMA_RULES, kind=case.get("kind"))
        assert [(f.rule, f.pointer, f.message) for f in findings] == []
