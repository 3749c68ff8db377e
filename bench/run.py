"""The ecslint benchmark: one command.

    python bench/run.py [--sizes 1,100,1000,10000] [--runs 5] [--peers] [--jobs N]
                        [--quick] [--forms ecs-json,...] [--ecslint "CMD"] [--json FILE]

Times whole processes (fork to exit, so start-up is included), each command
``--runs`` times after one untimed warm-up run; reports the median and the spread
(min-max) of the wall time, task definitions per second, and the peak RSS of the
child (``ru_maxrss`` from ``os.wait4`` on that very child).  See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".peers-venv"
PEER_PACKAGES = ("cfn-lint", "checkov")


def _load_generate():
    spec = importlib.util.spec_from_file_location("ecslint_bench_generate", HERE / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _load_generate()

# Targets (see README.md).
TARGET_ONE_CORE_DEFS_PER_S = 3000
TARGET_10K_TWO_CORES_S = 3.0  # issue 18: 20,000 files on 2 cores
TARGET_PEAK_MB = 150
TARGET_STARTUP_RATIO = 6  # issue 18 (the floor measured is 3.9x)
TARGET_RATIO = {"checkov": 60, "cfn-lint": 100}  # issue 18: wall time at 1,000 definitions
TARGET_HCL_RATIO = 2.0  # the same definitions as Terraform .tf cost at most 2x CloudFormation YAML


# --------------------------------------------------------------------------- measuring


class Run:
    __slots__ = ("wall", "cpu", "maxrss_mb", "rc", "stdout", "stderr")

    def __init__(self, wall, cpu, maxrss_mb, rc, stdout, stderr):
        self.wall, self.cpu, self.maxrss_mb, self.rc = wall, cpu, maxrss_mb, rc
        self.stdout, self.stderr = stdout, stderr


def run_once(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> Run:
    """Run ``cmd`` once; wall time from just before fork to reaping, rusage of that child.

    ``os.wait4`` gives the rusage of this child (and of the descendants it waited for):
    ``ru_maxrss`` is the peak RSS of the largest single process in that tree, in KiB.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        rc = os.waitstatus_to_exitcode(status)
        proc.returncode = rc  # already reaped: keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def measure(cmd, runs, warmup, check=None, env=None) -> dict:
    """Warm up, then time ``runs`` runs. ``check(run)`` returns an error string or None."""
    for _ in range(warmup):
        run_once(cmd, env)
    results = [run_once(cmd, env) for _ in range(runs)]
    walls = [r.wall for r in results]
    last = results[-1]
    error = None
    for r in results:
        error = check(r) if check else (None if r.rc == 0 else f"exit {r.rc}")
        if error:
            tail = (r.stderr.strip().splitlines() or [""])[-1][:200]
            error = f"{error}: {tail}" if tail else error
            break
    return {
        "cmd": cmd,
        "runs": walls,
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "cpu_median": statistics.median(r.cpu for r in results),
        "peak_mb": max(r.maxrss_mb for r in results),
        "rc": last.rc,
        "error": error,
        "_last": last,
    }


def check_ecslint_json(r: Run) -> str | None:
    if r.rc != 0:
        return f"exit {r.rc}"
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        return "stdout is not JSON"
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        return 'stdout JSON has no "findings" list'
    return None


def reported_files(r: Run):
    """The number of files ecslint says it checked, if its JSON says so (summary.files or files)."""
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        return None
    for holder in (doc.get("summary"), doc.get("stats"), doc):
        if isinstance(holder, dict):
            for key in ("files", "files_checked", "documents"):
                v = holder.get(key)
                if isinstance(v, int) and not isinstance(v, bool):
                    return v
                if isinstance(v, list):
                    return len(v)
    return None


def findings_count(r: Run):
    try:
        return len(json.loads(r.stdout)["findings"])
    except (ValueError, KeyError, TypeError):
        return None


# --------------------------------------------------------------------------- peers


