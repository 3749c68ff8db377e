"""Every rule of pack C documents an example that fires and a fix that does not; pair rules
show the service and then its task definition."""

from __future__ import annotations

import json

import pytest

from helpers import lint_value, settings_for
from ecslint.engine import check_pair
from ecslint.registry import default_registry, template


def pack_c():
    out = []
    for r in default_registry().rules:
        n = int(r.id[3:])
        if 320 <= n <= 359 or 420 <= n <= 449 or 602 <= n <= 659:
            out.append(pytest.param(r, id=r.id))
    return out


def documents(text):
    decoder, docs, i = json.JSONDecoder(), [], 0
    text = text.strip()
    while i < len(text):
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)
        while i < len(text) and text[i].isspace():
            i += 1
    return docs


def rule_ids(rule, text):
    docs = documents(text)
    if template(rule.template).pair:
        service, task = docs
        return [r.id for _, r, _ in check_pair(service, task, settings_for([rule.id]))]
    (doc,) = docs
    return [f.rule for f in lint_value(doc, [rule.id])]


@pytest.mark.parametrize("rule", pack_c())
def test_example_fires_and_fix_does_not(rule):
    assert rule.summary and not rule.summary.endswith(".")
    assert rule.remediation.endswith(".") and rule.references
    assert set(rule.docs) >= {"what", "why", "example", "use-instead", "when-to-ignore"}
    assert rule.id in rule_ids(rule, rule.docs["example"])
    assert rule_ids(rule, rule.docs["use-instead"]) == []


def test_pack_c_has_at_least_thirty_rules():
    assert len(pack_c()) >= 30
