"""Suppression: config ignores (rule, paths, pointer, container, reason), YAML comment
directives, ECS003 unused-suppression and ECS004 suppression-without-reason."""

from __future__ import annotations

import json

import pytest

from cli_helpers import run
from ecslint.suppress import match_pointer, scan

TD_YAML = """\
family: web
containerDefinitions:
  - name: app
    image: nginx:latest
  - name: sidecar
    image: busybox:latest
"""


def findings(tmp_path, *args, config=None, files=None):
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text)
    if config is not None:
        (tmp_path / ".ecslint.yaml").write_text(config)
    code, out, err = run(["check", "--format", "json", "--select", "ECS401,ECS003,ECS004", *args, "."], cwd=tmp_path)
    assert code in (0, 1), err
    report = json.loads(out)  # suppressed findings are in the report, marked; these tests look at the others
    return ([(f["rule"], f["path"], f["line"], f["message"]) for f in report["findings"] if f["suppressed"] is None],
            report["summary"])


def rules_at(found):
    return sorted((r, line) for r, _, line, _ in found)


def test_no_suppression(tmp_path):
    found, summary = findings(tmp_path, files={"td.yaml": TD_YAML})
    assert rules_at(found) == [("ECS401", 4), ("ECS401", 6)]
    assert summary["suppressed"] == 0


def test_directive_on_the_line_and_above(tmp_path):
    text = TD_YAML.replace("image: nginx:latest", "image: nginx:latest  # ecslint: ignore=ECS401 -- demo")
    text = text.replace("  - name: sidecar\n", "  - name: sidecar\n    # ecslint: ignore=mutable-image-tag -- pinned elsewhere\n")
    found, summary = findings(tmp_path, files={"td.yaml": text})
    assert found == []
    assert summary["suppressed"] == 2


def test_text_hides_suppressed_unless_asked(tmp_path):
    (tmp_path / "td.yaml").write_text(TD_YAML.replace("nginx:latest", "nginx:latest # ecslint: ignore=ECS401 -- demo"))
    _, out, _ = run(["check", "--select", "ECS401", "td.yaml"], cwd=tmp_path)
    assert "td.yaml:4:" not in out and "td.yaml:6:" in out
    _, out, _ = run(["check", "--select", "ECS401", "--show-suppressed", "td.yaml"], cwd=tmp_path)
    assert "td.yaml:4:5: warning ECS401 mutable-image-tag:" in out and "[suppressed: demo]" in out


def test_directive_two_lines_above_is_not_the_target(tmp_path):
    text = TD_YAML.replace("  - name: app\n", "  # ecslint: ignore=ECS401 -- x\n  - name: app\n")
    found, _ = findings(tmp_path, files={"td.yaml": text})
    # it covers "- name: app" (line 4), not the image line below it, so it is unused
    assert rules_at(found) == [("ECS003", 3), ("ECS401", 5), ("ECS401", 7)]


def test_ignore_file_in_first_comment_block(tmp_path):
    found, _ = findings(tmp_path, files={"td.yaml": "# owner: team-a\n# ecslint: ignore-file=ECS401 -- vendored\n\n" + TD_YAML})
    assert found == []


def test_ignore_file_later_has_no_effect(tmp_path):
    found, _ = findings(tmp_path, files={"td.yaml": TD_YAML + "# ecslint: ignore-file=ECS401 -- too late\n"})
    assert rules_at(found) == [("ECS003", 7), ("ECS401", 4), ("ECS401", 6)]
    assert "first comment block" in next(m for r, _, _, m in found if r == "ECS003")


def test_directive_without_reason_still_suppresses_and_reports_ecs004(tmp_path):
    text = TD_YAML.replace("nginx:latest", "nginx:latest  # ecslint: ignore=ECS401")
    found, summary = findings(tmp_path, files={"td.yaml": text})
    assert rules_at(found) == [("ECS004", 4), ("ECS401", 6)]
    assert summary["suppressed"] == 1


def test_unused_and_unknown_directives(tmp_path):
    text = TD_YAML.replace("family: web", "family: web  # ecslint: ignore=ECS401,no-such-rule -- x")
    found, _ = findings(tmp_path, files={"td.yaml": text})
    messages = sorted(m for r, _, line, m in found if r == "ECS003" and line == 1)
    assert messages == ['suppression names unknown rule "no-such-rule"', "suppression of ECS401 matched no finding; remove it"]


def test_directive_for_a_rule_that_did_not_run_is_not_unused(tmp_path):
    text = TD_YAML.replace("family: web", "family: web  # ecslint: ignore=ECS201 -- x")
    found, _ = findings(tmp_path, files={"td.yaml": text})
    assert rules_at(found) == [("ECS401", 4), ("ECS401", 6)]


def test_hash_inside_a_word_is_not_a_directive():
    assert scan("x.yaml", "a: b#ecslint: ignore=ECS401 -- x\n") == []
    assert len(scan("x.yaml", "a: b #ecslint: ignore=ECS401 -- x\n")) == 1


CONFIG_CASES = [
    ("  - {rule: ECS401, reason: r}\n", []),
    ("  - {rule: mutable-image-tag, paths: ['td.yaml'], reason: r}\n", []),
    ("  - {rule: ECS401, paths: ['other/*.yaml'], reason: r}\n", [("ECS401", 4), ("ECS401", 6)]),
    ("  - {rule: ECS401, pointer: /containerDefinitions/1, reason: r}\n", [("ECS401", 4)]),
    ("  - {rule: ECS401, pointer: '/containerDefinitions/*/image', reason: r}\n", []),
    ("  - {rule: ECS401, container: sidecar, reason: r}\n", [("ECS401", 4)]),
    ("  - {rule: ECS401, container: nope, reason: r}\n", [("ECS003", 2), ("ECS401", 4), ("ECS401", 6)]),
]


