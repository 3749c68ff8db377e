"""Organisation policies: policy files, their strictness, their tests, templates, and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
import textwrap

import pytest
from click.testing import CliRunner

from helpers import ROOT
from ecslint.cli import cli
from ecslint.policies import load_policies, run_tests
from ecslint.registry import default_registry

EXAMPLES = os.path.join(ROOT, "examples", "policies")
TEMPLATE_CASES = os.path.join(ROOT, "tests", "fixtures", "policies", "templates.yaml")


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _cases(path):
    files = sorted(os.path.join(path, n) for n in os.listdir(path)) if os.path.isdir(path) else [path]
    return [pytest.param(r, id=f"{r.rule.id}:{r.name}") for r in run_tests(load_policies(files, default_registry()))]


@pytest.mark.parametrize("result", _cases(EXAMPLES) + _cases(TEMPLATE_CASES))
def test_policy_case(result):
    from ecslint.cases import describe_failure

    assert result.passed, describe_failure(result)


def test_each_example_fires_and_stays_silent():
    policies = load_policies(sorted(os.path.join(EXAMPLES, n) for n in os.listdir(EXAMPLES)), default_registry())
    assert len({p.path for p in policies}) >= 6
    for p in policies:
        assert any(c["expect"] for c in p.tests), f"{p.rule.id} has no case that fires"
        assert any(not c["expect"] for c in p.tests), f"{p.rule.id} has no case that stays silent"
        for c in p.tests:  # every firing expectation names the exact message, or at least the pointer
            assert all("pointer" in e for e in c["expect"])


def test_policy_test_command_passes_on_examples():
    res = invoke("policy", "test", EXAMPLES)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[-1] == "22 passed, 0 failed in 6 files"
    assert f"{os.path.join(EXAMPLES, 'cost-center-tag.yaml')}::ORG-002 cost-center-tag::a valid cost centre passes PASSED" in lines


def test_wrong_expectation_fails_with_a_readable_diff(tmp_path):
    with open(os.path.join(EXAMPLES, "service-behind-load-balancer.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    text = text.replace("""          - pointer: ""
            message: 'service "web" has no load balancer'
      - name: an empty list""", """          - pointer: ""
            message: 'service "web" has no LB'
      - name: an empty list""", 1)
    text = text.replace("      - name: a daemon service is exempt\n        input: {serviceName: agent, taskDefinition: agent, schedulingStrategy: DAEMON}\n        expect: []",
                        "      - name: a daemon service is exempt\n        input: {serviceName: agent, taskDefinition: agent, schedulingStrategy: DAEMON}\n        expect: [{pointer: /schedulingStrategy}]")
    path = tmp_path / "lb.yaml"
    path.write_text(text, encoding="utf-8")
    res = invoke("policy", "test", str(path))
    assert res.exit_code == 1
    out = res.output
    assert f"{path}::ORG-005 service-behind-load-balancer::a service without loadBalancers fires on the document FAILED" in out
    assert textwrap.dedent("""\
        FAILED
            - expected, not reported / + reported, not expected:
            - (document): service "web" has no LB
            + (document): service "web" has no load balancer
            actual findings:
              (document): service "web" has no load balancer
        """) in out
    assert "    - /schedulingStrategy (any message)\n    actual findings: none\n" in out
    assert out.splitlines()[-1] == "2 passed, 2 failed in 1 file"


def test_check_with_policy_reports_at_the_exact_place(tmp_path):
    td = tmp_path / "td.json"
    td.write_text(json.dumps({"family": "web", "containerDefinitions": [
        {"name": "app", "image": "nginx:1.27", "memory": 256}]}, indent=2), encoding="utf-8")
    res = invoke("check", "--format", "json", "--select", "ORG-001,ORG-002",
                 "--policy", os.path.join(EXAMPLES, "ecr-images-only.yaml"),
                 "--policy", os.path.join(EXAMPLES, "cost-center-tag.yaml"), str(td))
    assert res.exit_code == 1, res.output
    found = [(f["rule"], f["pointer"], f["line"], f["column"], f["message"]) for f in json.loads(res.output)["findings"]]
    assert found == [
        ("ORG-002", "", 1, 1, 'task definition "web" has no "cost-center" tag'),
        ("ORG-001", "/containerDefinitions/0/image", 6, 7,
         'container "app" image "nginx:1.27" matches none of the allowed patterns: '
         '"^123456789012\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/"'),
    ]


def test_config_policies_are_relative_to_the_config(tmp_path):
    (tmp_path / "policies").mkdir()
    src = os.path.join(EXAMPLES, "max-task-size.yaml")
    (tmp_path / "policies" / "size.yaml").write_text(Path(src).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".ecslint.yaml").write_text("policies: ['policies/*.yaml']\n", encoding="utf-8")
    td = tmp_path / "td.json"
    td.write_text(json.dumps({"family": "b", "cpu": "8192", "memory": "16384",
                              "containerDefinitions": [{"name": "w", "image": "b:1", "memory": 64}]}), encoding="utf-8")
    res = invoke("check", "--config", str(tmp_path / ".ecslint.yaml"), "--select", "policy", "--format", "json", str(td))
    triples = [(f["rule"], f["pointer"], f["message"]) for f in json.loads(res.output)["findings"]]
    assert triples == [("ORG-003", "/cpu", 'task definition "b" cpu is 8192 CPU units, above the maximum of 4096')]
    res = invoke("rules", "--config", str(tmp_path / ".ecslint.yaml"))
    assert "ORG-003 task-size-limit" in res.output
    res = invoke("explain", "task-size-limit", "--config", str(tmp_path / ".ecslint.yaml"))
    assert res.exit_code == 0 and res.output.startswith("# ORG-003 task-size-limit\n\nTask is larger than 4 vCPU or 16 GB.")
    res = invoke("policy", "test", "--config", str(tmp_path / ".ecslint.yaml"))
    assert res.exit_code == 0 and res.output.splitlines()[-1] == "3 passed, 0 failed in 1 file"


GOOD = """\
policies:
  - id: ACME-1
    name: acme-rule
    severity: error
    applies-to: [task-definition]
    summary: Something
    remediation: Fix it.
