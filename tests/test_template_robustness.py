"""Templates get whatever the user wrote: replacing any node of a case input with a value
of the wrong type (or one not known yet) must never raise. Each rule is run directly on
its own cases, so this stays fast."""

from __future__ import annotations

import copy

import pytest

from test_rule_cases import CASES
from ecslint import inputs
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.ecs.views import view_of
from ecslint.settings import Context, Settings
from ecslint.registry import default_registry, template

HOSTILE = [None, 70000, "", [1, "a"], {"a": None}, UNKNOWN]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _replaced(value, path, new):
    if not path:
        return new
    out = copy.deepcopy(value)
    node = out
    for tok in path[:-1]:
        node = node[tok]
    node[path[-1]] = new
    return out


def _template_cases():
    for param in CASES:
        rule_id, case = param.values
        rule = default_registry().get(rule_id)
        tmpl = template(rule.template)
        if "input" in case and not tmpl.engine and not tmpl.pair and tmpl.name != "select-assert":
            yield pytest.param(rule, case["input"], id=param.id)


@pytest.mark.parametrize("rule,value", list(_template_cases()))
def test_hostile_values_never_raise(rule, value):
    tmpl = template(rule.template)
    for path in _paths(value):
        for new in HOSTILE:
            for doc in inputs.classify(_replaced(value, path, new))[0]:
                if doc.kind not in rule.applies_to:
                    continue  # a template case's other resources: the engine never gives them to this rule
                view = view_of(doc)
                list(tmpl.check(view, rule.params, Context(Settings(rules={}))))
