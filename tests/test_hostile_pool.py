"""The process pool under hostile conditions: a worker killed (the OOM killer, kill -9) is
reported with the files it did not lint and exit 2, never a hang; Ctrl-C is one line and
exit 130, without a traceback from any worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from helpers import ROOT, settings_for
from ecslint import runner

TD = '{"family": "web", "containerDefinitions": [{"name": "a", "image": "b:1"}]}'


def _tree(tmp_path, n):
    for i in range(n):
        (tmp_path / f"td{i:04}.json").write_text(TD)
    return tmp_path


def test_a_killed_worker_is_reported_not_waited_for(tmp_path, monkeypatch):
    _tree(tmp_path, 64)
    real = runner._lint_in_worker

    def dies_on_one_file(item):
        if item[1].endswith("td0040.json"):
            os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
        return real(item)

    monkeypatch.setattr(runner, "_lint_in_worker", dies_on_one_file)  # forked workers inherit it
    monkeypatch.setattr(runner, "POOL_THRESHOLD", 1)

    def hang(*_):
        raise AssertionError("the run hung on a dead worker")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        results, _, errors = runner.run([str(tmp_path)], settings_for(), jobs=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len(errors) == 1
    assert errors[0].startswith("a worker process died (killed, or out of memory); ")
    # The message names the first files not linted, then a count; which chunks were still
    # pending when the pool broke depends on timing, but the dead worker's file is never linted.
    assert not any(r.path.endswith("td0040.json") for r in results)
    missing = 64 - len(results)
    assert f"; {missing} files were not linted: " in errors[0]
    assert 0 < len(results) < 64  # the other chunks were still linted


def _wait_for_workers(proc, n: int, timeout: float = 30.0) -> None:
    """Until `proc` has n child processes (the pool's workers), and a moment for them to
    start: a fixed sleep raced a slow start-up, and the signal then met a worker before it
    ignored Ctrl-C. Where /proc cannot say, a fixed wait."""
    children = f"/proc/{proc.pid}/task/{proc.pid}/children"
    if not os.path.exists(children):
        time.sleep(1.5)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with open(children) as fh:
            if len(fh.read().split()) >= n:
                break
        time.sleep(0.02)
    time.sleep(0.3)  # each worker's first act is to ignore SIGINT (runner._init_worker)


def test_ctrl_c_is_one_line_and_exit_130(tmp_path):
    _tree(tmp_path, 3000)
    env = dict(os.environ, PYTHONPATH=ROOT, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "ecslint", "check", "-j", "2", str(tmp_path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    _wait_for_workers(proc, 2)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    _, err = proc.communicate(timeout=60)
    if proc.returncode in (0, 1) and not err:  # the run finished before the signal: nothing to judge
        return
    assert proc.returncode == 130, err
    assert err.decode() == "ecslint: interrupted\n"
