"""The progress line and the streamed text of `ecslint check` on a terminal, run as a real
process with stdout and stderr on pseudo-terminals (or pipes). ECSLINT_TEST_PROGRESS_AFTER=0
(ecslint.progress, a testing knob) shows the progress line on runs this small; nothing here
depends on how fast a run is: the lines between the first and the last one drawn are
judged by their form only."""

from __future__ import annotations

import fcntl
import os
import re
import selectors
import signal
import struct
import subprocess
import sys
import termios
import time
import tty
from collections import Counter

import pytest

from helpers import ROOT
from ecslint import progress
from ecslint.engine import FileResult
from ecslint.model import Finding, Region, Severity
from ecslint.progress import ERASE, Progress

# a service, and the task definition it runs: a pair finding (ECS632) in the service's file
SERVICE = """# create-service input written as YAML
serviceName: checkout
taskDefinition: checkout:7
desiredCount: 1
launchType: FARGATE
networkConfiguration:
  awsvpcConfiguration:
    subnets: [subnet-0a1b2c3d4e5f60718]
    assignPublicIp: DISABLED
"""
PAIRED_TD = """{
  "family": "checkout",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "bridge",
  "cpu": "512",
  "memory": "1024",
  "containerDefinitions": [{"name": "checkout", "image": "example/checkout:latest"}]
}
"""
# one directive suppresses a finding, the other matches nothing (ECS003, known at the end)
SUPPRESSED = """family: worker
containerDefinitions:
  - name: worker
    image: example/worker:latest  # ecslint: ignore=ECS401 -- pinned by the deploy job
    memory: 128  # ecslint: ignore=ECS301 -- nothing to hide here
"""

def td(family, image):
    """A task definition with three findings (two with a pinned image)."""
    return (f'{{\n  "family": "{family}",\n  "containerDefinitions": [\n    {{"name": "app", "image": "{image}", "memory": 256,\n'
            '     "environment": [{"name": "DB_PASSWORD", "value": "hunter2hunter2"}]}\n  ]\n}\n')


# ECS301 is suppressed in b/ by the config; the ECS202 entry names a linted file and matches
# nothing: an ECS003 at the config, known only once every file is linted
CONFIG = """ignore:
  - rule: ECS301
    paths: ["repo/b/**"]
    reason: billing reads it from a vault at start
  - rule: ECS202
    paths: ["repo/z.json"]
    reason: matches nothing
"""

FILES = {
    "a/service.yaml": SERVICE,  # paired with a/task-definition.json: held for the pair stage
    "a/task-definition.json": PAIRED_TD,
    "b/td.json": td("billing", "example/billing:latest"),
    "c.json": td("cart", "example/cart"),
    "d/worker.yaml": SUPPRESSED,
    "package.json": '{"name": "not-ecs"}\n',
    "z.json": td("zeta", "example/zeta:1.0"),
}

