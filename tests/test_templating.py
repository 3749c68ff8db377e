"""Templated files: placeholders are never judged, unrendered templates get one ECS006, --var."""

from __future__ import annotations

import glob
import json
import os

import pytest
from click.testing import CliRunner

from helpers import SHARED, settings_for, triples
from ecslint.cli import cli
from ecslint.ecs.placeholders import is_placeholder
from ecslint.engine import lint_file, lint_text
from ecslint.model import pointer_tokens
from ecslint.source import parse

ALL_SCHEMA = ["ECS101", "ECS102", "ECS103", "ECS104"]
TD = '{"family": "web", "cpu": %s, "memory": "512", "containerDefinitions": [{"name": "app", "image": %s}]}'


def lint(text, select=ALL_SCHEMA + ["ECS001", "ECS006", "ECS401"], variables=None, name="td.json"):
    settings = settings_for(select)
    settings.variables = variables or {}
    return lint_text(name, text, settings)


@pytest.mark.parametrize("cpu", ['"{{ .cpu }}"', '"${CPU}"', '"{{ must_env `CPU` }}"', '"<CPU>"'])
def test_quoted_placeholders_are_not_schema_errors(cpu):
    assert triples(lint(TD % (cpu, '"nginx:1.27"')).findings) == []


def test_placeholder_stands_for_a_number_but_a_word_does_not():
    svc = {"serviceName": "web", "taskDefinition": "web", "desiredCount": "${COUNT}", "launchType": "${LT}"}
    assert triples(lint(json.dumps(svc), name="svc.json").findings) == []
    svc.update(desiredCount="two", launchType="FARGATEE")
    assert sorted(triples(lint(json.dumps(svc), name="svc.json").findings)) == [
        ("ECS103", "/desiredCount", '"desiredCount" must be an integer, not a string'),
        ("ECS104", "/launchType", '"FARGATEE" is not a valid launchType; expected one of: EC2, EXTERNAL, FARGATE, '
                                  'MANAGED_INSTANCES'),
    ]


def test_unquoted_placeholder_gives_one_finding():
    res = lint(TD % ("{{ .cpu }}", '"nginx:latest"'))
    assert [(f.rule, f.severity.name, f.region.line, f.region.column, f.message) for f in res.findings] == [
        ("ECS006", "WARNING", 1, 26, "the file is a template: {{ .cpu }} is not JSON until it is rendered; "
                                     "lint the rendered file or pass --var cpu=VALUE")]
    assert res.documents == 0


@pytest.mark.parametrize("cpu,image,variables", [
    ("{{ .cpu }}", '"nginx:latest"', {"cpu": '"256"'}),
    ("${cpu}", '"{{ must_env `IMAGE` }}"', {"cpu": '"256"', "IMAGE": "nginx:latest"}),
    ("$cpu", '"{{ env "IMAGE" "x" }}"', {"cpu": '"256"', "IMAGE": "nginx:latest"}),
])
def test_vars_render_the_file_and_it_is_linted(cpu, image, variables):
    res = lint(TD % (cpu, image), variables=variables)
    assert res.documents == 1
    assert triples(res.findings) == [
        ("ECS401", "/containerDefinitions/0/image", 'container "app" image "nginx:latest" uses the mutable tag "latest"')]


def test_a_placeholder_left_unset_is_still_reported():
    text = '{"family": "web", "cpu": ${cpu}, "memory": ${memory}, "containerDefinitions": []}'
    res = lint(text, variables={"cpu": '"256"'})
    assert [(f.rule, f.message) for f in res.findings] == [
        ("ECS006", "the file is a template: ${memory} is not JSON until it is rendered; "
                   "lint the rendered file or pass --var memory=VALUE")]


def test_real_syntax_errors_stay_syntax_errors():
    res = lint('{"family": "${FAMILY}", "cpu": "256",, "containerDefinitions": []}')
    assert [f.rule for f in res.findings] == ["ECS001"]
    res = lint('{"command": ["echo $HOME"], "family": $FAMILY}')  # a bare $NAME value is a template
    assert [f.rule for f in res.findings] == ["ECS006"]


def test_terraform_directives_and_go_actions():
    text = '{\n  "name": "app",\n  %{ if port != 0 ~}\n  "portMappings": [{"containerPort": ${port}}],\n' \
           '  %{ endif ~}\n  "image": "nginx:1.27"\n}'
    res = lint(text, name="c.json.tpl")
    assert [(f.rule, f.region.line, f.region.column) for f in res.findings] == [("ECS006", 3, 3)]


def test_yaml_template_actions():
    text = "family: web\n{{- if .Sidecar }}\nsidecar: true\n{{- end }}\ncontainerDefinitions: []\n"
    res = lint(text, name="td.yaml")
    assert [(f.rule, f.message) for f in res.findings] == [
        ("ECS006", "the file is a template: {{- if .Sidecar }} is not YAML until it is rendered; "
                   "lint the rendered file or pass --var NAME=VALUE for its variable")]


