"""Meta-tests over the rule set: ids, names, metadata, docs, fixtures and generated pages."""

from __future__ import annotations

import json
import os
from pathlib import Path
import re
import subprocess
import sys

import pytest

from helpers import ROOT, SUPPRESSION_RULES, json_stream, lint_cli, lint_files, lint_value
from ecslint.registry import CATEGORIES, Registry, builtin_rules, template

RULES = builtin_rules()
AREAS = {"0": {"engine"}, "1": {"schema", "networking", "resources", "reliability"}, "2": {"fargate"},
         "3": {"security"}, "4": {"reliability", "resources"}, "5": {"logging"}, "6": {"service", "security", "reliability"}}


def test_ids_and_names_are_unique_and_well_formed():
    Registry(RULES)  # raises on a duplicate id, name or alias
    for r in RULES:
        assert re.fullmatch(r"ECS\d{3}", r.id), r.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert os.path.basename(r.source) == f"{r.id}-{r.name}.yaml", r.source


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_metadata_is_complete(rule):
    assert rule.category in CATEGORIES
    assert rule.category in AREAS[rule.id[3]], f"{rule.id} {rule.category} is outside its id area"
    assert rule.summary and not rule.summary.endswith("."), "summary: no final period"
    assert rule.remediation.endswith("."), "remediation ends with a period"
    assert rule.references and all(u.startswith("https://") for u in rule.references)
    for key in ("what", "why", "example", "use-instead", "when-to-ignore"):
        assert rule.docs.get(key, "").strip(), f"docs.{key} is missing"
    if rule.security_severity is not None:
        assert rule.category == "security" and 0 < rule.security_severity <= 10
    template(rule.template)  # the template exists


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_docs_example_fires_and_fix_does_not(rule):
    example = rule.docs["example"]
    fixed = rule.docs["use-instead"]
    if template(rule.template).pair:  # a service and its task definition, one after the other
        bad = [f for f in lint_files(json_stream(example), [rule.id]) if f.rule == rule.id]
        good = [f for f in lint_files(json_stream(fixed), [rule.id]) if f.rule == rule.id]
    elif rule.id in SUPPRESSION_RULES:
        bad, good = lint_cli(example, rule.id), lint_cli(fixed, rule.id)
    else:
        bad = [f for f in lint_value(example, [rule.id]) if f.rule == rule.id]
        good = [f for f in lint_value(fixed, [rule.id]) if f.rule == rule.id]
    assert bad, f"{rule.id}: the Example does not fire"
    assert good == [], f"{rule.id}: the Use instead fires: {good}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_firing_and_quiet_cases(rule):
    path = os.path.join(ROOT, "fixtures", "rules", f"{rule.id}.yaml")
    assert os.path.exists(path), f"fixtures/rules/{rule.id}.yaml is missing"
    from ecslint.source import parse_yaml

    spec = parse_yaml(path, Path(path).read_text(encoding="utf-8")).documents[0].value
    assert spec["rule"] == rule.id
    assert any(c.get("expect") for c in spec["cases"]), "no case that fires"
    assert any(not c.get("expect") for c in spec["cases"]), "no case that stays quiet"


def test_generated_docs_are_current():
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_explain_works_for_every_rule():
    from click.testing import CliRunner

    from ecslint.cli import cli

    runner = CliRunner()
    for r in RULES:
        for key in (r.id, r.name):
            res = runner.invoke(cli, ["explain", key])
            assert res.exit_code == 0, res.output
            assert res.output.startswith(f"# {r.id} {r.name}\n")
            assert "## What it does" in res.output and "## References" in res.output


def test_rules_json_listing():
    from click.testing import CliRunner

    from ecslint.cli import cli

    res = CliRunner().invoke(cli, ["rules", "--format", "json"])
    rows = json.loads(res.output)
    assert [r["id"] for r in rows] == sorted(r.id for r in RULES)
    assert all({"id", "name", "severity", "summary"} <= set(r) for r in rows)