# What this tree gave before streaming existed (the text report of main at fbd4bf0, piped).
REPORT = """../config.yaml:5:5: warning ECS003 unused-suppression: config ignore of ECS202 matched no finding; remove it
a/service.yaml:2:1: warning ECS609 missing-circuit-breaker: service "checkout" has no deploymentCircuitBreaker, so ECS neither stops nor rolls back a failing deployment
a/service.yaml:6:1: error ECS632 network-configuration-mode: service "checkout" sets networkConfiguration but task definition "checkout" uses networkMode "bridge"; only awsvpc takes one
a/service.yaml:8:5: warning ECS601 single-az-service: service "checkout" has 1 subnet, so all its tasks run in one Availability Zone
a/task-definition.json:4:3: error ECS202 fargate-network-mode: networkMode is "bridge" but requiresCompatibilities includes FARGATE, which requires "awsvpc"
a/task-definition.json:7:28: warning ECS501 missing-log-configuration: container "checkout" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)
a/task-definition.json:7:49: warning ECS401 mutable-image-tag: container "checkout" image "example/checkout:latest" uses the mutable tag "latest"
b/td.json:4:5: warning ECS501 missing-log-configuration: container "app" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)
b/td.json:4:21: warning ECS401 mutable-image-tag: container "app" image "example/billing:latest" uses the mutable tag "latest"
c.json:4:5: warning ECS501 missing-log-configuration: container "app" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)
c.json:4:21: warning ECS401 mutable-image-tag: container "app" image "example/cart" has no tag, so it resolves to "latest"
c.json:5:46: warning ECS301 secret-in-environment: container "app": "DB_PASSWORD" looks like a credential and has a literal value; use "secrets" instead
d/worker.yaml:3:5: warning ECS501 missing-log-configuration: container "worker" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)
d/worker.yaml:5:18: warning ECS003 unused-suppression: suppression of ECS301 matched no finding; remove it
z.json:4:5: warning ECS501 missing-log-configuration: container "app" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)
z.json:5:46: warning ECS301 secret-in-environment: container "app": "DB_PASSWORD" looks like a credential and has a literal value; use "secrets" instead
Found 16 problems (2 errors, 14 warnings, 0 info) in 6 documents from 7 files; 1 file skipped (not ECS); 2 suppressed; 16 at or above --fail-on warning: exit 1
"""

# The same report on a terminal: each file's findings in the walk's order (a directory's
# files, then its sub-directories) as the file finishes; then, sorted, what only the end of
# the run decides (the service's findings, with its pair finding; the unused suppressions).
_LINES = REPORT.splitlines(keepends=True)
STREAMED = "".join(_LINES[i] for i in (9, 10, 11, 14, 15, 4, 5, 6, 7, 8, 12, 0, 1, 2, 3, 13, 16))
STREAMED_ORDER = ["c.json", "z.json", "a/task-definition.json", "b/td.json", "d/worker.yaml",
                  "../config.yaml", "a/service.yaml", "d/worker.yaml"]


def _tree(tmp_path):
    repo = tmp_path / "repo"
    for rel, text in FILES.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return repo


