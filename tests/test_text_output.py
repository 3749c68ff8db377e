"""Text output: --show-source code frames with the rule's docs URL, and --statistics."""

from __future__ import annotations

import json
import os

from cli_helpers import run
from ecslint.code_frame import frame
from ecslint.model import Region

URL = "https://github.com/ecslint/ecslint/blob/main/docs/rules/{}.md"


def _check(tmp_path, *args, stdin=None):
    return run(["check", "--config", os.devnull, *args], cwd=tmp_path, input=stdin)


def test_show_source_puts_a_frame_and_the_docs_url_under_each_finding(tmp_path):
    (tmp_path / "td.json").write_text(
        '{\n  "family": "web",\n  "networkMode": "bridge",\n  "requiresCompatibilities": ["FARGATE"],\n'
        '  "cpu": "256", "memory": "512",\n'
        '  "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]\n}\n', encoding="utf-8")
    code, out, err = _check(tmp_path, "--select", "ECS202", "--show-source", "td.json")
    assert (code, err) == (1, "")
    assert out == (
        'td.json:3:3: error ECS202 fargate-network-mode: networkMode is "bridge" but requiresCompatibilities '
        'includes FARGATE, which requires "awsvpc"\n'
        "  |\n"
        '3 |   "networkMode": "bridge",\n'
        "  |   ^^^^^^^^^^^^^^^^^^^^^^^\n"
        f"  = docs: {URL.format('ECS202')}\n"
        "\n"
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 document from 1 file; "
        "1 at or above --fail-on warning: exit 1\n")


def test_carets_follow_what_is_shown_tabs_wide_characters_and_escapes(tmp_path):
    """A tab is shown as four spaces, a CJK character takes two cells, a right-to-left
    override in the file is shown escaped (it would reorder what a reader sees), CRLF line
    ends are line ends."""
    text = ('{\r\n\t"family": "web",\r\n\t"containerDefinitions": [{"name": "\u5e94\u7528\u202e", '
            '"image": "nginx:latest", "memory": 256}]\r\n}\r\n')
    (tmp_path / "td.json").write_text(text, encoding="utf-8", newline="")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", "td.json")
    assert code == 1
    assert out.splitlines()[1:5] == [
        "  |",
        '3 |     "containerDefinitions": [{"name": "\u5e94\u7528\\u202e", "image": "nginx:latest", "memory": 256}]',
        "  | " + " " * 52 + "^" * 23,  # 4 for the tab, 2 cells for each CJK character, 6 for \\u202e
        f"  = docs: {URL.format('ECS401')}",
    ]
    assert "\u202e" not in out