def peer_bin(name: str) -> Path:
    return PEERS_VENV / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_peers() -> dict:
    """Create bench/.peers-venv with cfn-lint and checkov if missing; return their versions."""
    if not all(peer_bin(p).exists() for p in PEER_PACKAGES):
        print(f"# creating {PEERS_VENV} and installing {', '.join(PEER_PACKAGES)} (one-off) ...", flush=True)
        if not peer_bin("python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(peer_bin("python")), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        *PEER_PACKAGES], check=True)
    versions = {}
    for name, args in (("cfn-lint", ["--version"]), ("checkov", ["--version"])):
        p = subprocess.run([str(peer_bin(name)), *args], capture_output=True, text=True)
        text = (p.stdout.strip() or p.stderr.strip()).splitlines()[-1] if p.returncode == 0 else "?"
        versions[name] = text.removeprefix(name).strip()
    return versions


def peer_commands(directory: Path) -> dict[str, list[str]]:
    files = [str(p) for p in gen.corpus_files(directory)]
    return {
        # cfn-lint: every template named on the command line; it lints them one after another.
        "cfn-lint": [str(peer_bin("cfn-lint")), "--format", "parseable", "--", *files],
        # checkov: the directory, CloudFormation framework only; --skip-download keeps it offline,
        # --soft-fail makes exit 0 mean "ran" whatever it found.
        "checkov": [str(peer_bin("checkov")), "-d", str(directory), "--framework", "cloudformation",
                    "--quiet", "--compact", "--skip-download", "--soft-fail"],
    }


def check_cfn_lint(r: Run) -> str | None:
    # cfn-lint exit codes are a bit mask of findings (2 error, 4 warning, 8 info); 1 is a crash.
    return None if r.rc >= 0 and r.rc % 2 == 0 and r.rc <= 14 else f"exit {r.rc}"


PEER_ENV = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false",
                PYTHONWARNINGS="ignore")


# --------------------------------------------------------------------------- analysis


def linearity(rows: list[dict]) -> dict:
    """Per-def marginal time between consecutive sizes, and a least-squares fit t = a + b*N."""
    pts = sorted((r["n"], r["median"]) for r in rows if not r.get("error"))
    out = {"points": pts, "marginal_ms_per_def": [], "status": "n/a"}
    if len(pts) < 2:
        return out
    for (n1, t1), (n2, t2) in zip(pts, pts[1:]):
        out["marginal_ms_per_def"].append({"from": n1, "to": n2, "ms": 1000.0 * (t2 - t1) / (n2 - n1)})
    ns = [p[0] for p in pts]
    ts = [p[1] for p in pts]
    mn, mt = statistics.fmean(ns), statistics.fmean(ts)
    sxx = sum((n - mn) ** 2 for n in ns)
    b = sum((n - mn) * (t - mt) for n, t in zip(ns, ts)) / sxx if sxx else 0.0
    a = mt - b * mn
    out["fit_fixed_s"] = a
    out["fit_ms_per_def"] = 1000.0 * b
    marg = [m["ms"] for m in out["marginal_ms_per_def"]]
    # Only steps of >= 100 definitions say anything about growth; start-up noise swamps smaller ones.
    big = [m["ms"] for m in out["marginal_ms_per_def"] if m["to"] >= 100]
    if len(big) >= 2:
        # Super-linear if the last step costs much more per def than the previous one: more than
        # 1.5x and more than 0.02 ms/def (0.2 s per 10,000 definitions) above it.
        prev, last = big[-2], big[-1]
        out["last_to_previous_marginal"] = last / prev if prev > 0 else None
        out["status"] = "SUPERLINEAR" if last > 1.5 * max(prev, 0.0) and last - prev > 0.02 else "ok"
    elif marg:
        out["status"] = "n/a (need 3 sizes, largest >= 1000)"
    return out


def fmt_row(cols, widths):
    return "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cols, widths)))


def print_table(rows: list[dict]) -> None:
    head = ("tool", "form", "N", "median s", "spread", "defs/s", "peak MB", "ratio", "cpu s")
    body = []
    for r in rows:
        if r.get("error"):
            body.append((r["tool"], r["form"], r["n"], "ERROR", "-", "-", "-", "", ""))
            continue
        body.append((
            r["tool"], r["form"], r["n"], f"{r['median']:.3f}", f"{r['min']:.3f}-{r['max']:.3f}",
            f"{r['defs_per_s']:.0f}" if r["defs_per_s"] >= 10 else f"{r['defs_per_s']:.1f}",
            f"{r['peak_mb']:.0f}", r.get("ratio_text", ""), f"{r['cpu_median']:.2f}",
        ))
    widths = [max(len(str(x[i])) for x in [head, *body]) for i in range(len(head))]
    print(fmt_row(head, widths))
    print(fmt_row(["-" * w for w in widths], widths))
    for b in body:
        print(fmt_row(b, widths))
    for r in rows:
        if r.get("error"):
            print(f"  ERROR {r['tool']} {r['form']} N={r['n']}: {r['error']}")