"""

BAD = [
    ("unknown key", GOOD + "    template: image-registry\n    params: {allow: [x]}\n    colour: red\n",
     "10:5", 'unknown key "colour" in policy; expected one of: '),
    ("unknown template", GOOD + "    template: no-such-thing\n", "8:5", 'unknown template "no-such-thing"; available: '),
    ("bad parameter", GOOD + "    template: image-registry\n    params: {allow: [x], colour: red}\n",
     "9:26", 'invalid params for template "image-registry" at /colour: unknown key "colour"'),
    ("invalid regex", GOOD + "    template: image-registry\n    params:\n      allow: ['ok', '(unclosed']\n",
     "10:21", 'invalid regular expression "(unclosed": missing ), unterminated subpattern at position 0'),
    ("invalid regex in assert", GOOD + "    select: /family\n    assert: {pattern: '[z-a]'}\n    message: m\n",
     "9:14", 'invalid regular expression "[z-a]": bad character range z-a at position 1'),
    ("invalid JSON Schema", GOOD + "    select: /family\n    assert: {type: strung}\n    message: m\n",
     "9:14", '"assert" is not a valid JSON Schema at /type: "strung" is not one of array, boolean, integer, null, '
             'number, object, string; did you mean "string"?'),
    ("bad placeholder", GOOD + "    select: /family\n    assert: {const: x}\n    message: 'bad {colour}'\n",
     "10:5", 'unknown placeholder "{colour}" in message; available: {container}, {family}, {service}, {key}, {pointer}, {value}'),
    ("ECS id", GOOD.replace("ACME-1", "ECS999") + "    template: image-registry\n    params: {allow: [x]}\n",
     "2:5", 'policy id "ECS999" starts with ECS, which is reserved for built-in rules; use your own prefix such as ORG-001'),
    ("id against built-in name", GOOD.replace("acme-rule", "mutable-image-tag") + "    template: image-registry\n    params: {allow: [x]}\n",
     "3:5", 'policy name "mutable-image-tag" is already used by built-in rule ECS401 mutable-image-tag'),
    ("duplicate id", GOOD + "    template: image-registry\n    params: {allow: [x]}\n" + GOOD.split("policies:\n")[1].replace("acme-rule", "other")
     + "    template: image-registry\n    params: {allow: [y]}\n",
     "10:5", 'policy id "ACME-1" is already used by '),
    ("both mechanisms", GOOD + "    template: image-registry\n    select: /family\n",
     "9:5", '"select" belongs to select + assert policies; a policy uses either template + params or select + assert + message'),
    ("neither mechanism", GOOD, "2:5", 'a policy needs "template" (with "params") or "select" + "assert" + "message"'),
    ("wrong kind for template", GOOD.replace("[task-definition]", "[service]") + "    template: image-registry\n    params: {allow: [x]}\n",
     "5:5", 'template "image-registry" does not check service documents; it checks: task-definition'),
    ("schema: bad severity", GOOD.replace("severity: error", "severity: fatal") + "    template: image-registry\n    params: {allow: [x]}\n",
     "4:5", 'invalid policy at /policies/0/severity: "fatal" is not one of'),
    ("schema: bad id", GOOD.replace("ACME-1", "acme_1") + "    template: image-registry\n    params: {allow: [x]}\n",
     "2:5", "invalid policy at /policies/0/id: must be upper-case letters and digits with an optional hyphen, "
            "such as ORG-001 or SEC12"),
    ("duplicate key", GOOD + "    template: image-registry\n    params: {allow: [x]}\n    severity: info\n",
     "10:5", 'key "severity" appears more than once'),
    ("invalid YAML", "policies: [\n", "2:1", "invalid YAML: "),
    ("not a policy file", "rules: []\n", "1:1", 'unknown key "rules" at the top level of a policy file; expected "policies"'),
    ("remote $ref", GOOD + "    select: /family\n    assert: {$ref: 'https://example.com/s.json'}\n    message: m\n",
     "9:14", '"$ref" "https://example.com/s.json" points outside the policy; only local references (#/...) are allowed'),
    ("params need one of", GOOD + "    template: image-registry\n    params: {}\n",
     "9:5", 'template "image-registry" needs at least one of: "allow", "deny"'),
    ("engine template", GOOD + "    template: engine\n", "8:5", 'the "engine" template is not available to policies'),
    ("bad message braces", GOOD + "    select: /family\n    assert: {const: x}\n    message: 'a {'\n",
     "10:5", "invalid message: Single '{' encountered in format string; write a literal brace as {{ or }}"),
]


@pytest.mark.parametrize("text,where,message", [pytest.param(t, w, m, id=n) for n, t, w, m in BAD])
@pytest.mark.parametrize("command", ["check", "test"])
def test_policy_file_errors_are_located(tmp_path, text, where, message, command):
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    td = tmp_path / "td.json"
    td.write_text('{"family": "a", "containerDefinitions": [{"name": "c", "image": "i:1", "memory": 64}]}', encoding="utf-8")
    res = invoke("check", "--policy", str(path), str(td)) if command == "check" else invoke("policy", "test", str(path))
    assert res.exit_code == 2
    assert res.output == "" or "Traceback" not in res.output
    err = res.stderr if hasattr(res, "stderr") else res.output
    assert err.startswith(f"ecslint: error: {path}:{where}: {message}"), err
    assert len(err.strip().splitlines()) == 1


def test_missing_policy_path_is_an_error(tmp_path):
    res = invoke("policy", "test", str(tmp_path / "nope.yaml"))
    assert res.exit_code == 2
    assert "no such policy file" in res.stderr
    res = invoke("check", "--policy", str(tmp_path / "*.yaml"), str(tmp_path))
    assert res.exit_code == 2 and "matches no file" in res.stderr


def test_policy_schema_agrees_with_reference_validator():
    """The shipped policy schema is a valid 2020-12 schema and accepts every example file."""
    import jsonschema

    from ecslint.policies import _schema
    from ecslint.source import parse_yaml

    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in sorted(os.listdir(EXAMPLES)):
        with open(os.path.join(EXAMPLES, name), encoding="utf-8") as fh:
            value = parse_yaml(name, fh.read()).documents[0].value
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(value)) == []


def test_docs_cover_every_policy_template_and_example():
    from ecslint.registry import template, template_names

    with open(os.path.join(ROOT, "docs", "writing-policies.md"), encoding="utf-8") as fh:
        doc = fh.read()
    for name in sorted(os.listdir(EXAMPLES)):
        assert f"(../examples/policies/{name})" in doc, name
    from ecslint.registry import builtin_rules

    # Templates that built-in rules run are documented with those rules; the rest exist for policies.
    builtin_only = {r.template for r in builtin_rules()} | {"engine", "select-assert"}
    for name in template_names():
        if name in builtin_only:
            continue
        assert f"### {name} (" in doc, name
        section = doc.split(f"### {name} (", 1)[1].split("\n### ", 1)[0]
        for param in template(name).params_schema.get("properties", {}):
            assert f"`{param}`" in section, (name, param)


def test_a_case_whose_input_the_policy_never_sees_fails(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD + "    template: image-registry\n    params: {allow: [x]}\n    tests:\n"
                    "      - {name: not ecs, input: {foo: 1}, expect: []}\n"
                    "      - {name: a service, input: {serviceName: s, taskDefinition: t}, expect: []}\n", encoding="utf-8")
    res = invoke("policy", "test", str(path))
    assert res.exit_code == 1
    assert res.output.splitlines()[1:] == [
        "    note: the input is not an ECS document (not an ECS task or service definition); set kind: task-definition or service",
        "    actual findings: none",
        f"{path}::ACME-1 acme-rule::a service FAILED",
        "    note: the input is a service, but the policy applies to task-definition",
        "    actual findings: none",
        "0 passed, 2 failed in 1 file",
    ]


def test_builtin_declarative_rules_pass_the_policy_checks():
    """Built-in select + assert rules in rules/ are held to the same checks as user policies."""
    from ecslint.policies import check_select_assert
    from ecslint.registry import builtin_rules

    def fail(tokens, message):
        raise AssertionError(f"{tokens}: {message}")

    for rule in builtin_rules():
        if rule.template == "select-assert":
            check_select_assert(rule.params, fail)


def test_select_assert_value_placeholder_is_bounded():
    from ecslint.templates.select_assert import fill

    data = {"family": "f", "containerDefinitions": [{"name": "c", "command": ["x" * 200]}]}
    msg = fill("{container} {family} {key} {pointer} {value}", data, ("containerDefinitions", 0, "command"),
               data["containerDefinitions"][0]["command"])
    assert msg == "c f command /containerDefinitions/0/command " + json.dumps(["x" * 200])[:77] + "..."


def test_fill_leaves_no_placeholder_unfilled():
    """A name that is absent or cannot be known prints as the labels' "?"."""
    from ecslint.ecs.placeholders import UNKNOWN
    from ecslint.templates.select_assert import fill

    message = "{family} {service} {container} {key} {pointer}"
    assert fill(message, {"containerDefinitions": [{"name": UNKNOWN}]}, ("containerDefinitions", 0, "x")) == (
        "? ? ? x /containerDefinitions/0/x")
    assert fill(message, {"family": "web", "containerDefinitions": [{"name": "app"}]}, ("family",)) == (
        "web ? ? family /family")
    assert fill("{pointer}", {"a/b": 1}, ("a/b",)) == "/a~1b"  # RFC 6901, like every finding's pointer
