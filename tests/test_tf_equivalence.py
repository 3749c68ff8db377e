"""Every rule case (fixtures/rules/*.yaml) also runs as a Terraform plan (`terraform show -json`).

Each case whose input is a task definition or service in request form (and each `documents:`
pair of a service and its task definition) is converted to `aws_ecs_task_definition` /
`aws_ecs_service` resources of a plan by tests/tf_reverse.py, the inverse of
ecslint/inputs/terraform_plan.py: snake_case arguments, `container_definitions` as a JSON string,
blocks as lists, tags and proxy properties as maps, `host_path`, the flat `deployment_*`
arguments, `assign_public_ip` as a boolean. A pair is linked the way Terraform links it, by the
service's `task_definition` reference in the plan's `configuration`, and only when the API form
pairs them too (one task definition of the service's family).

The plan is linted with the same single rule and options. The findings must be the same
(rule, message), each at the plan pointer predicted from its API pointer: a finding inside the
container definitions is reported at the `container_definitions` string (a JSON pointer cannot
enter a string), any other at the mapped argument, or at the nearest mapped ancestor when the
API pointer names a member that is absent (as the forward mapper does).

A case that holds something Terraform cannot say (an API field with no argument, an empty
list that Terraform treats as unset...) is not the same document as a plan. Such cases must be
listed in SKIP_CASES with the reason, and the test checks the reason still holds: a case that
becomes expressible, or an inexpressible case not listed, fails. New case files are picked up
automatically.
"""

from __future__ import annotations

import json

import pytest

import tf_reverse
from helpers import settings_for
from test_rule_cases import CASES
from ecslint import inputs
from ecslint.model import Origin
from ecslint.engine import cross_document, lint_text, task_definition_family

# Rules whose findings legitimately differ for Terraform, and why.
SKIP_RULES = {
    "ECS001": "parse errors depend on the text, not on the document",
    "ECS002": "a duplicate key cannot survive the conversion of a parsed value",
    "ECS003": "suppression directives are comments of the source text",
    "ECS004": "suppression directives are comments of the source text",
    "ECS101": "unknown fields are dropped by the forward table: Terraform has no argument for them",
    "ECS102": "a required member that is missing is reported at the argument that holds it, and "
              "container names/required fields inside container_definitions point at the string",
    "ECS103": "Terraform types its own arguments (a plan's cpu is always a string)",
    "ECS105": "describe-output fields are not request input",
    "ECS639": "Terraform defaults desired_count to 0, so a missing count is only judged in create-service input",
    "ECS642": "deploymentConfiguration.strategy/bakeTimeInMinutes are not mapped from Terraform (the provider's "
              "argument names are not verified yet)",
}

# Cases Terraform cannot express, and why (checked: each must really lose something).
SKIP_CASES = {
    "ECS106:an empty family is flagged": "family \"\" is Terraform's 'unset' (and the provider requires a family)",
    "ECS204:an empty placementConstraints list passes": "an empty block list is 'unset' in Terraform",
    "ECS329:an empty tag list is reported at tags": "empty tags are 'unset' in Terraform: nothing is sent",
    "ECS602:either one alone, or an empty strategy, passes": "an empty capacity_provider_strategy is 'unset'",
    "ECS609:BLUE_GREEN is not judged": "deploymentConfiguration.strategy/bakeTimeInMinutes are not mapped from "
                                       "Terraform (the provider's argument names are not verified yet)",
    "ECS619:an empty subnets list is flagged": "an empty subnets list is 'unset' in Terraform",
    "ECS613:an empty list is reported at loadBalancers": "an empty load_balancer list is 'unset' in Terraform",
    "ECS511:a list without the setting is flagged at the list": "an empty setting list is 'unset' in Terraform",
}


def _kind(value, kind=None):
    docs, _ = inputs.classify(value, kind)
    if len(docs) != 1 or docs[0].origin not in (Origin.REGISTER, Origin.CREATE):
        return None  # a container array, describe output or update input has no resource form
    return docs[0].kind


def _deployer_dependent(case) -> bool:
    """A case whose verdict depends on the deployer: a template has its own (CloudFormation,
    Terraform), so its message names another deployer."""
    return "deployer" in case or any("severity" in e for e in case.get("expect") or [])


def _eligible():
    out = []
    for param in CASES:
        rule, case = param.values
        if rule in SKIP_RULES or case.get("schema-invalid"):
            continue
        if _deployer_dependent(case):
            continue
        if "documents" in case:
            kinds = [_kind(d) for d in case["documents"]]
            if None in kinds:
                continue
        else:
            kinds = [_kind(case["input"], case.get("kind"))]
            if kinds[0] is None:
                continue
        out.append(pytest.param(rule, case, kinds, id=param.id))
    return out


ELIGIBLE = _eligible()


def test_some_cases_are_checked():
    assert len(ELIGIBLE) >= 10
    assert len(SKIP_CASES) < len(ELIGIBLE) // 10  # the allowlist stays small


def _api_findings(rule, case, settings):
    """Per document: the API-form findings (rule, pointer, message)."""
    if "documents" not in case:
        res = lint_text("input.json", json.dumps(case["input"], indent=2), settings)
        return [[(f.rule, f.pointer, f.message) for f in res.findings]]
    results = [lint_text(f"doc{i}.json", json.dumps(d, indent=2), settings) for i, d in enumerate(case["documents"])]
    per = [[(f.rule, f.pointer, f.message) for f in r.findings] for r in results]
    for f in cross_document(results, settings):
        per[int(f.path[3:].split(".")[0])].append((f.rule, f.pointer, f.message))
    return per


def _references(values, kinds, addresses):
    """Service address → task definition address, where the API form pairs them by family."""
    families = {}
    for v, k, a in zip(values, kinds, addresses):
        if k == "task-definition" and isinstance(v.get("family"), str):
            families.setdefault(v["family"], []).append(a)
    refs = {}
    for v, k, a in zip(values, kinds, addresses):
        if k == "service":
            cands = families.get(task_definition_family(v.get("taskDefinition")), [])
            if len(cands) == 1:
                refs[a] = cands[0]
    return refs


@pytest.mark.parametrize("rule,case,kinds", ELIGIBLE)
def test_same_findings_as_terraform(rule, case, kinds):
    values = case["documents"] if "documents" in case else [case["input"]]
    resources, pmaps, lost = [], [], []
    for i, (v, k) in enumerate(zip(values, kinds)):
        res, pmap, gone = tf_reverse.resource(v, k, f"r{i}", i)
        resources.append(res)
        pmaps.append(pmap)
        lost += gone
    key = f"{rule}:{case['name']}"
    if key in SKIP_CASES:
        assert lost, f"{key} is expressible in Terraform now: take it off SKIP_CASES"
        pytest.skip(SKIP_CASES[key])
    assert not lost, f"not expressible in Terraform (add to SKIP_CASES with a reason if legitimate): {lost}"

    settings = settings_for([rule], case.get("options"), case.get("subnet-azs"))
    per_doc = _api_findings(rule, case, settings)
    want = sorted((r, tf_reverse.map_pointer(pmaps[i], p), m) for i, fs in enumerate(per_doc) for r, p, m in fs)

    refs = _references(values, kinds, [r["address"] for r in resources])
    text = json.dumps(tf_reverse.plan(resources, refs), indent=2)
    result = lint_text("plan.json", text, settings)
    assert result.documents == len(resources)
    found = list(result.findings)
    if "documents" in case:
        found += cross_document([result], settings)
    got = sorted((f.rule, f.pointer, f.message) for f in found)
    assert got == want
