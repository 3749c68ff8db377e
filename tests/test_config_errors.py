"""Config and policy errors in plain words: one line naming the file, line and column, exit
code 2, never jsonschema's own sentences, and a did-you-mean where a name is close."""

from __future__ import annotations

import os

import pytest

from cli_helpers import run

TD = '{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]}\n'
RAW = ("is not valid under any of the schemas", "oneOf", "anyOf", "does not match", "is a required property",
       "is not of type", "Additional properties")


def _config_error(tmp_path, config, *args):
    (tmp_path / ".ecslint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "td.json").write_text(TD, encoding="utf-8")
    code, out, err = run(["check", *args, "td.json"], cwd=tmp_path)
    assert (code, out) == (2, ""), err
    return err


@pytest.mark.parametrize("config,message", [
    ("rules:\n  mutable-image-tag: warn\n",
     '2:3: invalid config at /rules/mutable-image-tag: "warn" is not one of off, error, warning, info; '
     'did you mean "warning"?'),
    ("rules:\n  mutable-image-tag: {severity: warn}\n",
     '2:23: invalid config at /rules/mutable-image-tag/severity: "warn" is not one of off, error, warning, info; '
     'did you mean "warning"?'),
    ("rules:\n  mutable-image-tag: {severty: warning}\n",
     '2:23: invalid config at /rules/mutable-image-tag/severty: unknown key "severty"; did you mean "severity"?'),
    ("rules:\n  mutable-image-tag: 3\n",
     "2:3: invalid config at /rules/mutable-image-tag: expected one of off, error, warning, info or a mapping, got 3"),
    ("rules:\n  mutable-image-tag: {options: 3}\n",
     "2:23: invalid config at /rules/mutable-image-tag/options: expected a mapping, got 3"),
    ("rulez:\n  mutable-image-tag: error\n", '1:1: invalid config at /rulez: unknown key "rulez"; did you mean "rules"?'),
    ("fail-on: warnings\n",
     '1:1: invalid config at /fail-on: "warnings" is not one of error, warning, info, never; did you mean "warning"?'),
    ("ignore:\n  - {rule: ECS401, reason: ''}\n",
     "2:20: invalid config at /ignore/0/reason: must say why the finding is acceptable here; it is blank"),
    ("ignore:\n  - {rule: ECS401, reason: '   '}\n",
     "2:20: invalid config at /ignore/0/reason: must say why the finding is acceptable here; it is blank"),
    ("ignore:\n  - {rule: ECS401}\n", '2:5: invalid config at /ignore/0: missing "reason"'),
    ("ignore:\n  - {rule: ECS401, reason: r, pointer: containerDefinitions}\n",
     "2:31: invalid config at /ignore/0/pointer: must be a JSON pointer: empty, or starting with /"),
    ("ignore:\n  - {rule: ECS401, reason: r, containr: app}\n",
     '2:31: invalid config at /ignore/0/containr: unknown key "containr"; did you mean "container"?'),
    ("ignore:\n  - {rule: ECS401, reason: r, paths: []}\n", "2:31: invalid config at /ignore/0/paths: must not be an empty list"),
    ("ignore:\n  - {rule: '', reason: r}\n", "2:6: invalid config at /ignore/0/rule: must not be empty"),
    ("deploy-with:\n  '*.json': [aws-cl]\n",
     '2:14: invalid config at /deploy-with/*.json/0: "aws-cl" is not one of aws-cli, ecs-deploy-action, '
     'ecs-deploy-action@v1, ecs-render-action, ecspresso, codedeploy, cloudformation, terraform; did you mean "aws-cli"?'),
    ("exclude: legacy/**\n", '1:1: invalid config at /exclude: expected a list, got "legacy/**"'),
    ("- rules\n", '1:1: invalid config at the top level: expected a mapping, got ["rules"]'),
    ("rules:\n  mutable-image-tags: error\n",
     '2:3: unknown rule "mutable-image-tags" in rules; did you mean "mutable-image-tag"?'),
    ("ignore:\n  - {rule: secret-in-enviroment, reason: r}\n",
     '2:6: unknown rule "secret-in-enviroment" in ignore; did you mean "secret-in-environment"?'),
])
def test_config_errors_are_one_plain_line_at_the_node(tmp_path, config, message):
    err = _config_error(tmp_path, config)
    assert err == f"ecslint: error: .ecslint.yaml:{message}\n"
    assert not any(raw in err for raw in RAW)


@pytest.mark.parametrize("args,message", [
    (("--select", "mutable-image-tags"),
     '--select: unknown rule, name, id prefix or category "mutable-image-tags"; did you mean "mutable-image-tag"?'),
    (("--ignore", "ECS401,securty"),
     '--ignore: unknown rule, name, id prefix or category "securty"; did you mean "security"?'),
    (("--select", "zzzz"), '--select: unknown rule, name, id prefix or category "zzzz"'),
])
def test_unknown_rules_on_the_command_line_get_a_did_you_mean(tmp_path, args, message):
    (tmp_path / "td.json").write_text(TD, encoding="utf-8")
    code, out, err = run(["check", "--config", os.devnull, *args, "td.json"], cwd=tmp_path)
    assert (code, out, err) == (2, "", f"ecslint: error: {message}\n")


def test_a_pyproject_table_error_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ecslint]\nfail-on = "warnigs"\n', encoding="utf-8")
    (tmp_path / "td.json").write_text(TD, encoding="utf-8")
    code, _, err = run(["check", "td.json"], cwd=tmp_path)
    assert (code, err) == (2, 'ecslint: error: pyproject.toml: invalid config at /fail-on: "warnigs" is not one of '
                              'error, warning, info, never; did you mean "warning"?\n')


