"""The plugin's own tests, run after installing it: ecslint finds the rule through the
`ecslint.rules` entry point and runs it with the real engine."""

import json

from ecslint import api
from ecslint.registry import default_registry


def findings(document):
    run = api.configure(find=False, preset="all", select=["EXA-001"])
    report = api.lint_text(json.dumps(document, indent=2), "td.json", run)
    return [(f.rule, f.pointer, f.message) for f in report.findings]


def test_the_entry_point_registers_the_rule():
    rule = default_registry().get("essential-container-health-check")
    assert (rule.id, rule.template, rule.category) == ("EXA-001", "essential-health-check", "reliability")


def test_fires_on_an_essential_container_without_health_check():
    doc = {"family": "web", "containerDefinitions": [
        {"name": "app", "image": "web:1", "memory": 256},
        {"name": "init", "image": "init:1", "memory": 64, "essential": False}]}
    assert findings(doc) == [("EXA-001", "/containerDefinitions/0", 'essential container "app" has no healthCheck')]


def test_silent_with_a_health_check():
    doc = {"family": "web", "containerDefinitions": [
        {"name": "app", "image": "web:1", "memory": 256, "healthCheck": {"command": ["CMD", "true"]}}]}
    assert findings(doc) == []
