"""The CI gate's defaults: --fail-on warning, the summary's verdict, the security-hub preset,
runs that lint nothing, the default path, pyproject.toml config, .gitignore and `--`."""

from __future__ import annotations

import json
import os

import pytest

from cli_helpers import run

WARN = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 512,
        "logConfiguration": {"logDriver": "json-file"}}]}
# One finding per Security Hub control the preset stands for, and nothing the recommended preset adds.
HUB = {"family": "web", "networkMode": "host", "pidMode": "host",
       "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512,
                                 "logConfiguration": {"logDriver": "json-file"}}]}


def write(path, value):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(value if isinstance(value, str) else json.dumps(value, indent=2))
    return str(path)


def findings(out):
    return sorted((f["rule"], f["pointer"]) for f in json.loads(out)["findings"])


def test_summary_counts_suppressed_and_baselined_and_says_why_it_exits(tmp_path):
    write(tmp_path / "td.json", dict(WARN, containerDefinitions=[
        dict(WARN["containerDefinitions"][0], environment=[{"name": "DB_PASSWORD", "value": "hunter2hunter2"}])]))
    write(tmp_path / ".ecslint.yaml", "ignore:\n  - {rule: ECS301, reason: test fixture}\n")
    code, out, err = run(["check", "--write-baseline", "b.json", "td.json"], cwd=tmp_path)
    assert code == 0, out + err
    assert out.splitlines()[-1] == "No problems found in 1 document from 1 file; 1 suppressed, 1 baselined"
    os.remove(tmp_path / ".ecslint.yaml")
    code, out, err = run(["check", "--baseline", "b.json", "td.json"], cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[-1] == ("Found 1 problem (0 errors, 1 warning, 0 info) in 1 document from 1 file; "
                                    "1 baselined; 1 at or above --fail-on warning: exit 1")
    code, out, _ = run(["check", "--format", "json", "--baseline", "b.json", "td.json"], cwd=tmp_path)
    summary = json.loads(out)["summary"]
    assert (summary["baselined"], summary["fail_on"], summary["failing"]) == (1, "warning", 1)


def test_security_hub_preset_is_exactly_the_mapped_rules_at_least_warning(tmp_path):
    from ecslint.config import Config, build_settings, security_hub_controls
    from ecslint.model import Severity
    from ecslint.registry import default_registry

    registry = default_registry()
    rules = build_settings(registry, Config(), "security-hub").rules
    mapped = {r.id for r in registry.rules if security_hub_controls(r)}
    assert set(rules) == mapped
    assert {"ECS321", "ECS325"} <= mapped  # ECS.5 read-only root filesystem, ECS.20 non-root user: off by default
    assert all(sev >= Severity.WARNING for _, sev, _ in rules.values())
    path = write(tmp_path / "td.json", HUB)
    code, out, _ = run(["check", "--format", "json", "--preset", "security-hub", path])
    assert code == 1
    assert findings(out) == [("ECS321", "/containerDefinitions/0"), ("ECS322", "/pidMode"),
                             ("ECS324", "/networkMode"), ("ECS325", "/containerDefinitions/0"), ("ECS329", "")]
    write(tmp_path / ".ecslint.yaml", "extends: security-hub\n")
    assert findings(run(["check", "--format", "json", "td.json"], cwd=tmp_path)[1]) == findings(out)


def test_rules_lists_the_security_hub_preset_with_control_ids():
    code, out, _ = run(["rules", "--preset", "security-hub"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "CONTROLS", "ACTIVE", "SUMMARY"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert " ECS.5 " in rows["ECS321"] and " ECS.20 " in rows["ECS325"] and " ECS.8 " in rows["ECS301"]
    assert "ECS201" not in rows  # a rule without a control is not listed
    data = json.loads(run(["rules", "--preset", "security-hub", "--format", "json"])[1])
    assert {r["id"]: r["security_hub"] for r in data}["ECS324"] == ["ECS.17", "ECS.1"]


@pytest.mark.parametrize("setup,args", [
    ({}, ["empty"]),
    ({"empty/package.json": '{"name": "x"}'}, ["empty"]),
    ({"empty/legacy/td.json": WARN, ".ecslint.yaml": "exclude: ['empty/legacy/**']\n"}, ["empty"]),
])
def test_a_run_that_lints_nothing_says_so(tmp_path, setup, args):
    os.makedirs(tmp_path / "empty")
    for name, value in setup.items():
        write(tmp_path / name, value)
    code, out, err = run(["check", *args], cwd=tmp_path)
    assert code == 0
    assert "ecslint: warning: no ECS documents found in empty\n" in err


def test_an_explicitly_named_skipped_file_is_always_reported(tmp_path):
    write(tmp_path / "package.json", '{"name": "x"}')
    write(tmp_path / "dir" / "other.json", '{"name": "y"}')
    write(tmp_path / "td.json", WARN)
    code, out, err = run(["check", "package.json", "dir", "td.json"], cwd=tmp_path)
    assert code == 1
    assert "ecslint: skipped package.json: not an ECS task or service definition" in err
    assert "other.json" not in err  # found by a walk: only -v lists it
    assert "no ECS documents" not in err
    assert "other.json" in run(["check", "-v", "dir", "td.json"], cwd=tmp_path)[2]


def test_config_in_pyproject_toml(tmp_path):
    write(tmp_path / "td.json", WARN)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.ecslint]\nfail-on = "error"\n'
                                       '[tool.ecslint.rules]\nECS401 = "off"\n')
    code, out, _ = run(["check", "--format", "json", "td.json"], cwd=tmp_path)
    assert code == 0
    assert "ECS401" not in {f["rule"] for f in json.loads(out)["findings"]}
    # a pyproject.toml without the table is not a config; .ecslint.yaml in the same folder wins
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert run(["check", "td.json"], cwd=tmp_path)[0] == 1
    write(tmp_path / "pyproject.toml", '[tool.ecslint]\nrulez = {}\n')
    code, _, err = run(["check", "td.json"], cwd=tmp_path)
    assert code == 2 and err.startswith("ecslint: error: pyproject.toml: ")


def test_directory_walks_honour_gitignore(tmp_path):
    os.makedirs(tmp_path / ".git" / "info")
    write(tmp_path / ".git" / "info" / "exclude", "local/\n")
    write(tmp_path / ".gitignore", "generated/\n*.rendered.json\n")
    write(tmp_path / "infra" / ".gitignore", "!keep.rendered.json\n")
    for name in ("infra/td.json", "infra/keep.rendered.json", "infra/x.rendered.json", "generated/td.json",
                 "local/td.json"):
        write(tmp_path / name, WARN)

    def linted(*args):
        out = run(["check", "--format", "json", *args], cwd=tmp_path)[1]
        return sorted({f["path"] for f in json.loads(out)["findings"]})

    assert linted(".") == ["infra/keep.rendered.json", "infra/td.json"]
    assert linted("infra") == ["infra/keep.rendered.json", "infra/td.json"]  # the root's .gitignore applies below it
    assert linted("generated") == ["generated/td.json"]  # an ignored directory the user names is linted
    assert linted("generated/td.json") == ["generated/td.json"]
    assert linted("--no-gitignore", ".") == ["generated/td.json", "infra/keep.rendered.json", "infra/td.json",
                                             "infra/x.rendered.json", "local/td.json"]


def test_double_dash_makes_every_argument_a_path(tmp_path):
    write(tmp_path / "--config=relaxed.yaml", WARN)
    write(tmp_path / "relaxed.yaml", "rules:\n  ECS401: 'off'\n")
    code, out, err = run(["check", "--format", "json", "--", "--config=relaxed.yaml"], cwd=tmp_path)
    assert code == 1, err
    assert {f["path"] for f in json.loads(out)["findings"]} == {"--config=relaxed.yaml"}
