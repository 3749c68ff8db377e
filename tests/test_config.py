"""`.ecslint.yaml`: extends by path (relative, cycles), scoped ignore validation with
file:line:col, and the precedence defaults < preset < file < command line."""

from __future__ import annotations

import os

import pytest

from cli_helpers import run
from ecslint.config import load_config, build_settings
from ecslint.model import EcslintError, Severity
from ecslint.registry import default_registry

TD = '{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 512}]}\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def error_of(path):
    with pytest.raises(EcslintError) as info:
        cfg = load_config(str(path))
        build_settings(default_registry(), cfg)
    return str(info.value)


def test_extends_a_path_relative_to_the_file(tmp_path):
    write(tmp_path / "shared" / "base.yaml",
          "extends: all\nfail-on: warning\nrules:\n  mutable-image-tag: error\n  ECS501: info\n"
          "exclude: ['legacy/**']\nsubnet-azs: {subnet-1: eu-west-1a}\n"
          "ignore:\n  - {rule: ECS301, paths: ['x.json'], reason: base reason}\n")
    child = write(tmp_path / "app" / ".ecslint.yaml",
                  "extends: ../shared/base.yaml\nrules:\n  ECS501: warning\nsubnet-azs: {subnet-2: eu-west-1b}\n"
                  "ignore:\n  - {rule: ECS401, reason: child reason}\n")
    cfg = load_config(str(child))
    assert cfg.extends == "all"
    assert cfg.fail_on == "warning"
    assert cfg.rules == {"mutable-image-tag": "error", "ECS501": "warning"}
    assert cfg.subnet_azs == {"subnet-1": "eu-west-1a", "subnet-2": "eu-west-1b"}
    assert cfg.exclude == ["../shared/legacy/**"]
    assert [(i.rule, i.reason, i.base) for i in cfg.ignore] == [
        ("ECS301", "base reason", str(tmp_path / "shared")), ("ECS401", "child reason", str(tmp_path / "app"))]
    settings = build_settings(default_registry(), cfg)
    assert settings.rules["ECS401"][1] == Severity.ERROR
    assert settings.rules["ECS501"][1] == Severity.WARNING


def test_extends_cycle_is_an_error_with_position(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "fail-on: info\nextends: a.yaml\n")
    message = error_of(tmp_path / "a.yaml")
    assert message == f"{tmp_path / 'b.yaml'}:2:1: extends: cycle: a.yaml -> b.yaml -> a.yaml"


def test_extends_self_is_a_cycle(tmp_path):
    write(tmp_path / "a.yaml", "extends: ./a.yaml\n")
    assert "cycle" in error_of(tmp_path / "a.yaml")


def test_extends_missing_file_or_unknown_preset(tmp_path):
    write(tmp_path / "c.yaml", "rules: {}\nextends: strict\n")
    assert error_of(tmp_path / "c.yaml") == (
        f'{tmp_path / "c.yaml"}:2:1: extends: "strict" is neither a preset (recommended, all, security-hub) nor a config file')


def test_unknown_rule_in_ignore_has_position(tmp_path):
    write(tmp_path / "c.yaml", "ignore:\n  - rule: mutable-image-tags\n    reason: r\n")
    assert error_of(tmp_path / "c.yaml") == (
        f'{tmp_path / "c.yaml"}:2:5: unknown rule "mutable-image-tags" in ignore; did you mean "mutable-image-tag"?')


def test_unknown_rule_in_extended_file_points_there(tmp_path):
    write(tmp_path / "base.yaml", "rules:\n  no-such-rule: off\n")
    write(tmp_path / "c.yaml", "extends: base.yaml\n")
    assert error_of(tmp_path / "c.yaml") == f'{tmp_path / "base.yaml"}:2:3: unknown rule "no-such-rule" in rules'


@pytest.mark.parametrize("entry,where,fragment", [
    ("  - rule: ECS401\n", "2:5", "reason"),
    ("  - rule: ECS401\n    reason: '  '\n", "3:5", "/reason"),
    ("  - rule: ECS401\n    reason: r\n    paths: []\n", "4:5", "/paths"),
    ("  - rule: ECS401\n    reason: r\n    pointer: containerDefinitions\n", "4:5", "/pointer"),
    ("  - rule: ECS401\n    reason: r\n    contianer: app\n", "4:5", '/contianer: unknown key "contianer"'),
])
def test_invalid_ignore_entries(tmp_path, entry, where, fragment):
    write(tmp_path / "c.yaml", "ignore:\n" + entry)
    message = error_of(tmp_path / "c.yaml")
    assert message.startswith(f"{tmp_path / 'c.yaml'}:{where}: invalid config at /ignore/0"), message
    assert fragment in message


def test_bad_config_is_exit_2_with_one_line(tmp_path):
    write(tmp_path / "td.json", TD)
    write(tmp_path / ".ecslint.yaml", "ignore:\n  - rule: nope\n    reason: r\n")
    code, out, err = run(["check", "td.json"], cwd=tmp_path)
    assert code == 2 and out == ""
    assert err == 'ecslint: error: .ecslint.yaml:2:5: unknown rule "nope" in ignore\n'
    assert "Traceback" not in err and err.count("\n") == 1


def test_precedence_defaults_preset_file_command_line(tmp_path):
    write(tmp_path / "td.json", TD)
    # default: ECS401 is a warning, so exit 1 with the default fail-on warning
    assert run(["check", "td.json"], cwd=tmp_path)[0] == 1
    assert run(["check", "--fail-on", "error", "td.json"], cwd=tmp_path)[0] == 0
    # file raises it to error
    write(tmp_path / ".ecslint.yaml", "rules:\n  mutable-image-tag: error\n")
    assert run(["check", "td.json"], cwd=tmp_path)[0] == 1
    # command line wins over the file
    assert run(["check", "--ignore", "ECS401", "--fail-on", "error", "td.json"], cwd=tmp_path)[0] == 0
    assert run(["check", "--fail-on", "never", "td.json"], cwd=tmp_path)[0] == 0


@pytest.mark.parametrize("kind,title_or_def", [
    ("task-definition", "RegisterTaskDefinitionRequest"), ("service", "CreateServiceRequest"), ("config", ".ecslint.yaml"),
    ("report", "ecslint --format json report")])
def test_schema_command_prints_valid_json_schema(kind, title_or_def):
    import json

    import jsonschema

    code, out, err = run(["schema", kind])
    assert code == 0 and err == ""
    schema = json.loads(out)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert title_or_def in out


def test_schema_command_validates_a_config_file(tmp_path):
    import json

    import jsonschema

    schema = json.loads(run(["schema", "config"])[1])
    good = {"extends": "../base.yaml", "ignore": [{"rule": "ECS401", "paths": ["a/*.json"], "reason": "r"}]}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"ignore": [{"rule": "ECS401"}]}, schema)


def test_schema_command_unknown_kind_is_usage_error():
    code, _, err = run(["schema", "pod"])
    assert code == 2 and "Invalid value" in err
