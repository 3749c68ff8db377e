"""Benchmark for issue 16: language-server latency and the cost of --fix.

1. Diagnostics latency: `ecslint server` as a subprocess, a 5 KB task definition opened,
   then CHANGES full-text changes; the time from sending each didChange to receiving its
   publishDiagnostics (client side, so it includes the pipe both ways and the debounce).
   Target: median <= 50 ms.
2. `ecslint check --fix` on N console exports (describe-task-definition output with nulls)
   against a plain `ecslint check` of the same files; the fixed files must then lint clean
   of the fixed rules (ECS103, ECS105). Target: <= 2x.

Usage: python bench/fix_lsp.py [--changes 100] [--exports 1000] [--debounce-ms 20] [--runs 3]
Run small sizes on a shared machine, and say it was loaded when quoting the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))


def task_definition(i: int) -> dict:
    """About 5 KB of register input: five containers with environment, ports and logs."""
    containers = []
    for c in range(5):
        containers.append({
            "name": f"app{c}", "image": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/app{c}:1.{i}",
            "essential": c == 0, "cpu": 128, "memory": 256, "readonlyRootFilesystem": True,
            "portMappings": [{"containerPort": 8080 + c, "protocol": "tcp"}],
            "environment": [{"name": f"SETTING_{k}", "value": f"value-{k}-{i}"} for k in range(6)],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": f"/ecs/app{c}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}},
        })
    return {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "1024",
            "memory": "2048", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
            "taskRoleArn": "arn:aws:iam::123456789012:role/task", "containerDefinitions": containers}


def lsp_latency(changes: int, debounce_ms: float) -> list[float]:
    from lsp_client import Client

    work = tempfile.mkdtemp(prefix="ecslint-bench-lsp-")
    client = Client(work)
    try:
        client.request("initialize", {"processId": None, "rootUri": "file://" + work, "capabilities": {},
                                      "initializationOptions": {"debounceMs": debounce_ms}})
        client.notify("initialized", {})
        uri = "file://" + os.path.join(work, "td.json")
        text = json.dumps(task_definition(0), indent=2)
        print(f"task definition: {len(text.encode()):,} bytes")
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1,
                                                                "text": text}})
        client.diagnostics(uri, timeout=120)  # start-up and first lint excluded
        times = []
        for n in range(changes):
            changed = json.dumps(task_definition(n + 1), indent=2)
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": n + 2},
                                                     "contentChanges": [{"text": changed}]})
            client.wait(lambda m, v=n + 2: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"].get("version") == v, timeout=60)
            times.append((time.perf_counter() - start) * 1000)
        client.request("shutdown", None)
        client.notify("exit", None)
    finally:
        client.close()
        shutil.rmtree(work, ignore_errors=True)
    return times


def console_export(i: int) -> dict:
    td = task_definition(i)
    td.update({"cpu": 1024, "memory": 2048, "ipcMode": None, "pidMode": None, "proxyConfiguration": None,
               "taskDefinitionArn": f"arn:aws:ecs:us-east-1:123456789012:task-definition/web:{i}",
               "revision": i, "status": "ACTIVE", "compatibilities": ["EC2", "FARGATE"],
               "registeredAt": "2024-05-01T10:00:00.000Z", "registeredBy": "arn:aws:iam::123456789012:root",
               "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}]})
    td["family"] = f"web-{i}"
    return {"taskDefinition": td, "tags": []}


def _timed(args, cwd) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "ecslint", *args], cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, out


def _write_exports(work: str, exports: int) -> None:
    for i in range(exports):
        with open(os.path.join(work, f"td-{i:05d}.json"), "w", encoding="utf-8") as fh:
            json.dump(console_export(i), fh, indent=4)


def fix_cost(exports: int, runs: int) -> tuple[list[float], list[float], str]:
    """(check times, --fix times, the last --fix summary): each run writes the exports
    afresh, then times a plain check and a --fix of them back to back (paired, so a busy
    machine slows both)."""
    work = tempfile.mkdtemp(prefix="ecslint-bench-fix-")
    plains, fixings, summary = [], [], ""
    try:
        for _ in range(runs):
            _write_exports(work, exports)
            plain, _ = _timed(["check", "--fail-on", "never", "."], work)
            fixing, out = _timed(["check", "--fix", "--fail-on", "never", "."], work)
            _, after = _timed(["check", "--format", "json", "--fail-on", "never", "."], work)
            left = [f for f in json.loads(after.stdout)["findings"] if f["rule"] in ("ECS103", "ECS105")]
            if left:
                raise SystemExit(f"{len(left)} findings of the fixed rules remain after --fix")
            plains.append(plain)
            fixings.append(fixing)
            summary = out.stdout.strip().splitlines()[-1]
        return plains, fixings, summary
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--changes", type=int, default=100)
    ap.add_argument("--exports", type=int, default=1000)
    ap.add_argument("--debounce-ms", type=float, default=20.0)
    ap.add_argument("--runs", type=int, default=3, help="paired check / --fix runs (default %(default)s)")
    args = ap.parse_args()
    times = lsp_latency(args.changes, args.debounce_ms)
    print(f"diagnostics after a change (debounce {args.debounce_ms:g} ms), over {len(times)} changes: "
          f"median {statistics.median(times):.1f} ms, p90 {sorted(times)[int(len(times) * 0.9) - 1]:.1f} ms, "
          f"max {max(times):.1f} ms (target: median <= 50 ms)")
    plains, fixings, summary = fix_cost(args.exports, args.runs)
    ratios = sorted(f / p for p, f in zip(plains, fixings))
    print(f"{args.exports} console exports, {args.runs} paired runs: check median {statistics.median(plains):.2f} s, "
          f"check --fix median {statistics.median(fixings):.2f} s; ratio median {statistics.median(ratios):.2f}x "
          f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}x; target <= 2x); {summary}")


if __name__ == "__main__":
    main()