# --------------------------------------------------------------------------- main


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Benchmark ecslint (see bench/README.md).")
    ap.add_argument("--sizes", default="1,100,1000,10000", help="numbers of task definitions (default %(default)s)")
    ap.add_argument("--forms", default=",".join(gen.FORMS), help="corpus forms (default %(default)s)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (default %(default)s)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs before timing (default %(default)s)")
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs N to ecslint check")
    ap.add_argument("--peers", action="store_true", help="also time cfn-lint and checkov on cfn-yaml")
    ap.add_argument("--peer-max-n", type=int, default=1000, help="largest N the peers are timed at (default %(default)s)")
    ap.add_argument("--peer-runs", type=int, default=1, help="timed runs per peer command (default %(default)s)")
    ap.add_argument("--quick", action="store_true", help="sizes 1,100; 1 run; no warm-up; no peers")
    ap.add_argument("--ecslint", default=None, help='ecslint command (default: "PYTHON -m ecslint")')
    ap.add_argument("--corpus", default=str(gen.DEFAULT_OUT), help="corpus cache dir (default %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", dest="json_out", default=None, help="write raw numbers to this file")
    ap.add_argument("--check-targets", action="store_true", help="exit 3 if a measured target is missed")
    a = ap.parse_args(argv)
    if a.quick:
        a.sizes, a.runs, a.warmup, a.peers = "1,100", 1, 0, False
    a.size_list = sorted({int(s) for s in a.sizes.split(",") if s.strip()})
    a.form_list = [f for f in a.forms.split(",") if f]
    for f in a.form_list:
        if f not in gen.FORMS:
            ap.error(f"unknown form {f!r}; choose from {', '.join(gen.FORMS)}")
    if a.runs < 1:
        ap.error("--runs must be >= 1")
    return a