POLICY = """\
policies:
  - id: ORG-1
    name: ecr-only
    severity: error
    applies-to: [task-definition]
    summary: Image is not from ECR
    remediation: Use ECR.
    select: /containerDefinitions/*/image
"""


def _policy_error(tmp_path, text, command="check"):
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "td.json").write_text(TD, encoding="utf-8")
    args = ["check", "--config", os.devnull, "--policy", "p.yaml", "td.json"] if command == "check" else \
        ["policy", "test", "p.yaml"]
    code, out, err = run(args, cwd=tmp_path)
    assert (code, out) == (2, ""), (out, err)
    return err


@pytest.mark.parametrize("command", ["check", "test"])
@pytest.mark.parametrize("rest,message", [
    ("    assert: {patern: '^123456789012'}\n",
     '9:14: in "assert": unknown JSON Schema keyword "patern" (JSON Schema would ignore it); did you mean "pattern"?'),
    ("    assert: {type: string, maxLenght: 80}\n",
     '9:28: in "assert": unknown JSON Schema keyword "maxLenght" (JSON Schema would ignore it); did you mean "maxLength"?'),
    ("    assert: {not: {anyOf: [{pattern: ':latest$'}, {patten: '^nginx'}]}}\n",
     '9:52: in "assert": unknown JSON Schema keyword "patten" (JSON Schema would ignore it); did you mean "pattern"?'),
    ("    assert: {type: string}\n    when: {properties: {family: {cnst: web}}}\n",
     '10:34: in "when": unknown JSON Schema keyword "cnst" (JSON Schema would ignore it); did you mean "const"?'),
    ("    assert: {image: {pattern: x}}\n",
     '9:14: in "assert": unknown JSON Schema keyword "image" (JSON Schema would ignore it); to constrain a key of '
     'the value, put it under "properties"'),
    ("    assert: {additionalItems: false}\n",
     '9:14: in "assert": "additionalItems" is not a JSON Schema 2020-12 keyword (it is from an older draft); '
     "write the 2020-12 form, or name the draft in $schema"),
    ("    assert: {type: strng}\n",
     '9:14: "assert" is not a valid JSON Schema at /type: "strng" is not one of array, boolean, integer, null, '
     'number, object, string; did you mean "string"?'),
])
def test_a_policy_schema_with_a_misspelt_keyword_is_rejected(tmp_path, command, rest, message):
    err = _policy_error(tmp_path, POLICY + rest + "    message: 'image {value}'\n", command)
    assert err == f"ecslint: error: p.yaml:{message}\n"


def test_a_property_that_is_named_like_a_keyword_is_not_a_keyword(tmp_path):
    """Under properties, keys are the value's keys; in const/enum/default they are data."""
    (tmp_path / "p.yaml").write_text(POLICY.replace("/containerDefinitions/*/image", "''") + (
        "    assert: {properties: {patern: {const: {maxLenght: 1}}, x: {default: {nope: 1}}}}\n"
        "    message: m\n"), encoding="utf-8")
    (tmp_path / "td.json").write_text(TD, encoding="utf-8")
    code, _, err = run(["check", "--config", os.devnull, "--select", "ORG-1", "--policy", "p.yaml", "td.json"],
                       cwd=tmp_path)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("field,value,message", [
    ("id", "org_1", "2:5: invalid policy at /policies/0/id: must be upper-case letters and digits with an optional "
                    "hyphen, such as ORG-001 or SEC12"),
    ("name", "EcrOnly", "3:5: invalid policy at /policies/0/name: must be kebab-case (lower-case words joined by "
                        "hyphens), such as cost-center-tag"),
    ("summary", "Image is not from ECR.", "6:5: invalid policy at /policies/0/summary: must be one line without a "
                                          "final period"),
    ("severity", "warn", '4:5: invalid policy at /policies/0/severity: "warn" is not one of error, warning, info; '
                         'did you mean "warning"?'),
])
def test_policy_fields_are_explained_in_words(tmp_path, field, value, message):
    old = {"id": "ORG-1", "name": "ecr-only", "summary": "Image is not from ECR", "severity": "error"}[field]
    text = POLICY.replace(f"{field}: {old}", f"{field}: {value}") + "    assert: {type: string}\n    message: m\n"
    assert _policy_error(tmp_path, text) == f"ecslint: error: p.yaml:{message}\n"


