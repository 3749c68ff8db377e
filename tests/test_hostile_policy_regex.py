"""Regexes from policy files and rule options run on RE2: a catastrophic pattern against a
long value finishes at once, and a pattern RE2 cannot run in linear time is a config error."""

from __future__ import annotations

import json

from robustness import assert_sane, run_cli

POLICY = """policies:
  - id: ACME-1
    name: acme-registry
    severity: error
    applies-to: [task-definition]
    summary: Images come from our registry
    remediation: Use ours.
    template: image-registry
    params:
      allow: ['{pattern}']
"""


def test_catastrophic_policy_regex_runs_in_linear_time(tmp_path):
    (tmp_path / "p.yaml").write_text(POLICY.replace("{pattern}", "^(a+)+$"))
    td = {"family": "web", "containerDefinitions": [{"name": "app", "image": "a" * 100_000 + "!"}]}
    (tmp_path / "td.json").write_text(json.dumps(td))
    run = run_cli(["check", "--policy", str(tmp_path / "p.yaml"), "--select", "ACME-1", str(tmp_path / "td.json")])
    assert_sane(run)  # within the CPU budget: Python's re would backtrack for ever
    assert run.code == 1 and "ACME-1" in run.stdout


def test_pattern_without_a_linear_time_form_is_a_config_error(tmp_path):
    (tmp_path / "p.yaml").write_text(POLICY.replace("{pattern}", "^(?!evil).*"))
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "a", "image": "b:1"}]}')
    run = run_cli(["check", "--policy", str(tmp_path / "p.yaml"), str(tmp_path / "td.json")])
    assert_sane(run)
    assert run.code == 2
    assert 'invalid regular expression "^(?!evil).*"' in run.stderr
    assert "no backreferences or lookaround" in run.stderr
    assert "re2.cc" not in run.stderr  # RE2's own logging is off