def _ecslint(args, cwd, *, stdout_tty, stderr_tty, after="0", signal_after=None):
    """(exit code, stdout bytes, stderr bytes) of `python -m ecslint ARGS`, each stream on a
    pseudo-terminal of its own (raw: no newline translation) or a pipe; stderr_tty="both"
    puts stderr on stdout's terminal (all the text is then in stdout). `after`: the
    progress line's wait (None: the default). `signal_after`: send Ctrl-C once the progress
    line is drawn and that time (time.monotonic) has come."""
    env = dict(os.environ, PYTHONPATH=ROOT, NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    env.pop(progress.AFTER_ENV, None)
    if after is not None:
        env[progress.AFTER_ENV] = after
    ends = {}
    child = {}
    for name, on_tty in (("stdout", stdout_tty), ("stderr", stderr_tty)):
        if name == "stderr" and stderr_tty == "both":
            child["stderr"] = child["stdout"]
            continue
        if on_tty:
            ours, theirs = os.openpty()
            tty.setraw(theirs)
        else:
            ours, theirs = os.pipe()
        ends[name], child[name] = ours, theirs
    proc = subprocess.Popen([sys.executable, "-m", "ecslint", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=child["stdout"], stderr=child["stderr"], start_new_session=True)
    for fd in set(child.values()):
        os.close(fd)
    got = {name: b"" for name in ends}
    sel = selectors.DefaultSelector()
    for name, fd in ends.items():
        sel.register(fd, selectors.EVENT_READ, name)
    deadline = time.monotonic() + 120
    signalled = signal_after is None
    try:
        while sel.get_map():
            if not signalled and got.get("stderr", b"").count(b"files/s") >= 1 and time.monotonic() >= signal_after:
                os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
                signalled = True
            if time.monotonic() > deadline:
                raise AssertionError(f"ecslint did not finish (exit status {proc.poll()}): {got}")
            for key, _ in sel.select(timeout=0.2):
                try:
                    data = os.read(key.fd, 65536)
                except OSError:  # EIO: the terminal's other end is closed
                    data = b""
                if data:
                    got[key.data] += data
                else:
                    sel.unregister(key.fd)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        for fd in ends.values():
            os.close(fd)
    return code, got["stdout"], got.get("stderr", b"")


def _check(repo, *args, **how):
    return _ecslint(["check", "--config", "../config.yaml", *args, "."], repo, **how)


def _finding_paths(text: str) -> list:
    """The path of each finding line, in order, one entry per run of lines of one path."""
    paths = [m.group(1) for m in re.finditer(r"^(\S+?):\d+:\d+: ", text, re.M)]
    return [p for i, p in enumerate(paths) if i == 0 or paths[i - 1] != p]


_PROGRESS = r"ecslint: ([\d,]+)/([\d,]+) files, (?:[\d,]+|-) files/s"


def _progress_lines(err: bytes, total: int) -> list:
    """The lines the progress showed, in order, after checking that stderr holds nothing
    else: each drawn over the previous one, and the last one erased."""
    text = err.decode()
    assert text.startswith(ERASE) and text.endswith(ERASE), repr(text)
    shown = [s for s in text.split(ERASE) if s]
    for line in shown:
        assert re.fullmatch(_PROGRESS + r"(?:; checking pairs\.\.\.)?", line), repr(line)
    done = [int(re.match(_PROGRESS, line).group(1).replace(",", "")) for line in shown]
    assert done == sorted(done) and done[0] >= 1 and done[-1] == total
    assert all(re.match(_PROGRESS, line).group(2).replace(",", "") == str(total) for line in shown)
    return shown


def test_piped_output_is_the_report_of_before(tmp_path):
    repo = _tree(tmp_path)
    assert _check(repo, stdout_tty=False, stderr_tty=False) == (1, REPORT.encode(), b"")
    # stdout piped while stderr is a terminal: the progress line is on stderr only
    code, out, err = _check(repo, stdout_tty=False, stderr_tty=True)
    assert (code, out) == (1, REPORT.encode())
    shown = _progress_lines(err, 7)
    assert shown[0].startswith("ecslint: 1/7 files, ")  # the first file is drawn (AFTER is 0)
    assert re.fullmatch(_PROGRESS + r"; checking pairs\.\.\.", shown[-1]) and shown[-2] == shown[-1].split(";")[0]


def test_streamed_text_is_the_same_lines_in_the_order_the_files_finish(tmp_path):
    repo = _tree(tmp_path)
    assert _check(repo, stdout_tty=True, stderr_tty=False) == (1, STREAMED.encode(), b"")
    assert sorted(STREAMED.splitlines()) == sorted(REPORT.splitlines())
    assert _finding_paths(STREAMED) == STREAMED_ORDER


@pytest.mark.parametrize("extra", [["--show-source"], ["--show-suppressed"], ["--color"]])
def test_streamed_variants_have_the_lines_of_the_piped_report(tmp_path, extra):
    repo = _tree(tmp_path)
    piped = _check(repo, *extra, stdout_tty=False, stderr_tty=False)
    streamed = _check(repo, *extra, stdout_tty=True, stderr_tty=False)
    assert piped[0] == streamed[0] == 1 and piped[2] == streamed[2] == b""
    assert Counter(streamed[1].decode().splitlines()) == Counter(piped[1].decode().splitlines())
    plain = re.sub(r"\x1b\[\d+m", "", streamed[1].decode())
    if extra == ["--color"]:
        assert plain != streamed[1].decode()  # coloured, like the piped --color report
    assert _finding_paths(plain) == STREAMED_ORDER


def test_on_one_terminal_findings_come_out_while_the_run_goes_on(tmp_path):
    """stdout and stderr on the same terminal: the progress line is erased before each file's
    findings, the early files' findings are out before the pair stage, and once the progress
    is taken out, what is left is the streamed report itself."""
    repo = _tree(tmp_path)
    code, out, _ = _check(repo, stdout_tty=True, stderr_tty="both")
    text = out.decode()
    pairs = text.index("; checking pairs...")
    assert text.index("d/worker.yaml:3:5: ") < pairs < text.index("a/service.yaml:2:1: ")
    left = re.sub(re.escape(ERASE) + "(?:" + _PROGRESS + r"(?:; checking pairs\.\.\.)?)?", "", text)
    streamed = _check(repo, stdout_tty=True, stderr_tty=False)[1].decode()
    assert (code, left) == (1, streamed)


def test_quiet_or_a_piped_stderr_shows_no_progress(tmp_path):
    repo = _tree(tmp_path)
    streamed = _check(repo, stdout_tty=True, stderr_tty=False)[1]
    for flag in ("-q", "--quiet"):
        assert _check(repo, flag, stdout_tty=True, stderr_tty=True) == (1, streamed, b"")
        assert _check(repo, flag, stdout_tty=False, stderr_tty=True) == (1, REPORT.encode(), b"")


def test_a_short_run_shows_no_progress_by_default(tmp_path):
    """The default wait (about two seconds of linting) is far longer than one small file."""
    repo = _tree(tmp_path)
    assert _ecslint(["check", "--config", os.devnull, "c.json"], repo, stdout_tty=False, stderr_tty=True,
                    after=None)[::2] == (1, b"")


def test_other_formats_and_baselines_do_not_stream(tmp_path):
    repo = _tree(tmp_path)
    for args in (["--format", "json"], ["--format", "github"], ["--statistics"]):
        piped = _check(repo, *args, stdout_tty=False, stderr_tty=False)
        assert _check(repo, *args, stdout_tty=True, stderr_tty=False) == piped
    # A baseline is matched over every finding at once: the report is printed at the end.
    baseline = str(tmp_path / "baseline.json")
    assert _check(repo, "--write-baseline", baseline, stdout_tty=False, stderr_tty=False)[0] == 0
    (repo / "c.json").write_text(td("cart", "example/cart:1"), encoding="utf-8")  # ECS401 fixed
    (repo / "z.json").write_text(td("zeta", "example/zeta:latest"), encoding="utf-8")  # one new finding
    piped = _check(repo, "--baseline", baseline, stdout_tty=False, stderr_tty=False)
    assert piped[1].decode().startswith('z.json:4:21: warning ECS401 mutable-image-tag: container "app" image '
                                        '"example/zeta:latest" uses the mutable tag "latest"\nFound 1 problem ')
    assert _check(repo, "--baseline", baseline, stdout_tty=True, stderr_tty=False) == piped


def test_the_process_pool_streams_and_counts_as_results_arrive(tmp_path):
    """Past runner.POOL_THRESHOLD files the run uses the pool: the progress counts every
    file, and the streamed text is the piped report's lines, the held service last."""
    repo = _tree(tmp_path)
    (repo / "package.json").unlink()
    for i in range(200):
        (repo / f"t{i:03}.json").write_text(td(f"f{i}", "example/x:latest" if i % 50 == 0 else "example/x:1"), encoding="utf-8")
    total = len(FILES) - 1 + 200
    piped = _check(repo, "-j", "2", stdout_tty=False, stderr_tty=False)
    code, out, err = _check(repo, "-j", "2", stdout_tty=True, stderr_tty=True)
    assert code == piped[0] == 1 and piped[2] == b""
    assert Counter(out.decode().splitlines()) == Counter(piped[1].decode().splitlines())
    roots = ["c.json", *(f"t{i:03}.json" for i in range(200)), "z.json"]
    assert _finding_paths(out.decode()) == [*roots, "a/task-definition.json", "b/td.json", "d/worker.yaml",
                                            "../config.yaml", "a/service.yaml", "d/worker.yaml"]
    assert _progress_lines(err, total)[0].startswith(f"ecslint: 1/{total} files, ")


def test_ctrl_c_on_a_terminal_erases_the_progress_and_says_so_in_one_line(tmp_path):
    for i in range(3000):
        (tmp_path / f"td{i:04}.json").write_text(td(f"f{i}", "example/x:1"), encoding="utf-8")
    code, _, err = _ecslint(["check", "--config", os.devnull, "-j", "2", "."], tmp_path, stdout_tty=False,
                            stderr_tty=True, signal_after=time.monotonic() + 1.0)
    text = err.decode()
    if code in (0, 1) and "interrupted" not in text:  # the run finished before the signal: nothing to judge
        return
    assert code == 130, text
    head, sep, tail = text.rpartition(ERASE)
    assert (sep, tail) == (ERASE, "ecslint: interrupted\n")
    assert all(re.fullmatch(_PROGRESS, s) for s in head.split(ERASE) if s), repr(head)


def test_progress_draws_after_the_wait_at_most_every_tenth_of_a_second_and_always_the_last(monkeypatch):
    clock = iter([0.0, 0.5, 1.0, 1.05, 2.0, 2.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))

    class Terminal:
        text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    term = Terminal()
    p = Progress(term, 4, wait=1.0)  # starts at 0.0
    p.advance()  # 0.5: before the wait
    assert term.text == ""
    p.advance()  # 1.0: drawn
    p.advance()  # 1.05: too soon after the last draw
    p.advance()  # 2.0: the last file, always drawn
    p.stage("checking pairs...")
    p.clear()
    p.clear()  # nothing left to erase
    assert term.text == (ERASE + "ecslint: 2/4 files, 2 files/s" + ERASE + "ecslint: 4/4 files, 2 files/s"
                         + ERASE + "ecslint: 4/4 files, 2 files/s; checking pairs..." + ERASE)


def test_progress_stops_drawing_on_a_terminal_that_fails():
    class Gone:
        writes = 0

        def write(self, s):
            self.writes += 1
            raise OSError(5, "Input/output error")

        def flush(self):
            pass

    term = Gone()
    p = Progress(term, 3, wait=0)
    for _ in range(3):
        p.advance()
    p.clear()
    assert term.writes == 1


def test_a_file_whose_findings_lie_in_another_file_waits_for_the_end():
    """A Terraform file places findings in a file it embeds: that file's directives decide
    their suppression, so they are printed with the rest at the end."""
    from ecslint.config import Config
    from ecslint.registry import default_registry
    from ecslint.text_stream import TextStream

    def finding_in(path):
        return Finding(path, Region(1, 1, 1, 2), "ECS401", "mutable-image-tag", Severity.WARNING, "m", "")

    finding = finding_in("containers.json")
    stream = TextStream(Config(), default_registry(), colour=False, show_suppressed=False, show_source=False, rules={})
    assert stream.early(FileResult("main.tf", [finding])) == ""
    assert stream.early(FileResult("containers.json", [finding])) == (
        "containers.json:1:1: warning ECS401 mutable-image-tag: m\n")
    # the cross-document stage may add findings to a file with services or Auto Scaling input
    assert stream.early(FileResult("svc.json", [finding_in("svc.json")], services=[(0, 0, b"", "", None)])) == ""
    assert stream.early(FileResult("scaling.json", [finding_in("scaling.json")],
                                   scaling=[(0, 0, "scalable-target", "service/c/s", b"")])) == ""
    assert stream.early(FileResult("td.json", [finding_in("td.json")])) == "td.json:1:1: warning ECS401 mutable-image-tag: m\n"
    assert stream.early("a.json: cannot read") == ""


def test_progress_is_cut_to_the_terminal_width():
    """A line longer than the terminal wraps, and a redraw from its start would leave the
    first part on the screen."""
    ours, theirs = os.openpty()
    try:
        fcntl.ioctl(theirs, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 20, 0, 0))  # 20 columns
        with open(theirs, "w") as term:  # closed when written: the reads below end at EOF
            p = Progress(term, 5, wait=0)
            p.advance()
            p.clear()
        out = b""
        while True:
            try:
                data = os.read(ours, 4096)
            except OSError:  # EIO: everything written has been read
                break
            if not data:
                break
            out += data
    finally:
        os.close(ours)
    out = out.decode()
    assert out == ERASE + "ecslint: 1/5 files," + ERASE  # 19 characters
