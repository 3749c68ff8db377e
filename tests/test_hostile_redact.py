"""Sensitive values never reach a message, whole or shortened, and hiding them costs time
linear in the findings (a sensitive `container_definitions` of 10,000 containers took 66 s
against 0.7 s unmarked)."""

from __future__ import annotations

import json
import time

from helpers import settings_for
from ecslint import gc_policy
from ecslint.engine import lint_text
from ecslint.redact import Redactor


def _plan(containers, sensitive=True):
    values = {"family": "web", "cpu": "256", "memory": "512", "network_mode": "awsvpc",
              "requires_compatibilities": ["FARGATE"], "container_definitions": json.dumps(containers)}
    resource = {"address": "aws_ecs_task_definition.web", "mode": "managed", "type": "aws_ecs_task_definition",
                "name": "web", "values": values,
                "sensitive_values": {"container_definitions": sensitive}}
    return json.dumps({"format_version": "1.2", "planned_values": {"root_module": {"resources": [resource]}}})


SECRET_IMAGE = "registry.example.com/team-secret-token-q3egrzt7xumb5n2k" * 3 + "@sha256:abc"  # bad digest, > 80


def test_a_shortened_sensitive_value_is_redacted():
    containers = [{"name": "app", "image": SECRET_IMAGE, "essential": True}]
    for sensitive in (True, False):
        findings = lint_text("plan.json", _plan(containers, sensitive), settings_for()).findings
        text = "\n".join(f.message for f in findings)
        assert ("team-secret" in text) is (not sensitive), text  # the rule does quote it when not marked
    findings = lint_text("plan.json", _plan(containers), settings_for()).findings
    assert any("(sensitive)" in f.message for f in findings)


def test_redactor_whole_texts_cut_prefixes_and_longest_first():
    r = Redactor(["hunter2-prod", "hunter2-prod-Pa55", "abc", "registry/secret-image:1"])
    assert r('value "hunter2-prod-Pa55" and "hunter2-prod"') == 'value "(sensitive)" and "(sensitive)"'
    assert r('image "registry/secr..." is invalid') == 'image "(sensitive)" is invalid'
    assert r("abc is too short to hide; a cut regi... is not") == "abc is too short to hide; a cut (sensitive) is not"
    assert r("nothing here") == "nothing here"


def test_redaction_is_linear_in_containers():
    def run(sensitive):
        containers = [{"name": f"app-{i}", "image": f"nginx:{i}", "essential": i == 0,
                       "environment": [{"name": "MODE", "value": f"value-{i}"}]} for i in range(2_000)]
        text = _plan(containers, sensitive)
        with gc_policy.rare_collection():  # the command line's collector policy (test_hostile._timed_lint)
            start = time.process_time()
            result = lint_text("plan.json", text, settings_for())
            return time.process_time() - start, result

    plain, plain_result = run(False)
    marked, marked_result = run(True)
    assert len(marked_result.findings) == len(plain_result.findings) > 2_000
    assert any("(sensitive)" in f.message for f in marked_result.findings)
    assert marked < 2 * plain + 1.0, (marked, plain)


def test_secret_looking_parts_of_any_message_are_hidden():
    from ecslint.ecs.secrets import redact_secrets

    assert redact_secrets('healthCheck "CMD-SHELL curl -fsS -H \'Authorization: Bearer eyJabc.def-123\' '
                          'http://localhost/health"') == ('healthCheck "CMD-SHELL curl -fsS -H \'Authorization: '
                                                          'Bearer (secret)\' http://localhost/health"')
    assert redact_secrets("proxy-authorization:basic dXNlcjpwYXNz") == "proxy-authorization:basic (secret)"
    assert redact_secrets("db postgres://app:pw-12345@db/x") == "db postgres://app:(secret)@db/x"
    assert redact_secrets("key AKIAQ3EGRZT7XUMB5N2K here") == "key (secret) here"
    assert redact_secrets("an ordinary message about port 8080") == "an ordinary message about port 8080"
    # through a rule that quotes the value (a malformed image reference)
    token = "ghp_" + "a1B2c3D4e5" * 4
    td = {"family": "web", "containerDefinitions": [{"name": "a", "image": f"registry.example.com/{token}@sha256:1"}]}
    findings = lint_text("td.json", json.dumps(td), settings_for()).findings
    assert any("(secret)" in f.message for f in findings)
    assert not any(token[:20] in f.message for f in findings)


def test_var_errors_never_echo_the_value():
    from robustness import assert_sane, run_cli

    for arg in ("hunter2-prod-Pa55", "bad name=hunter2-prod-Pa55"):
        run = run_cli(["check", "--var", arg, "-"], stdin=b"{}")
        assert_sane(run)
        assert run.code == 2 and "--var" in run.stderr
        assert "hunter2" not in run.output