def test_cli_var_option(tmp_path):
    p = tmp_path / "td.json"
    p.write_text(TD % ("{{ .cpu }}", '"nginx:1.27"'))
    runner = CliRunner()
    r = runner.invoke(cli, ["check", str(p), "--format", "json", "--select", "ECS0,ECS1"])
    assert r.exit_code == 1 and [f["rule"] for f in json.loads(r.output)["findings"]] == ["ECS006"]
    r = runner.invoke(cli, ["check", str(p), "--format", "json", "--select", "ECS0,ECS1", "--var", "cpu=\"256\""])
    assert r.exit_code == 0 and json.loads(r.output)["findings"] == []
    r = runner.invoke(cli, ["check", str(p), "--var", "no-equals"])
    assert r.exit_code == 2 and "--var: expected NAME=VALUE" in r.output


TEMPLATED = sorted(glob.glob(os.path.join(SHARED, "corpus", "templated", "*.json"))
                   + glob.glob(os.path.join(SHARED, "corpus", "templated", "*.tpl"))
                   + glob.glob(os.path.join(SHARED, "corpus", "templated", "*.yml"))
                   + glob.glob(os.path.join(SHARED, "corpus", "tf-container-defs-json", "*")))


@pytest.mark.needs_corpus
def test_corpus_placeholders_are_never_judged():
    assert TEMPLATED, "no templated files in the shared corpus"
    settings = settings_for(preset="all")
    for path in TEMPLATED:
        res = lint_file(path, settings)
        assert res.findings or res.documents or res.skipped, path  # linted, or told why not
        with open(path, encoding="utf-8") as fh:
            src = parse(path, fh.read(), "auto")
        if src.error:
            assert {f.rule for f in res.findings} <= {"ECS001", "ECS006"}, path
            continue
        for f in res.findings:
            if f.rule == "ECS311":  # secret-placeholder-in-environment judges what a placeholder will hold
                continue
            value = src.documents[0].value
            for tok in pointer_tokens(f.pointer):
                value = value[tok] if isinstance(value, (dict, list)) else None
            assert not is_placeholder(value), (path, f)


@pytest.mark.needs_corpus
@pytest.mark.parametrize("name,expect", [
    ("0066__", ("ECS006", 5, "${cpu}")),
    ("0161__", ("ECS006", 5, "${service_cpu}")),
    ("0178__", ("ECS006", 5, "<ECS_SERVICE_COUNT>")),
])
def test_corpus_unrendered_files(name, expect):
    path = next(p for p in TEMPLATED if os.path.basename(p).startswith(name))
    res = lint_file(path, settings_for(preset="all"))
    assert [(f.rule, f.region.line) for f in res.findings] == [expect[:2]]
    assert expect[2] in res.findings[0].message


@pytest.mark.needs_corpus
def test_corpus_ecspresso_must_env_is_linted():
    path = next(p for p in TEMPLATED if os.path.basename(p).startswith("0001__"))
    res = lint_file(path, settings_for(preset="all"))
    assert res.documents == 1
    assert all(not f.rule.startswith("ECS1") for f in res.findings)


def _jsonnet_check(tmp_path, text, *args):
    from click.testing import CliRunner

    from ecslint.cli import cli

    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "ecs-task-def.jsonnet"
    path.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--config", os.devnull, "--select", "ECS401,ECS001", "--format", "json",
                                   "--fail-on", "never", "-v", *args, str(path)])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout), res.stderr


JSONNET_TD = ('local image = std.extVar("IMAGE");\n{\n  family: "web",\n'
              '  containerDefinitions: [{ name: "app", image: image, memory: 256 }],\n}\n')


def test_jsonnet_is_evaluated_with_vars_as_ext_vars(tmp_path):
    pytest.importorskip("_jsonnet")
    report, _ = _jsonnet_check(tmp_path, JSONNET_TD, "--var", "IMAGE=nginx:latest")
    assert [(f["rule"], f["pointer"], f["line"]) for f in report["findings"]] == [
        ("ECS401", "/containerDefinitions/0/image", 1)]


def test_jsonnet_imports_stay_inside_the_repository(tmp_path):
    pytest.importorskip("_jsonnet")
    report, stderr = _jsonnet_check(tmp_path, 'import "/etc/hostname"')
    assert report["findings"] == []
    assert "jsonnet evaluation failed" in stderr and "inside the repository" in stderr


def test_without_the_jsonnet_package_valid_jsonnet_is_skipped_not_a_syntax_error(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", lambda name, *a, **k: (_ for _ in ()).throw(ImportError(name))
                        if name == "_jsonnet" else real(name, *a, **k))
    report, stderr = _jsonnet_check(tmp_path, JSONNET_TD)
    assert report["findings"] == []
    assert "jsonnet is not evaluated: the jsonnet package is not installed" in stderr
