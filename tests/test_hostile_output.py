"""Hostile input aimed at the outputs: the report path, the log, the terminal and every
report format. Each case runs the real command line in a child process (robustness.py:
bounded time and memory, no traceback, no "internal error")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from helpers import ROOT
from robustness import assert_sane, run_cli
from ecslint.escape import visible
from ecslint.formatters import FORMATS

TD = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]}  # ECS401, ECS501...


def _td(path, **extra):
    path.write_text(json.dumps(dict(TD, **extra), indent=2))
    return path


# --- the report path ---------------------------------------------------------------------


def test_output_naming_an_input_is_refused(tmp_path):
    td = _td(tmp_path / "td.json")
    before = td.read_bytes()
    for option in ("--output", "--write-baseline"):
        run = run_cli(["check", option, str(td), str(td)])
        assert_sane(run)
        assert run.code == 2, run.output
        assert f"{td}: refusing to write the" in run.stderr and "over a file being linted" in run.stderr
        assert td.read_bytes() == before


def test_output_naming_a_file_found_in_a_walked_directory_is_refused(tmp_path):
    td = _td(tmp_path / "td.json")
    before = td.read_bytes()
    run = run_cli(["check", "-o", str(td), str(tmp_path)])
    assert_sane(run)
    assert run.code == 2
    assert "refusing to write the report over a file being linted" in run.stderr
    assert td.read_bytes() == before


def test_symlink_planted_at_the_report_path_is_replaced_not_followed(tmp_path):
    td = _td(tmp_path / "td.json")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    report = tmp_path / "report.json"
    os.symlink(victim, report)
    run = run_cli(["check", "--format", "json", "-o", str(report), str(td)])
    assert_sane(run)
    assert run.code in (0, 1), run.output
    assert victim.read_text() == "keep me\n"
    assert not report.is_symlink()
    assert json.loads(report.read_text())["summary"]["files"] == 1
    assert oct(report.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not mkstemp's mode
    # a link to an input is refused outright
    os.unlink(report)
    os.symlink(td, report)
    run = run_cli(["check", "-o", str(report), str(td)])
    assert run.code == 2 and "refusing" in run.stderr


def test_baseline_written_atomically_through_no_symlink(tmp_path):
    td = _td(tmp_path / "td.json")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    baseline = tmp_path / "baseline.json"
    os.symlink(victim, baseline)
    run = run_cli(["check", "--preset", "all", "--write-baseline", str(baseline), str(td)])
    assert_sane(run)
    assert run.code in (0, 1), run.output
    assert victim.read_text() == "keep me\n"
    assert json.loads(baseline.read_text())["ecslint-baseline"] == 2
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp")] == []


def test_output_to_dev_stdout_is_written_in_place():
    td = os.path.join(ROOT, "tests", "fixtures", "schema", "td-fargate-web.json")
    run = run_cli(["check", "--format", "json", "-o", "/dev/stdout", td])
    assert_sane(run)
    assert json.loads(run.stdout)["summary"]["files"] == 1
    assert os.path.islink("/dev/stdout") or os.path.exists("/dev/stdout")  # not replaced by a file


def _guarded(args, **kwargs):
    env = dict(os.environ, PYTHONPATH=ROOT, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "ecslint", *args], env=env, timeout=30, **kwargs)


def test_full_disk_and_closed_stdout_are_one_clear_line(tmp_path):
    td = _td(tmp_path / "td.json")
    with open("/dev/full", "w") as full:
        res = _guarded(["check", str(td)], stdout=full, stderr=subprocess.PIPE)
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert err == "ecslint: error: cannot write the report to standard output: No space left on device\n"
    res = _guarded(["check", str(td)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   preexec_fn=lambda: os.close(1))
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert err == "ecslint: error: cannot write the report to standard output: Bad file descriptor\n"
    res = _guarded(["check", "-o", "/dev/full", str(td)], stderr=subprocess.PIPE)
    assert res.returncode == 2
    assert res.stderr.decode() == "ecslint: error: /dev/full: cannot write the report: No space left on device\n"


# --- log and terminal injection -------------------------------------------------------------

FORGED = "x\n::error file=a.json,line=1::forged\r\x1b[2J\x1b]0;title\x07 ##[error]legacy \u202e ::add-mask::"


def _check_line_safe(text):
    for line in text.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(("::error file=", "::warning file=",
                                                                        "::notice file="))
        assert "##[" not in line
    for ch in "\r\x1b\x07\u202e":
        assert ch not in text


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_document_strings_and_file_names_cannot_forge_log_lines(tmp_path, fmt):
    name = "::stop-commands::tok\x1b[31m.json"
    _td(tmp_path / name, family=FORGED, containerDefinitions=[{"name": FORGED, "image": f"nginx:{FORGED}"}])
    (tmp_path / "suppressed.yaml").write_text(  # a suppression reason shown with --show-suppressed
        "family: web\n# ecslint-disable-next-line ECS401 -- reason ##[warning]x \x1b[2J\n"
        "containerDefinitions: [{name: a, image: nginx}]\n")
    run = run_cli(["check", "--preset", "all", "--format", fmt, "--show-suppressed", "-v", str(tmp_path)])
    assert_sane(run)
    assert run.code == 1, run.output
    _check_line_safe(run.stdout)
    _check_line_safe(run.stderr)
    assert "\\x1b[2J" in run.stdout and "\\n::error" in run.stdout  # shown, not dropped
    if fmt == "github":
        annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
        assert annotations and all(line.startswith(("::error file=", "::warning file=", "::notice file="))
                                   for line in annotations)


def test_file_names_in_read_errors_and_skip_lines_are_escaped(tmp_path):
    bad = tmp_path / "x\n::error::y\x1b[2J.json"
    bad.mkdir()  # named, but a directory of nothing: the next one is a read error
    fifo = tmp_path / "fifo\r::warning::z.json"
    os.mkfifo(fifo)
    (tmp_path / "skip\x1b[1A.json").write_text("[1, 2]")
    run = run_cli(["check", "-v", str(fifo), str(tmp_path / "skip\x1b[1A.json")])
    assert_sane(run)
    assert run.code == 2
    _check_line_safe(run.stderr)
    assert "fifo\\r::warning::z.json: cannot read: not a regular file" in run.stderr
    assert "skipped " in run.stderr and "skip\\x1b[1A.json" in run.stderr


def test_config_values_in_errors_are_escaped(tmp_path):
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text('rules:\n  "bad\\e[2J\\n::error::x": error\n')
    run = run_cli(["check", "--config", str(cfg), str(_td(tmp_path / "td.json"))])
    assert_sane(run)
    assert run.code == 2
    _check_line_safe(run.stderr)
    assert "\\x1b[2J\\n::error::x" in run.stderr


def test_visible_is_linear_and_leaves_ordinary_text_alone():
    assert visible("plain text, é, 漢字") == "plain text, é, 漢字"
    assert visible("a\nb\tc\x1b\x9b\ud800\ufffe") == "a\\nb\\tc\\x1b\\x9b\\ud800\\ufffe"
    assert visible("::add-mask::x") == "\\::add-mask::x" and visible("  ::x") == "  \\::x"
    assert visible("a ##[error] b") == "a ##\\[error] b"
    import time

    def cost(n):
        start = time.process_time()
        visible("\x1b" * n)
        visible("#" * n + ":" * n)
        return time.process_time() - start

    # Linear, judged by how the cost grows (4x the text: 4x the time; quadratic would be 16x),
    # so a loaded machine does not fail it; the bound on 1 MB is a generous absolute backstop.
    small, large = cost(100_000), cost(400_000)
    assert large < 8 * max(small, 0.01) and cost(1_000_000) < 10.0


# --- one bad string never loses the report ----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogate_and_non_utf8_file_name_keep_the_report(tmp_path, fmt):
    (tmp_path / "surrogate.json").write_text(
        '{"family": "\\ud800", "containerDefinitions": [{"name": "\\udfff", "image": "nginx:\\ud800"}],'
        ' "\\ud83d": 1}')
    _td(tmp_path / "other.json")
    raw = os.path.join(os.fsencode(tmp_path), b"latin-\xe9.json")
    with open(raw, "wb") as fh:
        fh.write(json.dumps(TD).encode())
    out = tmp_path / f"report.{fmt}"
    for target in (None, out):
        args = ["check", "--preset", "all", "--format", fmt, str(tmp_path)]
        run = run_cli(args + (["-o", str(out)] if target else []))
        assert_sane(run)
        assert run.code == 1, run.output
        text = out.read_text(encoding="utf-8") if target else run.stdout
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(text)
            text = text.replace("\\\\", "\\")  # a JSON string doubles the escape's backslash
        assert "other.json" in text  # every file's findings
        # the name shown escaped; SARIF's URI still names the file's bytes
        assert ("latin-%E9.json" if fmt == "sarif" else "latin-\\xe9.json") in text
        assert "\\ud800 is half of a UTF-16 surrogate pair" in text or fmt in ("github", "gitlab")
        if fmt == "junit":
            ET.fromstring(text.encode("utf-8"))


def test_junit_is_well_formed_for_any_character(tmp_path):
    chars = "".join(map(chr, [*range(0x20), 0x7F, 0x85, 0xD7FF, 0xE000, 0xFDD0, 0xFFFE, 0xFFFF, 0x10FFFF]))
    _td(tmp_path / "td.json", family=chars, containerDefinitions=[{"name": chars, "image": "nginx"}])
    run = run_cli(["check", "--preset", "all", "--format", "junit", str(tmp_path)])
    assert_sane(run)
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.find(".//failure") is not None


def test_sarif_message_carries_no_embedded_link(tmp_path):
    _td(tmp_path / "td.json", containerDefinitions=[{"name": "[click here](https://evil.example)",
                                                     "image": "[x](1)"}])
    run = run_cli(["check", "--preset", "all", "--format", "sarif", str(tmp_path)])
    assert_sane(run)
    texts = [r["message"]["text"] for r in json.loads(run.stdout)["runs"][0]["results"]]
    assert any("\\[click here\\](https://evil.example)" in t for t in texts)
    import re

    assert not any(re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", t) for t in texts)