@pytest.mark.parametrize("entry,expected", CONFIG_CASES)
def test_config_ignore(tmp_path, entry, expected):
    found, _ = findings(tmp_path, config="ignore:\n" + entry, files={"td.yaml": TD_YAML})
    assert rules_at(found) == expected


def test_config_ignore_container_in_json_and_wrapped(tmp_path):
    td = {"taskDefinition": {"family": "web", "containerDefinitions": [
        {"name": "app", "image": "nginx:latest"}, {"name": "sidecar", "image": "busybox:latest"}]}}
    found, _ = findings(tmp_path, config="ignore:\n  - {rule: ECS401, container: app, reason: r}\n",
                        files={"td.json": json.dumps(td, indent=2)})
    assert [(r, m) for r, _, _, m in found] == [
        ("ECS401", 'container "sidecar" image "busybox:latest" uses the mutable tag "latest"')]


def test_unused_config_ignore_is_reported_only_when_its_files_were_linted(tmp_path):
    config = "ignore:\n  - {rule: ECS401, paths: ['td.yaml'], pointer: /family, reason: r}\n"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.yaml").write_text(TD_YAML)
    (tmp_path / ".ecslint.yaml").write_text(config)
    code, out, _ = run(["check", "--format", "json", "--select", "ECS401,ECS003", "other"], cwd=tmp_path)
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"ECS401"}
    found, _ = findings(tmp_path, files={"td.yaml": TD_YAML})
    unused = [(p, line, m) for r, p, line, m in found if r == "ECS003"]
    assert unused == [(".ecslint.yaml", 2, "config ignore of ECS401 matched no finding; remove it")]


def test_sarif_suppression_kinds(tmp_path):
    (tmp_path / "td.yaml").write_text(TD_YAML.replace("nginx:latest", "nginx:latest # ecslint: ignore=ECS401 -- a"))
    (tmp_path / ".ecslint.yaml").write_text("ignore:\n  - {rule: ECS401, container: sidecar, reason: b}\n")
    _, out, _ = run(["check", "--format", "sarif", "--select", "ECS401", "td.yaml"], cwd=tmp_path)
    got = [r["suppressions"] for r in json.loads(out)["runs"][0]["results"]]
    assert got == [[{"kind": "inSource", "justification": "a"}], [{"kind": "external", "justification": "b"}]]


def test_scan_and_pointer_matching():
    ds = scan("x.yaml", "# ecslint: ignore-file=ECS401 , ECS301 -- why\na: 1  # ecslint: ignore=ECS101\n")
    assert [(d.kind, d.rules, d.reason, d.target, d.in_header) for d in ds] == [
        ("ignore-file", ["ECS401", "ECS301"], "why", 0, True), ("ignore", ["ECS101"], None, 2, False)]
    assert match_pointer("/containerDefinitions/*/image", "/containerDefinitions/3/image")
    assert match_pointer("/containerDefinitions/0", "/containerDefinitions/0/environment/2/value")
    assert not match_pointer("/containerDefinitions/0", "/containerDefinitions/1/image")
    assert not match_pointer("/containerDefinitions/*/image", "/containerDefinitions/1")
    assert match_pointer("", "/anything")


def test_config_ignore_applies_to_stdin_by_its_name(tmp_path):
    (tmp_path / ".ecslint.yaml").write_text("ignore:\n  - {rule: ECS401, paths: ['td.yaml'], container: app, reason: r}\n")
    code, out, _ = run(["check", "--format", "json", "--select", "ECS401", "-", "--stdin-filename", "td.yaml"],
                       cwd=tmp_path, input=TD_YAML)
    assert [(f["line"], f["suppressed"]) for f in json.loads(out)["findings"]] == [
        (4, {"kind": "external", "reason": "r"}), (6, None)]


def test_directives_on_stdin(tmp_path):
    text = TD_YAML.replace("nginx:latest", "nginx:latest  # ecslint: ignore=ECS401 -- demo")
    code, out, _ = run(["check", "--format", "json", "--select", "ECS401,ECS003", "-", "--stdin-filename", "td.yaml"],
                       cwd=tmp_path, input=text)
    assert [(f["line"], f["suppressed"]) for f in json.loads(out)["findings"]] == [
        (4, {"kind": "inSource", "reason": "demo"}), (6, None)]


def test_stdin_over_the_size_limit_is_still_reported(tmp_path):
    code, _, err = run(["check", "--max-file-size", "10", "-", "--stdin-filename", "td.yaml"], cwd=tmp_path, input=TD_YAML)
    assert code == 2 and "larger than the 10-byte limit" in err


@pytest.mark.parametrize("rid", ["ECS003", "ECS004"])
def test_rule_doc_examples_fire_and_fixes_do_not(tmp_path, rid):
    from ecslint.registry import default_registry

    rule = default_registry().get(rid)
    assert rule.template == "engine" and rule.severity.name == "WARNING"
    for key, fires in (("example", True), ("use-instead", False)):
        (tmp_path / "td.yaml").write_text(rule.docs[key])
        code, out, _ = run(["check", "--format", "json", "--preset", "all", "td.yaml"], cwd=tmp_path)
        rules = {f["rule"] for f in json.loads(out)["findings"]}
        assert (rid in rules) is fires, (key, rules)
