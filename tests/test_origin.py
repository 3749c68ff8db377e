"""A document's origin is typed, and what it means reaches rules as properties of their views;
schema errors name the field they are about, so no stage reads their wording."""

from __future__ import annotations

import ast
import os

import pytest

from helpers import ROOT
from ecslint.inputs import classify
from ecslint.ecs.views import ServiceView, TaskDefinitionView
from ecslint.model import Origin
from ecslint.schema import MISSING, UNKNOWN, validate

# origin → (task_level_known, partial, observed, direct_request, holds_unknowns)
MEANINGS = {
    Origin.REGISTER: (True, False, False, True, False),
    Origin.DESCRIBE: (True, False, True, False, False),
    Origin.CONTAINER_DEFINITIONS: (False, False, False, False, False),
    Origin.CLOUDFORMATION: (True, False, False, False, True),
    Origin.TERRAFORM_PLAN: (True, False, False, False, True),
    Origin.CREATE: (True, False, False, True, False),
    Origin.UPDATE: (True, True, False, False, False),
    Origin.DESCRIBE_SERVICES: (True, False, True, False, False),
}


def test_every_origin_has_its_meaning_stated():
    assert set(MEANINGS) == set(Origin)
    for origin, want in MEANINGS.items():
        got = (origin.task_level_known, origin.partial, origin.observed, origin.direct_request, origin.holds_unknowns)
        assert got == want, origin


@pytest.mark.parametrize("value,view_facts", [
    ([{"name": "app", "image": "nginx:1.27"}], (False, False, False)),
    ({"family": "web", "containerDefinitions": []}, (True, False, False)),
    ({"taskDefinition": {"family": "web", "containerDefinitions": []}}, (True, False, True)),
    ({"service": "web", "taskDefinition": "web:3"}, (True, True, False)),
    ({"services": [{"serviceName": "a", "serviceArn": "arn:aws:ecs:eu-west-1:1:service/x/a"}]}, (True, False, True)),
])
def test_views_carry_what_the_origin_means(value, view_facts):
    (doc,), _ = classify(value)
    view = (TaskDefinitionView if doc.kind == "task-definition" else ServiceView)(doc.data, doc.origin)
    assert (view.kind, (view.task_level_known, view.partial, view.observed)) == (doc.kind, view_facts)


def test_schema_errors_name_their_field():
    missing = [(e.pointer, e.field) for e in validate("create-service", {"taskDefinition": "web"}) if e.kind == MISSING]
    assert missing == [((), "serviceName")]
    unknown = [(e.pointer, e.field) for e in validate("register-task-definition", {
        "family": "web", "containerDefinitions": [{"name": "a", "image": "b", "imag": "c"}]}) if e.kind == UNKNOWN]
    assert unknown == [(("containerDefinitions", 0, "imag"), "imag")]


def _check_sources():
    for folder in ("templates", "checks"):
        base = os.path.join(ROOT, "ecslint", folder)
        if os.path.isdir(base):
            for name in sorted(os.listdir(base)):
                if name.endswith(".py"):
                    yield os.path.join(base, name)


def test_no_rule_reads_the_origin_or_the_document():
    """Rules ask the view (task_level_known, partial, observed, direct_request)."""
    offenders = []
    for path in _check_sources():
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("origin", "document"):
                offenders.append(f"{os.path.basename(path)}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.Constant) and node.value in {o.value for o in Origin}:
                offenders.append(f"{os.path.basename(path)}:{node.lineno} {node.value!r}")
    assert offenders == []