def test_rule_index_cache_is_used_and_a_stale_entry_is_reparsed(tmp_path):
    """rules/index.json is a cache keyed by content hash: an edited YAML wins over it."""
    import shutil
    from pathlib import Path

    from ecslint.registry import rule_definitions

    src = Path(ROOT) / "rules"
    for p in src.iterdir():
        shutil.copy(p, tmp_path / p.name)
    edited = tmp_path / "ECS401-mutable-image-tag.yaml"
    edited.write_text(edited.read_text().replace("severity: warning", "severity: error"))
    defs = dict((name, d) for name, d in rule_definitions(tmp_path))
    assert defs["ECS401-mutable-image-tag.yaml"]["severity"] == "error"
    assert defs["ECS201-invalid-fargate-size.yaml"]["id"] == "ECS201"


def test_installed_rules_are_read_from_the_index_alone(tmp_path):
    """The rules a wheel ships are read from its index without reading each YAML file: the
    same definitions, in the same order, as the checked read of the same folder."""
    import shutil
    from pathlib import Path

    from ecslint.registry import rule_definitions

    src = Path(ROOT) / "rules"
    for p in src.iterdir():
        shutil.copy(p, tmp_path / p.name)
    assert rule_definitions(tmp_path, installed=True) == rule_definitions(tmp_path)
    (tmp_path / "ECS401-mutable-image-tag.yaml").write_text("not: [valid")  # never read
    assert rule_definitions(tmp_path, installed=True) == rule_definitions(src)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_builtin_params_fit_their_template(rule):
    """build_settings skips this check for built-in rules run with their own params."""
    import jsonschema

    tmpl = template(rule.template)
    fixed = {k: v for k, v in rule.params.items() if k not in rule.options}
    if not tmpl.engine and fixed:
        jsonschema.validate(fixed, tmpl.params_schema)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_option_is_declared_in_full(rule):
    """An option is a JSON Schema with a description and a default that fits it; the check
    runs with that default when no config sets the option."""
    import jsonschema

    for name, spec in rule.options.items():
        assert spec.get("description", "").strip(), f"{rule.id} option {name}: no description"
        assert "default" in spec, f"{rule.id} option {name}: no default"
        jsonschema.Draft202012Validator.check_schema(spec)
        jsonschema.validate(spec["default"], spec)
        assert rule.params[name] == spec["default"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_documented_options_are_exactly_the_settable_ones(rule):
    """The Options section of the rule's page lists the declared options, a config may set
    each of them, and nothing else: not the rule's fixed params, nor any other name."""
    from ecslint.config import Config, build_settings
    from ecslint.docgen import rule_page
    from ecslint.model import EcslintError
    from ecslint.registry import default_registry

    section = rule_page(rule).split("## Options\n\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, re.M))
    assert documented == set(rule.options), section
    if not rule.options:
        assert section.strip() == "None."
    registry = default_registry()

    def settings(options):
        return build_settings(registry, Config(rules={rule.id: {"options": options}}), "all", [rule.id])

    for name, spec in rule.options.items():
        assert settings({name: spec["default"]}).rules[rule.id][2][name] == spec["default"]
    for name in {k for k in rule.params if k not in rule.options} | {"check", "template", "no-such-option"}:
        with pytest.raises(EcslintError, match=f'rule {rule.id} {rule.name} has no option "{re.escape(name)}"'):
            settings({name: "x"})


def test_a_check_is_found_from_its_rule_name():
    """ecslint/checks/ holds one module per rule, named after it; templates/ holds only what
    several rules or policies share; a rule names `template:` only when it differs from its name."""
    from ecslint.registry import template_names

    checks = set(template_names(("ecslint.checks",)))
    templates = set(template_names(("ecslint.templates",)))
    assert not checks & templates, "a name is both a check and a template"
    names = {r.name for r in RULES}
    assert checks <= names, f"checks that no rule is named after: {sorted(checks - names)}"
    users: dict = {}
    for r in RULES:
        users.setdefault(r.template, []).append(r.id)
        assert r.raw.get("template") != r.name, f"{r.id}: drop `template: {r.name}`, it is the default"
        if r.template in checks:
            assert r.template == r.name and template(r.template).name == r.name, r.id
    for name in checks:
        assert users.get(name) == [next(r.id for r in RULES if r.name == name)], name
