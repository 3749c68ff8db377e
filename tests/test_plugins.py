"""The example plugin under examples/ecslint-plugin-example, installed with pip into a
temporary target directory: its rule appears in `ecslint rules`, runs in `ecslint check`,
and its own tests pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import ROOT

PLUGIN = os.path.join(ROOT, "examples", "ecslint-plugin-example")


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "--target", str(target), PLUGIN], check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), ROOT]))
    env.pop("ECSLINT_DEBUG", None)
    return env


def ecslint(env, *args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "ecslint", *args], env=env, cwd=cwd, capture_output=True, text=True)


def test_plugin_rule_is_listed_and_explained(plugin_env):
    res = ecslint(plugin_env, "rules", "--format", "json")
    rows = {r["id"]: r for r in json.loads(res.stdout)}
    assert rows["EXA-001"]["name"] == "essential-container-health-check"
    assert rows["EXA-001"]["effective"] == "warning"
    assert rows["EXA-001"]["help_uri"] == "https://example.com/ecslint-plugin-example/EXA-001"
    res = ecslint(plugin_env, "explain", "EXA-001")
    assert res.returncode == 0 and res.stdout.startswith("# EXA-001 essential-container-health-check\n")


def test_plugin_rule_runs(plugin_env, tmp_path):
    td = tmp_path / "td.json"
    td.write_text(json.dumps({"family": "web", "containerDefinitions": [
        {"name": "app", "image": "web:1.0", "memory": 256}]}, indent=2), encoding="utf-8")
    res = ecslint(plugin_env, "check", "--format", "json", "--select", "EXA-001", str(td))
    found = [(f["rule"], f["pointer"], f["line"], f["message"]) for f in json.loads(res.stdout)["findings"]]
    assert found == [("EXA-001", "/containerDefinitions/0", 4, 'essential container "app" has no healthCheck')]
    assert res.returncode == 1  # a warning fails the default --fail-on warning


def test_plugin_own_tests_pass(plugin_env, monkeypatch):
    """The plugin's test module, run in this process with the installed plugin importable."""
    import importlib.util

    import ecslint.registry as registry

    def clear():
        for fn in (registry.plugins, registry.default_registry, registry.template):
            fn.cache_clear()

    monkeypatch.syspath_prepend(plugin_env["PYTHONPATH"].split(os.pathsep)[0])
    clear()
    try:
        spec = importlib.util.spec_from_file_location("plugin_tests", os.path.join(PLUGIN, "tests", "test_example_plugin.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        tests = [getattr(module, n) for n in sorted(dir(module)) if n.startswith("test_")]
        assert len(tests) == 3
        for test in tests:
            test()
    finally:
        monkeypatch.undo()
        clear()
        sys.modules.pop("ecslint_plugin_example", None)
    assert registry.default_registry().get("EXA-001") is None


def test_a_broken_plugin_is_a_clear_error(tmp_path):
    site = tmp_path / "site"
    (site / "broken_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "broken_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (site / "broken_plugin-1.0.dist-info" / "entry_points.txt").write_text("[ecslint.rules]\nbroken = broken_plugin:provide\n")
    (site / "broken_plugin.py").write_text("def provide():\n    return [42]\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), ROOT]))
    res = ecslint(env, "rules")
    assert res.returncode == 2
    assert res.stderr == "ecslint: error: plugin broken (broken_plugin:provide): provides int; expected Rule, Template or a rule dict\n"


def test_dist_info_in_the_linted_checkout_is_never_loaded(tmp_path):
    """`python -m ecslint` puts the current directory on sys.path: a committed *.dist-info
    declaring the entry point, and a module that shadows a dependency, must not run."""
    marker = tmp_path / "PWNED"
    (tmp_path / "evil-1.0.dist-info").mkdir()
    (tmp_path / "evil-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (tmp_path / "evil-1.0.dist-info" / "entry_points.txt").write_text("[ecslint.rules]\nevil = evil_plugin:rules\n")
    (tmp_path / "evil_plugin.py").write_text(f"open({str(marker)!r}, 'w').close()\nrules = []\n")
    (tmp_path / "click.py").write_text(f"open({str(marker)!r}, 'w').close()\n")  # shadows a dependency
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "a", "image": "b:1"}]}')
    env = dict(os.environ, PYTHONPATH=ROOT)
    res = ecslint(env, "check", "td.json", cwd=tmp_path)
    assert res.returncode in (0, 1), res.stderr
    assert not marker.exists()


def test_no_plugins_flag_and_config_switch(plugin_env, tmp_path):
    base = ecslint(plugin_env, "rules", "--format", "json")
    assert "EXA-001" in base.stdout
    off = ecslint(plugin_env, "--no-plugins", "rules", "--format", "json")
    assert off.returncode == 0, off.stderr
    assert "EXA-001" not in off.stdout
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("plugins: false\n")
    off = ecslint(plugin_env, "rules", "--format", "json", "--config", str(cfg))
    assert off.returncode == 0, off.stderr
    assert "EXA-001" not in off.stdout
