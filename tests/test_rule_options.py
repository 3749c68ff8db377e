"""What a config may change about a rule: its severity and the options the rule declares,
nothing of its fixed wiring; and what documenting options costs a run (no check imports)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cli_helpers import run
from helpers import ROOT

# A container whose memory (4 MiB) is below what Docker starts with (ECS407), and which sets
# a limit, so ECS402 container-memory-required has nothing to say about it.
TD = json.dumps({"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 4}]})


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_config_cannot_make_a_rule_run_another_rules_check(tmp_path):
    """Before: ECS402 with options {check: minimum} reported ECS407's finding as an ECS402 error."""
    _write(tmp_path / "td.json", TD)
    _write(tmp_path / ".ecslint.yaml", "rules:\n  ECS402:\n    options: {check: minimum}\n")
    code, out, err = run(["check", "--select", "ECS402", "td.json"], cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert err == ('ecslint: error: .ecslint.yaml:3:15: rule ECS402 container-memory-required has no option "check"; '
                   "it has none\n")
    plain = tmp_path / "plain"
    (plain / ".git").mkdir(parents=True)  # the config search stops here
    _write(plain / "td.json", TD)
    code, out, _ = run(["check", "--select", "ECS402,ECS407", "--format", "json", "td.json"], cwd=plain)
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["ECS407"]  # ECS402 itself has nothing to say


def test_an_unknown_option_names_the_close_one(tmp_path):
    _write(tmp_path / "td.json", TD)
    _write(tmp_path / ".ecslint.yaml", "rules:\n  too-many-containers:\n    options:\n      maxx: 3\n")
    code, _, err = run(["check", "td.json"], cwd=tmp_path)
    assert code == 2
    assert err == ('ecslint: error: .ecslint.yaml:4:7: rule ECS110 too-many-containers has no option "maxx"; '
                   'did you mean "max"?\n')


def test_an_option_value_is_checked_against_its_schema(tmp_path):
    _write(tmp_path / "td.json", TD)
    _write(tmp_path / ".ecslint.yaml", "rules:\n  ECS401:\n    options:\n      mutable-tags: [stable, 3]\n")
    code, _, err = run(["check", "td.json"], cwd=tmp_path)
    assert code == 2
    assert err == ('ecslint: error: .ecslint.yaml:4:30: invalid option "mutable-tags" for rule ECS401 mutable-image-tag: '
                   'expected a string, got 3\n')


def test_an_option_error_in_an_extended_file_points_there(tmp_path):
    _write(tmp_path / "base.yaml", "rules:\n  ECS110: {options: {max: 0}}\n")
    _write(tmp_path / ".ecslint.yaml", "extends: base.yaml\n")
    _write(tmp_path / "td.json", TD)
    code, _, err = run(["check", "td.json"], cwd=tmp_path)
    assert code == 2
    assert err.startswith(f'ecslint: error: {tmp_path / "base.yaml"}:2:22: invalid option "max" for rule ECS110 '
                          "too-many-containers: must be at least 1, got 0"), err


def test_a_declared_option_changes_the_check(tmp_path):
    _write(tmp_path / "td.json", json.dumps({"family": "web", "containerDefinitions": [
        {"name": "a", "image": "nginx:1.27", "memory": 64}, {"name": "b", "image": "nginx:1.27", "memory": 64}]}))
    _write(tmp_path / ".ecslint.yaml", "rules:\n  ECS110: {options: {max: 1}}\n")
    code, out, _ = run(["check", "--select", "ECS110", "--format", "json", "td.json"], cwd=tmp_path)
    assert code == 1
    assert [(f["rule"], f["message"]) for f in json.loads(out)["findings"]] == [
        ("ECS110", "the task definition has 2 containers; the limit is 1")]


def _imported(fmt, path):
    """The check and template modules a run of `ecslint check --format FMT PATH` imports."""
    script = ("import json, sys, atexit\n"
              "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if m.startswith(('ecslint.checks.', "
              "'ecslint.templates.')) and not m.rsplit('.', 1)[1].startswith('_'))), file=sys.stderr))\n"
              f"sys.argv = ['ecslint', 'check', '--format', {fmt!r}, {path!r}]\n"
              "from ecslint.cli import main\nmain()\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": ROOT})
    return set(json.loads(res.stderr.strip().splitlines()[-1]))


def test_a_run_imports_only_the_checks_of_the_rules_that_run():
    """SARIF prints every enabled rule's option docs from its definition, so a SARIF run
    imports no more checks than a text run: those of the rules for the file's kind."""
    from ecslint.config import Config, build_settings
    from ecslint.registry import default_registry

    path = os.path.join(ROOT, "examples", "fargate-web", "task-definition.json")
    settings = build_settings(default_registry(), Config())
    expected = set()
    for rule, _, _ in settings.rules.values():
        if "task-definition" in rule.applies_to and rule.template != "engine":
            package = "ecslint.checks." if os.path.exists(os.path.join(
                ROOT, "ecslint", "checks", rule.template.replace("-", "_") + ".py")) else "ecslint.templates."
            expected.add(package + rule.template.replace("-", "_"))
    text = _imported("text", path)
    assert text == expected
    assert _imported("sarif", path) == text