def main(argv=None) -> int:
    a = parse_args(argv)
    ecslint = shlex.split(a.ecslint) if a.ecslint else [sys.executable, "-m", "ecslint"]
    base_opts = ["check", "--format", "json", "--fail-on", "never"]
    check_opts = base_opts + (["--jobs", str(a.jobs)] if a.jobs is not None else [])

    report: dict = {
        "meta": {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "ecslint_cmd": ecslint, "check_opts": check_opts, "runs": a.runs, "warmup": a.warmup,
            "sizes": a.size_list, "forms": a.form_list, "seed": a.seed, "jobs": a.jobs,
        },
        "startup": {}, "results": [], "linearity": {}, "peers": {}, "targets": [],
    }
    print(f"# ecslint bench: {shlex.join(ecslint)}  | python {report['meta']['python']}  | {os.cpu_count()} cpus  "
          f"| runs={a.runs} warmup={a.warmup}" + (f" jobs={a.jobs}" if a.jobs is not None else ""), flush=True)

    # Corpora first, so generation never lands inside a timing.
    t0 = time.perf_counter()
    dirs = {(f, n): gen.ensure_corpus(f, n, a.corpus, a.seed) for f in a.form_list for n in a.size_list}
    small = gen.ensure_corpus("ecs-json", 1, a.corpus, a.seed) / "td-00001.json"
    print(f"# corpora ready in {time.perf_counter() - t0:.1f}s under {a.corpus}", flush=True)

    failures = []

    # ---- start-up
    runs_startup = max(a.runs, 3) if not a.quick else 1
    st = {
        "python -c pass": measure([sys.executable, "-c", "pass"], runs_startup, a.warmup),
        "ecslint --version": measure(ecslint + ["--version"], runs_startup, a.warmup),
        "ecslint check 1 file": measure(ecslint + check_opts + [str(small)], runs_startup, a.warmup,
                                        check_ecslint_json),
    }
    base = st["python -c pass"]["median"]
    print(f"\n## start-up (median of {runs_startup})")
    for name, m in st.items():
        if m["error"]:
            print(f"  {name:22} ERROR {m['error']}")
            if name != "ecslint --version":
                failures.append(f"{name}: {m['error']}")
            continue
        print(f"  {name:22} {m['median'] * 1000:8.1f} ms  (spread {m['min'] * 1000:.1f}-{m['max'] * 1000:.1f})  "
              f"{m['median'] / base:5.1f}x python -c pass  peak {m['peak_mb']:.0f} MB")
    report["startup"] = {k: {kk: vv for kk, vv in v.items() if not kk.startswith("_")} for k, v in st.items()}
    one = st["ecslint check 1 file"]
    startup_ratio = None if one["error"] else one["median"] / base
    report["startup"]["ratio_check_1_file_to_python"] = startup_ratio

    # ---- ecslint over every form and size
    rows = []
    print("\n## ecslint", flush=True)
    for form in a.form_list:
        for n in a.size_list:
            d = dirs[(form, n)]
            m = measure(ecslint + check_opts + [str(d)], a.runs, a.warmup, check_ecslint_json)
            row = {"tool": "ecslint", "form": form, "n": n, "files": len(gen.corpus_files(d)),
                   "findings": None if m["error"] else findings_count(m["_last"]),
                   **{k: v for k, v in m.items() if not k.startswith("_")}}
            row["defs_per_s"] = n / m["median"]
            row["reported_files"] = None if m["error"] else reported_files(m["_last"])
            rows.append(row)
            if row["reported_files"] is not None and row["reported_files"] != row["files"]:
                print(f"  WARNING: ecslint reports {row['reported_files']} files checked in {d}, "
                      f"which holds {row['files']}", flush=True)
            if m["error"]:
                failures.append(f"ecslint {form} N={n}: {m['error']}")
            status = "ERROR " + m["error"] if m["error"] else (
                f"{m['median']:.3f}s  {row['defs_per_s']:.0f} defs/s  {m['peak_mb']:.0f} MB  "
                f"{row['findings']} findings")
            print(f"  {form:9} N={n:<6} {row['files']:6} files  {status}", flush=True)

    # ---- one core: the per-core target is judged on a --jobs 1 run, whatever --jobs the
    # table used (the default is one worker per core, which would flatter a "one core" figure)
    largest = max(a.size_list)
    one_core = None
    if "ecs-json" in a.form_list and largest >= 1000:
        one_core = next((r for r in rows if r["form"] == "ecs-json" and r["n"] == largest), None) if a.jobs == 1 else None
        if one_core is None:
            d = dirs[("ecs-json", largest)]
            m = measure(ecslint + base_opts + ["--jobs", "1", str(d)], a.runs, a.warmup, check_ecslint_json)
            one_core = {"tool": "ecslint", "form": "ecs-json", "n": largest, "files": len(gen.corpus_files(d)),
                        "jobs": 1, **{k: v for k, v in m.items() if not k.startswith("_")}}
            one_core["defs_per_s"] = largest / m["median"]
            if m["error"]:
                failures.append(f"ecslint ecs-json N={largest} --jobs 1: {m['error']}")
            print(f"  ecs-json  N={largest:<6} {one_core['files']:6} files  --jobs 1: " + (
                f"ERROR {m['error']}" if m["error"] else f"{m['median']:.3f}s  {one_core['defs_per_s']:.0f} defs/s"),
                flush=True)
    report["one_core"] = one_core

    # ---- peers
    peer_rows = []
    if a.peers:
        versions = ensure_peers()
        report["peers"]["versions"] = versions
        peer_sizes = [n for n in a.size_list if n <= a.peer_max_n]
        note = (f"peers timed on cfn-yaml at N <= {a.peer_max_n} only ({', '.join(map(str, peer_sizes)) or 'none'}), "
                f"{a.peer_runs} run(s) each, no warm-up; versions: "
                + ", ".join(f"{k} {v}" for k, v in versions.items()))
        report["peers"]["note"] = note
        print(f"\n## peers\n# {note}", flush=True)
        for n in peer_sizes:
            d = gen.ensure_corpus("cfn-yaml", n, a.corpus, a.seed)
            for tool, cmd in peer_commands(d).items():
                m = measure(cmd, a.peer_runs, 0, check_cfn_lint if tool == "cfn-lint" else None, env=PEER_ENV)
                row = {"tool": tool, "form": "cfn-yaml", "n": n, "files": len(gen.corpus_files(d)),
                       **{k: v for k, v in m.items() if not k.startswith("_")}}
                row["cmd"] = cmd[:8] + (["..."] if len(cmd) > 8 else [])
                row["defs_per_s"] = n / m["median"]
                mine = next((r for r in rows if r["form"] == "cfn-yaml" and r["n"] == n and not r["error"]), None)
                if mine and not m["error"]:
                    row["ratio"] = mine["defs_per_s"] / row["defs_per_s"]
                    row["ratio_text"] = f"{row['ratio']:.1f}x"
                peer_rows.append(row)
                print(f"  {tool:9} N={n:<6} " + (f"ERROR {m['error']}" if m["error"] else
                      f"{m['median']:.2f}s  {row['defs_per_s']:.1f} defs/s  {m['peak_mb']:.0f} MB"
                      + (f"  ecslint is {row['ratio']:.1f}x" if "ratio" in row else "")), flush=True)
    report["results"] = rows + peer_rows

    # ---- linear growth
    for form in a.form_list:
        report["linearity"][form] = linearity([r for r in rows if r["form"] == form])

    # ---- table
    print("\n## results (wall time of the whole process; defs = task definitions; ratio = ecslint defs/s / peer defs/s)")
    print_table(rows + peer_rows)
    print("\n## linear growth (per-def marginal time between consecutive sizes)")
    for form, lin in report["linearity"].items():
        steps = ", ".join(f"{m['from']}->{m['to']}: {m['ms']:.3f} ms" for m in lin["marginal_ms_per_def"])
        fit = (f"; fit {lin['fit_fixed_s']:.3f}s + {lin['fit_ms_per_def']:.3f} ms/def"
               if "fit_ms_per_def" in lin else "")
        print(f"  {form:9} {lin['status']:8} {steps}{fit}")

    # ---- targets
    targets = report["targets"]

    def target(name, value, ok, note=""):
        targets.append({"target": name, "value": value, "ok": ok, "note": note})

    def row_for(form, n):
        return next((r for r in rows if r["form"] == form and r["n"] == n and not r["error"]), None)

    name = f">= {TARGET_ONE_CORE_DEFS_PER_S} task defs/s, ECS JSON, one core (--jobs 1)"
    if one_core and not one_core["error"]:
        target(name, f"{one_core['defs_per_s']:.0f}/s at N={one_core['n']} with --jobs 1",
               one_core["defs_per_s"] >= TARGET_ONE_CORE_DEFS_PER_S)
    else:
        target(name, None, None, "judged on a --jobs 1 run of ecs-json at N >= 1000")
    r = row_for("ecs-json", 10000)
    if r and a.jobs == 2:
        target(f"N=10000 ECS JSON ({r['files']} files) on 2 cores < {TARGET_10K_TWO_CORES_S:g} s",
               f"{r['median']:.2f}s", r["median"] < TARGET_10K_TWO_CORES_S)
    else:
        target(f"N=10000 ECS JSON on 2 cores < {TARGET_10K_TWO_CORES_S:g} s", None, None,
               "needs --jobs 2 and size 10000")
    r = row_for("ecs-json", 10000)
    target(f"peak memory < {TARGET_PEAK_MB} MB at N=10000 ECS JSON", f"{r['peak_mb']:.0f} MB" if r else None,
           (r["peak_mb"] < TARGET_PEAK_MB) if r else None, "" if r else "needs size 10000")
    target(f"one small file <= {TARGET_STARTUP_RATIO}x python -c pass",
           f"{startup_ratio:.1f}x" if startup_ratio else None,
           (startup_ratio <= TARGET_STARTUP_RATIO) if startup_ratio else None)
    lin_states = {f: lin["status"] for f, lin in report["linearity"].items()}
    measured = {f: s for f, s in lin_states.items() if s in ("ok", "SUPERLINEAR")}
    target("linear growth", ", ".join(f"{f}: {s}" for f, s in lin_states.items()),
           all(s == "ok" for s in measured.values()) if measured else None,
           "" if measured else "needs 3 sizes up to >= 1000")
    hcl, cfn = row_for("tf-hcl", largest), row_for("cfn-yaml", largest)
    if hcl and cfn and largest >= 1000:
        ratio = hcl["median"] / cfn["median"]
        target(f"tf-hcl <= {TARGET_HCL_RATIO:g}x cfn-yaml", f"{ratio:.2f}x at N={largest}", ratio <= TARGET_HCL_RATIO)
    else:
        target(f"tf-hcl <= {TARGET_HCL_RATIO:g}x cfn-yaml", None, None, "needs both forms at N >= 1000")
    for tool, want in TARGET_RATIO.items():
        prs = [p for p in peer_rows if p["tool"] == tool and "ratio" in p]
        if prs:
            best = max(prs, key=lambda p: p["n"])
            target(f"cfn-yaml throughput >= {want}x {tool}", f"{best['ratio']:.1f}x at N={best['n']}",
                   best["ratio"] >= want)
        else:
            target(f"cfn-yaml throughput >= {want}x {tool}", None, None, "needs --peers and cfn-yaml")
    print("\n## targets")
    for t in targets:
        mark = {True: "PASS", False: "FAIL", None: "n/a "}[t["ok"]]
        print(f"  [{mark}] {t['target']}" + (f": {t['value']}" if t["value"] else "")
              + (f"  ({t['note']})" if t["note"] else ""))

    if a.json_out:
        Path(a.json_out).write_text(json.dumps(report, indent=2, default=str) + "\n")
        print(f"\n# raw numbers written to {a.json_out}")

    if failures:
        print("\n# ecslint FAILED in: " + "; ".join(failures), file=sys.stderr)
        return 1
    if a.check_targets and any(t["ok"] is False for t in targets):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
