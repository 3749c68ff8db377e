"""Every case file in fixtures/rules/ runs through the case runner that `ecslint policy test`
uses (ecslint.cases) with only its rule selected; the findings must equal the expectation
exactly (rule, pointer, message), and every expectation must give its message."""

from __future__ import annotations

import os

import pytest

from helpers import ROOT, SUPPRESSION_RULES, lint_cli, lint_value, settings_for
from ecslint import cases
from ecslint.registry import default_registry
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


def run_case(rule_id, case):
    rule = default_registry().get(rule_id)
    if rule_id in SUPPRESSION_RULES:  # directives and ignores are judged after the run, by the CLI
        found = [Triple(*t) for t in lint_cli(case["input"], rule_id, case.get("format", "yaml"))]
        return cases.judge(rule, case, found, messages_required=True, where=f"fixtures/rules/{rule_id}.yaml")
    settings = settings_for([rule_id], case.get("options"), case.get("subnet-azs"), kind=case.get("kind"))
    return cases.run_case(rule, case, settings, messages_required=True, where=f"fixtures/rules/{rule_id}.yaml")


class Triple:
    def __init__(self, rule, pointer, message):
        self.rule, self.pointer, self.message = rule, pointer, message


@pytest.mark.parametrize("rule,case", CASES)
def test_case(rule, case):
    result = run_case(rule, case)
    assert result.passed, f"{result.label}\n{cases.describe_failure(result)}"


@pytest.mark.parametrize("rule,case", [c for c in CASES if not c.values[1].get("schema-invalid")])
def test_case_input_is_schema_valid(rule, case):
    """A typo in a fixture must fail here instead of hiding a broken rule."""
    docs = case["documents"] if "documents" in case else [case["input"]]
    for doc in docs:
        findings = lint_value(doc, SCHEMA_RULES, kind=case.get("kind"))
        assert [(f.rule, f.pointer, f.message) for f in findings] == []


def test_a_built_in_case_without_a_message_fails():
    """In a policy's tests a bare pointer means "any message"; a built-in case must say it."""
    rule = default_registry().get("ECS401")
    case = {"name": "bare", "input": {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]},
            "expect": [{"pointer": "/containerDefinitions/0/image"}]}
    settings = settings_for(["ECS401"])
    strict = cases.run_case(rule, case, settings, messages_required=True)
    assert not strict.passed
    assert strict.note == "every expected finding must give its message (none at /containerDefinitions/0/image)"
    assert strict.missing == [] and strict.unexpected == []  # the finding is there: only the message is missing
    assert cases.run_case(rule, case, settings, messages_required=False).passed


def test_an_input_the_rule_never_sees_fails_the_case():
    rule = default_registry().get("ECS401")  # applies to task definitions
    case = {"name": "service", "input": {"serviceName": "web", "taskDefinition": "web"}, "expect": []}
    result = cases.run_case(rule, case, settings_for(["ECS401"]), messages_required=True)
    assert not result.passed
    assert result.note == "the input is a service, but the rule applies to task-definition"


def test_other_rules_findings_are_unexpected():
    rule = default_registry().get("ECS401")
    case = {"name": "x", "input": {}, "expect": []}
    found = [Triple("ECS999", "/a", "m")]
    result = cases.judge(rule, case, found, messages_required=True)
    assert not result.passed and result.unexpected == [("/a", "ECS999: m")]
