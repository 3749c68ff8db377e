"""Every rule case that Terraform can express also runs as HCL (`.tf`), as it does as a plan.

Each eligible case of tests/test_tf_equivalence.py (request-form task definitions and
services, and service + task definition pairs) is turned into plan `values` by
tests/tf_reverse.py and written as `resource` blocks by tests/hcl_reverse.py (container
definitions as `jsonencode(...)` of HCL values). The `.tf` text is linted with the same
single rule and options; the findings must be the same (rule, message), each at the pointer
predicted from its API pointer: the resource address plus the argument path, and inside
`container_definitions` the full path (HCL keys have positions, unlike the plan's string).
Pairs are linked as the API form links them, by family (`task_definition = "web:3"`).
"""

from __future__ import annotations

import pytest

import hcl_reverse
import tf_reverse
from helpers import settings_for
from test_tf_equivalence import ELIGIBLE, SKIP_CASES, _api_findings
from ecslint.engine import cross_document, lint_text
from ecslint.model import pointer_str, pointer_tokens

PATH = "/nonexistent-ecslint-module/main.tf"  # no directory to read: the module is this file


def _hcl_pointer(pmap, api_pointer: str, address: str) -> str:
    tokens = pointer_tokens(api_pointer)
    if tokens[:1] == ("containerDefinitions",):
        return pointer_str((address, "container_definitions") + tokens[1:])
    plan = pointer_tokens(tf_reverse.map_pointer(pmap, api_pointer))
    return pointer_str((address,) + plan[5:])  # planned_values/root_module/resources/i/values


def test_cases_are_checked():
    assert len(ELIGIBLE) >= 100


@pytest.mark.parametrize("rule,case,kinds", ELIGIBLE)
def test_same_findings_as_hcl(rule, case, kinds):
    values = case["documents"] if "documents" in case else [case["input"]]
    resources, pmaps, lost = [], [], []
    for i, (v, k) in enumerate(zip(values, kinds)):
        res, pmap, gone = tf_reverse.resource(v, k, f"r{i}", i)
        resources.append(res)
        pmaps.append(pmap)
        lost += gone
    key = f"{rule}:{case['name']}"
    if key in SKIP_CASES or lost:
        pytest.skip(SKIP_CASES.get(key, "not expressible in Terraform (checked by the plan test)"))

    settings = settings_for([rule], case.get("options"), case.get("subnet-azs"))
    per_doc = _api_findings(rule, case, settings)
    want = sorted((r, _hcl_pointer(pmaps[i], p, resources[i]["address"]), m)
                  for i, fs in enumerate(per_doc) for r, p, m in fs)

    text = "\n".join(hcl_reverse.resource(r) for r in resources)
    result = lint_text(PATH, text, settings)
    assert result.documents == len(resources), text
    found = list(result.findings)
    if "documents" in case:
        found += cross_document([result], settings)  # placed from the result, never re-read
    got = sorted((f.rule, f.pointer, f.message) for f in found)
    assert got == want, text
    for f in found:  # every finding is placed on a line of the resource text
        assert 1 <= f.region.line <= text.count("\n") + 1