def test_policy_test_fails_on_a_policy_without_tests(tmp_path):
    (tmp_path / "p.yaml").write_text(POLICY + "    assert: {pattern: '^123456789012\\\\.dkr'}\n    message: m\n",
                                     encoding="utf-8")
    code, out, err = run(["policy", "test", "p.yaml"], cwd=tmp_path)
    assert (code, err) == (1, "")
    assert out == ("p.yaml::ORG-1 ecr-only FAILED\n"
                   "    no tests: add `tests:` with a case that fires and one that must stay silent\n"
                   "0 passed, 1 failed; 1 policy without tests (ORG-1) in 1 file\n")


def test_policy_test_on_a_directory_without_policy_files_is_a_usage_error(tmp_path):
    (tmp_path / "policies").mkdir()
    code, out, err = run(["policy", "test", "policies"], cwd=tmp_path)
    assert (code, out, err) == (2, "", "ecslint: error: no policy files (*.yaml, *.yml) in policies\n")


@pytest.mark.parametrize("kind,doc,expected", [
    ("task-definition", TD, 'family "web" service "?" container "?"'),
    ("task-definition", '{"containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]}',
     'family "?" service "?" container "?"'),
    ("service", '{"serviceName": "api", "taskDefinition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3"}',
     'family "web" service "api" container "?"'),
    ("service", '{"serviceName": "api", "taskDefinition": "web"}', 'family "web" service "api" container "?"'),
])
def test_a_policy_message_never_prints_an_unfilled_placeholder(tmp_path, kind, doc, expected):
    """{family} of a service is the family its taskDefinition names; a name that cannot be
    known is "?", never the placeholder itself."""
    (tmp_path / "p.yaml").write_text(POLICY.replace("[task-definition]", f"[{kind}]").replace(
        "/containerDefinitions/*/image", "''") + "    assert: false\n"
        "    message: 'family \"{family}\" service \"{service}\" container \"{container}\"'\n", encoding="utf-8")
    (tmp_path / "doc.json").write_text(doc, encoding="utf-8")
    code, out, _ = run(["check", "--config", os.devnull, "--select", "ORG-1", "--policy", "p.yaml", "doc.json"],
                       cwd=tmp_path)
    assert out.splitlines()[0] == f"doc.json:1:1: error ORG-1 ecr-only: {expected}"


def test_no_value_of_any_shape_in_any_config_key_gives_a_raw_validator_message():
    """Every key of the config schema, and the nested ones, given each wrong shape."""
    import json

    from ecslint.schema_errors import first_error

    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", "ecslint", "config.schema.json"),
              encoding="utf-8") as fh:
        schema = json.load(fh)
    shapes = [3, 2.5, "", "x", True, None, [], [3], ["x"], {}, {"a": 3}, {"a": "x"}, {"a": [3]}, {"a": {"b": 1}}]
    nested = {"rules": lambda v: {"ECS401": v}, "ignore": lambda v: [v], "deploy-with": lambda v: {"*.json": v},
              "subnet-azs": lambda v: {"subnet-1": v}}
    messages = set()
    for key in schema["properties"]:
        for v in shapes:
            for value in [v, nested[key](v)] if key in nested else [v]:
                err = first_error(schema, {key: value})
                if err is not None:
                    messages.add(err[1])
                    assert not any(raw in err[1] for raw in RAW), (key, value, err)
    assert len(messages) > 20


def test_a_misspelt_message_placeholder_gets_a_did_you_mean(tmp_path):
    err = _policy_error(tmp_path, POLICY + "    assert: {type: string}\n    message: 'in {famly}'\n")
    assert err == 'ecslint: error: p.yaml:10:5: unknown placeholder "{famly}" in message; did you mean "{family}"?\n'


def test_a_misspelt_preset_in_extends_gets_a_did_you_mean(tmp_path):
    err = _config_error(tmp_path, "extends: recomended\n")
    assert err == ('ecslint: error: .ecslint.yaml:1:1: extends: "recomended" is neither a preset (recommended, all, '
                   'security-hub) nor a config file; did you mean "recommended"?\n')
