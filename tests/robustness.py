"""Helpers for the robustness tests (hostile input, properties, safety, corpus).

`run_cli` runs the real command line in a child process, the way a CI job or a pre-commit
hook does, with a timeout, and reports the child's wall time, CPU time (from wait4) and peak memory: its
VmHWM, written at exit (ru_maxrss would include the forked test runner's pages). The child blocks sockets and
process creation first: ecslint has no reason to use either, and any attempt raises a
BaseException that ecslint's catch-all does not swallow, so the test sees a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time

from helpers import ROOT

# Run in the child before ecslint: no network, no new processes, no os.system.
GUARD = r"""
import os, socket, subprocess, sys
class Forbidden(BaseException):
    pass
def _deny(what):
    def f(*a, **k):
        raise Forbidden("ecslint tried to " + what)
    return f
socket.socket = _deny("open a socket")
socket.create_connection = _deny("open a network connection")
socket.getaddrinfo = _deny("resolve a host name")
os.system = _deny("run a shell command")
subprocess.Popen = _deny("start a process")
sys.argv[0] = "ecslint"
def _peak():
    # VmHWM belongs to this process image (ru_maxrss would still count the forked test runner)
    with open("/proc/self/status") as fh:
        kb = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    with open(os.environ["ECSLINT_TEST_PEAK_FILE"], "w") as fh:
        fh.write(kb)
import atexit
atexit.register(_peak)
from ecslint.cli import main
main()
"""

# Time budget of one CLI run, in CPU seconds: 2 s for the work plus the child's start-up.
WORK_BUDGET_S = 2.0
STARTUP_ALLOWANCE_S = 1.0
MEMORY_BUDGET_KB = 200 * 1024
HANG_S = 15.0  # wall time that can only mean a hang, even on a loaded CI machine


@dataclasses.dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str
    seconds: float  # wall time
    max_rss_kb: int
    cpu_seconds: float  # the child's own CPU time: unlike wall time, not inflated by a busy machine

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(args, cwd=None, stdin=None, timeout=20.0, env=None) -> CliRun:
    """`python -m ecslint <args>` with the guard; returns exit code, output, time, peak RSS."""
    child_env = dict(os.environ)
    child_env["PYTHONPATH"] = ROOT + os.pathsep + child_env.get("PYTHONPATH", "")
    child_env.pop("ECSLINT_DEBUG", None)
    child_env["NO_COLOR"] = "1"
    if env:
        child_env.update(env)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        child_env["ECSLINT_TEST_PEAK_FILE"] = peak.name
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", GUARD, *args], cwd=cwd or ROOT, env=child_env,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL, stdout=out, stderr=err,
        )
        if stdin is not None:
            try:
                proc.stdin.write(stdin)
                proc.stdin.close()
            except BrokenPipeError:
                pass
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.waitpid(proc.pid, 0)
                raise AssertionError(f"ecslint {' '.join(map(str, args))} did not finish within {timeout} s")
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        peak_kb = int(peak.read().strip() or 0)
        assert peak_kb, "the child did not report its peak memory"
        return CliRun(proc.returncode, out.read().decode("utf-8", "replace"),
                      err.read().decode("utf-8", "replace"), seconds, peak_kb,
                      usage.ru_utime + usage.ru_stime)


def assert_sane(run: CliRun, codes=(0, 1, 2)):
    """The promises every run keeps, whatever the input."""
    assert "Traceback" not in run.output, run.output[-3000:]
    assert "internal error" not in run.output, run.output[-3000:]
    assert run.code in codes, (run.code, run.output[-3000:])
    assert run.code != -signal.SIGSEGV
    assert run.cpu_seconds < WORK_BUDGET_S + STARTUP_ALLOWANCE_S, f"took {run.cpu_seconds:.2f} s of CPU"
    assert run.seconds < HANG_S, f"took {run.seconds:.2f} s"
    assert run.max_rss_kb < MEMORY_BUDGET_KB, f"peak memory {run.max_rss_kb // 1024} MB"


def check_regions(result, text: str):
    """Every finding's region lies inside the text: 1 ≤ line ≤ lines, columns within the line
    (the end column is exclusive, so it may be one past the last character)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as editors count lines
    for f in result.findings:
        r = f.region
        assert 1 <= r.line <= len(lines), (f, len(lines))
        assert 1 <= r.end_line <= len(lines), (f, len(lines))
        assert (r.line, r.column) <= (r.end_line, r.end_column), f
        assert 1 <= r.column <= len(lines[r.line - 1]) + 1, (f, lines[r.line - 1][:200])
        assert 1 <= r.end_column <= len(lines[r.end_line - 1]) + 1, (f, lines[r.end_line - 1][:200])
