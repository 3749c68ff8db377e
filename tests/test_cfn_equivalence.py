"""Every rule case (fixtures/rules/*.yaml) also runs as a CloudFormation template.

Each case whose input is a task definition or service in request form is converted to a
CloudFormation resource (tests/cfn_reverse.py, PascalCase through the API shapes), written as
YAML and as JSON, and linted with the same rule and options. The findings must be the same
(rule, message) at the template's own pointer. New case files are picked up automatically.
"""

from __future__ import annotations

import json

import pytest

import cfn_reverse
from helpers import settings_for
from test_rule_cases import CASES
from ecslint import inputs
from ecslint.model import Origin
from ecslint.engine import lint_text

# Rules whose findings legitimately differ for CloudFormation, and why.
SKIP_RULES = {
    "ECS001": "parse errors depend on the text, not on the document",
    "ECS002": "a duplicate key cannot survive the conversion of a parsed value",
    "ECS101": "unknown fields are reported with the template's own spelling",
    "ECS102": "CloudFormation generates family and service names, so they are not required",
    "ECS103": "CloudFormation converts scalars (Cpu: 256 is fine in a template)",
    "ECS105": "describe-output fields are not request input",
    "ECS639": "CloudFormation defaults DesiredCount to 1, so a missing count is only judged in create-service input",
}


def _deployer_dependent(case) -> bool:
    """A case whose verdict depends on the deployer: a template has its own (CloudFormation,
    Terraform), so its message names another deployer."""
    return "deployer" in case or any("severity" in e for e in case.get("expect") or [])


def _eligible():
    out = []
    for param in CASES:
        rule, case = param.values
        if rule in SKIP_RULES or "documents" in case or case.get("schema-invalid"):
            continue
        if _deployer_dependent(case):
            continue
        docs, _ = inputs.classify(case["input"], case.get("kind"))
        if len(docs) != 1 or docs[0].origin not in (Origin.REGISTER, Origin.CREATE):
            continue  # a container array, describe output or update input has no resource form
        for fmt in ("yaml", "json"):
            out.append(pytest.param(rule, case, docs[0].kind, fmt, id=f"{param.id}:{fmt}"))
    return out


ELIGIBLE = _eligible()


def test_some_cases_are_checked():
    assert len(ELIGIBLE) >= 10


@pytest.mark.parametrize("rule,case,kind,fmt", ELIGIBLE)
def test_same_findings_as_cloudformation(rule, case, kind, fmt):
    settings = settings_for([rule], case.get("options"), case.get("subnet-azs"))
    api = lint_text("input.json", json.dumps(case["input"], indent=2), settings).findings
    tpl, pmap = cfn_reverse.template(case["input"], kind)
    text = cfn_reverse.as_yaml(tpl) if fmt == "yaml" else cfn_reverse.as_json(tpl)
    result = lint_text(f"template.{fmt}", text, settings)
    assert result.documents == 1
    got = sorted((f.rule, f.pointer, f.message) for f in result.findings)
    want = sorted((f.rule, cfn_reverse.map_pointer(pmap, f.pointer), f.message) for f in api)
    assert got == want