def test_a_long_line_is_shown_around_the_finding(tmp_path):
    """A minified file is one line: the frame shows 120 characters around the column (40
    before it, unless the line ends sooner)."""
    td = {"family": "web", "containerDefinitions": [{"name": f"c{i}", "image": "busybox:1.36", "memory": 64}
                                                    for i in range(8)] + [{"name": "app", "image": "nginx:latest"}]}
    (tmp_path / "td.json").write_text(json.dumps(td), encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", "td.json")
    lines = out.splitlines()
    col = int(lines[0].split(":")[2])
    text = json.dumps(td)
    lo = len(text) - 120
    assert col - 1 - 40 > lo  # the finding is near the end: the window ends with the line
    assert lines[2] == "1 | ..." + text[lo:]
    assert lines[3] == "  | " + " " * (3 + col - 1 - lo) + "^" * len('"image": "nginx:latest"')
    td["containerDefinitions"].append({"name": "z" * 300, "image": "busybox:1.36", "memory": 64})
    (tmp_path / "td.json").write_text(json.dumps(td), encoding="utf-8")
    _, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", "td.json")
    text = json.dumps(td)
    assert out.splitlines()[2] == "1 | ..." + text[col - 1 - 40:col - 1 + 80] + "..."
    assert out.splitlines()[3] == "  | " + " " * 43 + "^" * len('"image": "nginx:latest"')


def test_a_region_over_many_lines_shows_its_first_three():
    lines = ["a: 1", "b:", "  c: 2", "  d: 3", "e: 4"]
    assert frame(lines, Region(2, 1, 4, 7)) == [
        "  |", "2 | b:", "  | ^^", "3 |   c: 2", "  |   ^^^^", "4 |   d: 3", "  |   ^^^^"]
    assert frame(lines, Region(1, 1, 5, 5)) == [
        "  |", "1 | a: 1", "  | ^^^^", "2 | b:", "  | ^^", "3 |   c: 2", "  |   ^^^^", "  | ..."]
    assert frame(lines, Region(1, 5, 1, 5)) == ["  |", "1 | a: 1", "  |     ^"]  # a point at the end of a line
    assert frame(lines, Region(9, 1, 9, 2)) == []  # not in the file: no frame


def test_the_frame_escapes_a_github_command_split_across_the_caret_span():
    assert frame(['x: "##[group]"'], Region(1, 6, 1, 14)) == ["  |", '1 | x: "##\\[group]"', "  |      ^^^^^^^^"]


def test_a_credential_in_the_file_is_blanked_in_the_frame(tmp_path):
    """The frame is the linted text with the documents' credentials blanked, as SARIF
    snippets are: a plaintext password never reaches a CI log through --show-source."""
    (tmp_path / "td.yaml").write_text(
        "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    environment:\n"
        '      - {name: DB_PASSWORD, value: "hunter2hunter"}\n', encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS301", "--show-source", "td.yaml")
    assert "hunter2" not in out
    assert out.splitlines()[1:4] == ["  |", '6 |       - {name: DB_PASSWORD, value: "(sensitive)"}',
                                     "  |                             ^^^^^^^^^^^^^^^^^^^^^"]  # the columns of the file


def test_a_file_changed_by_var_or_with_a_short_credential_gets_no_frame(tmp_path):
    """Positions are in the text as linted, which --var changed, and a --var value is often a
    secret; a credential the file spells escaped (here a quote) cannot be found to blank."""
    (tmp_path / "td.yaml").write_text("family: web\ncontainerDefinitions:\n  - {name: app, image: 'nginx:${TAG}'}\n",
                                      encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", "--var", "TAG=latest", "td.yaml")
    assert out.splitlines()[1:3] == [f"  = docs: {URL.format('ECS401')}", ""]
    (tmp_path / "td.yaml").write_text(
        "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n"
        '    environment: [{name: DB_PASSWORD, value: "hunter2 \\"hunter2"}]\n', encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS301", "--show-source", "td.yaml")
    assert "hunter2" not in out and out.splitlines()[1] == f"  = docs: {URL.format('ECS301')}"


def test_show_source_on_stdin(tmp_path):
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", "-", "--stdin-filename", "td.yaml",
                          stdin="family: web\ncontainerDefinitions:\n  - {name: app, image: 'nginx:latest'}\n")
    assert out.splitlines()[1:4] == ["  |", "3 |   - {name: app, image: 'nginx:latest'}",
                                     "  |                 ^^^^^^^^^^^^^^^^^^^^^"]  # a YAML pair: key and value


def test_a_policy_finding_shows_its_help_uri_or_no_docs_line(tmp_path):
    (tmp_path / "td.yaml").write_text("family: web\ncontainerDefinitions: [{name: app, image: 'nginx:1.27'}]\n",
                                      encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "policies:\n"
        "  - {id: ORG-1, name: family-prefix, severity: error, applies-to: [task-definition], summary: s,\n"
        "     remediation: r., select: /family, assert: {pattern: '^org-'}, message: 'family {value}'}\n"
        "  - {id: ORG-2, name: family-short, severity: error, applies-to: [task-definition], summary: s,\n"
        "     remediation: r., help-uri: \"https://wiki.example.com/\\e[2J\", select: /family,\n"
        "     assert: {maxLength: 2}, message: 'family {value}'}\n", encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ORG-1,ORG-2", "--policy", "p.yaml", "--show-source", "td.yaml")
    assert out.split("\n\n")[:2] == [
        "td.yaml:1:1: error ORG-1 family-prefix: family web\n  |\n1 | family: web\n  | ^^^^^^^^^^^",
        "td.yaml:1:1: error ORG-2 family-short: family web\n  |\n1 | family: web\n  | ^^^^^^^^^^^\n"
        "  = docs: https://wiki.example.com/\\x1b[2J",
    ]


def test_statistics_counts_findings_by_rule_with_what_fix_would_do(tmp_path):
    (tmp_path / "td.json").write_text(json.dumps({
        "family": "web", "revision": 3, "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3",
        "containerDefinitions": [{"name": "app", "image": "nginx:latest", "memory": 256},
                                 {"name": "db", "image": "postgres:latest", "memory": 256}]}), encoding="utf-8")
    (tmp_path / "svc.yaml").write_text("serviceName: web\ntaskDefinition: web:3\ndesiredCount: 2\n", encoding="utf-8")
    code, out, err = _check(tmp_path, "--select", "ECS401,ECS105,ECS609", "--statistics", "td.json", "svc.yaml")
    assert (code, err) == (1, "")
    assert out == (
        "count  rule    name                     fixable\n"
        "    2  ECS401  mutable-image-tag        no\n"
        "    1  ECS105  describe-output-field    1 with --fix\n"
        "    1  ECS609  missing-circuit-breaker  1 with --fix --unsafe-fixes\n"
        "Found 4 problems (0 errors, 4 warnings, 0 info) in 2 documents from 2 files; "
        "4 at or above --fail-on warning: exit 1\n")


def test_statistics_leave_out_suppressed_findings_and_say_nothing_when_clean(tmp_path):
    (tmp_path / "td.yaml").write_text(
        "family: web\ncontainerDefinitions:\n  - {name: app, image: 'nginx:latest'}  # ecslint: ignore=ECS401 -- demo\n",
        encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--statistics", "td.yaml")
    assert (code, out) == (0, "No problems found in 1 document from 1 file; 1 suppressed\n")


def test_statistics_and_show_source_apply_to_the_text_output(tmp_path):
    (tmp_path / "td.yaml").write_text("family: web\ncontainerDefinitions: [{name: app, image: 'nginx:1.27'}]\n",
                                      encoding="utf-8")
    for flag in ("--statistics", "--show-source"):
        code, out, err = _check(tmp_path, flag, "--format", "json", "td.yaml")
        assert (code, out) == (2, "")
        assert err.endswith(f"Error: {flag} applies to the text output; drop --format json or add "
                            "--output-format text:PATH\n")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--statistics", "--format", "json",
                          "--output-format", "text:report.txt", "td.yaml")
    assert (code, json.loads(out)["findings"]) == (0, [])
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "No problems found in 1 document from 1 file\n"


def test_a_file_whose_name_is_escaped_still_gets_its_frame(tmp_path):
    name = "td\x1b.yaml"
    (tmp_path / name).write_text("family: web\ncontainerDefinitions: [{name: app, image: 'nginx:latest'}]\n",
                                 encoding="utf-8")
    code, out, _ = _check(tmp_path, "--select", "ECS401", "--show-source", name)
    assert out.splitlines()[:3] == [
        'td\\x1b.yaml:2:36: warning ECS401 mutable-image-tag: container "app" image "nginx:latest" uses the mutable '
        'tag "latest"',
        "  |",
        "2 | containerDefinitions: [{name: app, image: 'nginx:latest'}]",
    ]
