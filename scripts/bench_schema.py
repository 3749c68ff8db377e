#!/usr/bin/env python3
"""Throughput of ecslint.schema.validate() on the schema fixtures, and its cold start.

    python scripts/bench_schema.py
"""
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ecslint import schema  # noqa: E402

COLD = ("import time; t=time.perf_counter(); import ecslint.schema as s; "
        "s.validate('register-task-definition', {'family': 'f', 'containerDefinitions': [{'name': 'a', 'image': 'b'}]}); "
        "print((time.perf_counter()-t)*1000)")


def rate(fn, seconds=1.0):
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(200):
            fn()
        n += 200
    return n / (time.perf_counter() - start)


def main():
    fixtures = ROOT / "tests" / "fixtures" / "schema"
    docs = [("register-task-definition", json.loads(p.read_text())) for p in sorted(fixtures.glob("td-*.json"))]
    web = json.loads((fixtures / "td-fargate-web.json").read_text())
    bad = dict(web, cpu=256, networkMode="AWSVPC", bogus=1)
    schema.validate("register-task-definition", web)  # warm: compile once
    print(f"typical TD ({len(json.dumps(web))} B) validate():   {rate(lambda: schema.validate('register-task-definition', web)):>9,.0f} docs/s")
    v = schema._validator("register-task-definition")
    print(f"  of which jsonschema-rs is_valid() alone:  {rate(lambda: v.is_valid(web)):>9,.0f} docs/s")
    print(f"all 6 TD fixtures, round robin:             {rate(lambda: [schema.validate(k, d) for k, d in docs]) * len(docs):>9,.0f} docs/s")
    print(f"invalid TD (3 errors) validate():           {rate(lambda: schema.validate('register-task-definition', bad)):>9,.0f} docs/s")
    colds = sorted(float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, cwd=ROOT,
                                        check=True).stdout) for _ in range(5))
    print(f"cold import + first validate (5 runs): median {colds[2]:.1f} ms, min {colds[0]:.1f} ms")


if __name__ == "__main__":
    main()
