"""Smoke tests of the benchmark (bench/): the generator's output, and that bench/run.py runs.

Nothing here times anything or asserts on numbers.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _load("generate")


class _Ref:
    def __init__(self, name):
        self.name = name


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe")

    def tolerant(constructor, node):  # any !Tag: keep the scalar / sequence / mapping under it
        if node.tag == "!Ref":
            return _Ref(constructor.construct_scalar(node))
        if hasattr(node, "value") and isinstance(node.value, str):
            return constructor.construct_scalar(node)
        return None

    yaml.constructor.add_constructor("!Ref", tolerant)
    yaml.constructor.add_constructor(None, tolerant)
    return yaml


FARGATE = {cpu: set(mems) for cpu, mems in gen.FARGATE_SIZES.items()}


def _check_task_definition(td: dict) -> None:
    assert td["networkMode"] == "awsvpc"
    assert td["requiresCompatibilities"] == ["FARGATE"]
    assert td["executionRoleArn"].startswith("arn:aws:iam::")
    cpu, mem = int(td["cpu"]), int(td["memory"])
    assert mem in FARGATE[cpu], (cpu, mem)
    containers = td["containerDefinitions"]
    assert 1 <= len(containers) <= 4
    assert len({c["name"] for c in containers}) == len(containers)
    assert sum(c.get("cpu", 0) for c in containers) <= cpu
    main = containers[0]
    assert ".dkr.ecr." in main["image"] and (":" in main["image"].rsplit("/", 1)[1] or "@sha256:" in main["image"])
    assert not main["image"].endswith(":latest")
    assert main["portMappings"][0]["containerPort"] > 0
    assert main["healthCheck"]["command"][0] == "CMD-SHELL"
    assert all(s["valueFrom"].startswith(("arn:aws:secretsmanager:", "arn:aws:ssm:")) for s in main["secrets"])
    for c in containers:
        opts = c["logConfiguration"]["options"]
        assert c["logConfiguration"]["logDriver"] == "awslogs"
        assert {"awslogs-group", "awslogs-region", "awslogs-stream-prefix"} <= set(opts)
    for v in td.get("volumes", []):
        assert set(v) <= {"name", "efsVolumeConfiguration"}


def test_generator_is_deterministic_and_size_independent():
    assert gen.task_definition(7) == gen.task_definition(7)
    assert gen.service(7) == gen.service(7)
    assert gen.task_definition(7) != gen.task_definition(8)
    assert gen.task_definition(7, seed=1) != gen.task_definition(7)


def test_ecs_json_corpus_shape(tmp_path):
    d = gen.ensure_corpus("ecs-json", 25, tmp_path)
    files = gen.corpus_files(d)
    assert [p.name for p in files if p.name.startswith("td-")] == [f"td-{i:05d}.json" for i in range(1, 26)]
    assert len([p for p in files if p.name.startswith("svc-")]) == 25
    for i in range(1, 26):
        td = json.loads((d / f"td-{i:05d}.json").read_text())
        svc = json.loads((d / f"svc-{i:05d}.json").read_text())
        _check_task_definition(td)
        assert svc["taskDefinition"] == td["family"]
        assert svc["launchType"] == "FARGATE"
        assert 2 <= len(svc["networkConfiguration"]["awsvpcConfiguration"]["subnets"]) <= 3
        lb = svc["loadBalancers"][0]
        main = td["containerDefinitions"][0]
        assert (lb["containerName"], lb["containerPort"]) == (main["name"], main["portMappings"][0]["containerPort"])
        assert svc["deploymentConfiguration"]["deploymentCircuitBreaker"] == {"enable": True, "rollback": True}
    # cached: a second call does not rewrite
    mtime = (d / "td-00001.json").stat().st_mtime_ns
    assert gen.ensure_corpus("ecs-json", 25, tmp_path) == d
    assert (d / "td-00001.json").stat().st_mtime_ns == mtime


def test_ecs_yaml_matches_ecs_json(tmp_path):
    dj = gen.ensure_corpus("ecs-json", 5, tmp_path)
    dy = gen.ensure_corpus("ecs-yaml", 5, tmp_path)
    yaml = _safe_yaml()
    for i in range(1, 6):
        for kind in ("td", "svc"):
            assert yaml.load((dy / f"{kind}-{i:05d}.yaml").read_text()) == \
                json.loads((dj / f"{kind}-{i:05d}.json").read_text())


def test_cfn_yaml_has_expected_resources(tmp_path):
    d = gen.ensure_corpus("cfn-yaml", 23, tmp_path)
    files = gen.corpus_files(d)
    assert [p.name for p in files] == ["stack-0001.yaml", "stack-0002.yaml", "stack-0003.yaml"]
    yaml = _safe_yaml()
    seen_td = 0
    for n_expected, path in zip((10, 10, 3), files):
        tpl = yaml.load(path.read_text())
        assert tpl["AWSTemplateFormatVersion"] == "2010-09-09"
        res = tpl["Resources"]
        tds = {k: v for k, v in res.items() if v["Type"] == "AWS::ECS::TaskDefinition"}
        svcs = {k: v for k, v in res.items() if v["Type"] == "AWS::ECS::Service"}
        assert len(tds) == len(svcs) == n_expected
        for svc in svcs.values():
            p = svc["Properties"]
            assert isinstance(p["TaskDefinition"], _Ref) and p["TaskDefinition"].name in tds
            subnets = p["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"]
            assert all(isinstance(s, _Ref) and s.name in tpl["Parameters"] for s in subnets)
            assert p["DeploymentConfiguration"]["DeploymentCircuitBreaker"]["Enable"] is True
            assert p["LaunchType"] == "FARGATE"
        for td in tds.values():
            p = td["Properties"]
            assert p["NetworkMode"] == "awsvpc" and p["ContainerDefinitions"][0]["Image"]
            assert "awslogs-group" in p["ContainerDefinitions"][0]["LogConfiguration"]["Options"]
            for v in p.get("Volumes", []):
                if "EFSVolumeConfiguration" in v:
                    assert "FilesystemId" in v["EFSVolumeConfiguration"]
            # no camelCase ECS API keys leaked into the CloudFormation properties
            assert all(k[:1].isupper() for k in p)
        seen_td += len(tds)
    assert seen_td == 23


def test_cfn_json_matches_cfn_yaml(tmp_path):
    dy = gen.ensure_corpus("cfn-yaml", 12, tmp_path)
    dj = gen.ensure_corpus("cfn-json", 12, tmp_path)
    yaml = YAML(typ="safe")
    yaml.constructor.add_constructor("!Ref", lambda c, n: {"Ref": c.construct_scalar(n)})
    for py, pj in zip(gen.corpus_files(dy), gen.corpus_files(dj)):
        assert yaml.load(py.read_text()) == json.loads(pj.read_text())


def _ecslint_importable() -> tuple[bool, str]:
    p = subprocess.run([sys.executable, "-c", "import ecslint.cli"], cwd=ROOT, capture_output=True, text=True)
    return p.returncode == 0, (p.stderr.strip().splitlines() or [""])[-1]


@pytest.mark.slow
def test_run_quick_smoke(tmp_path):
    ok, why = _ecslint_importable()
    assert ok, f"ecslint.cli does not import ({why}): the benchmark cannot run"
    out = tmp_path / "bench.json"
    p = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--corpus", str(tmp_path / "corpus"), "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    report = json.loads(out.read_text())
    assert {(r["form"], r["n"]) for r in report["results"] if r["tool"] == "ecslint"} == \
        {(f, n) for f in gen.FORMS for n in (1, 100)}
    assert all(not r["error"] for r in report["results"])


FAKE_ECSLINT = """
import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(sys.argv[2:]) + "\\n")
if "check" in sys.argv:
    print(json.dumps({"findings": []}))
"""


@pytest.fixture(scope="module")
def corpus_1000(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-corpus")
    gen.ensure_corpus("ecs-json", 1000, out)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [None, 1])
def test_one_core_target_is_judged_on_a_jobs_1_run(tmp_path, corpus_1000, jobs):
    """Whatever --jobs the table uses (default: one worker per core), the "one core" figure
    comes from an ecslint --jobs 1 run."""
    fake, calls, out = tmp_path / "fake_ecslint.py", tmp_path / "calls.jsonl", tmp_path / "bench.json"
    fake.write_text(FAKE_ECSLINT, encoding="utf-8")
    args = [sys.executable, str(BENCH / "run.py"), "--sizes", "1000", "--forms", "ecs-json", "--runs", "1",
            "--warmup", "0", "--corpus", str(corpus_1000), "--json", str(out),
            "--ecslint", f"{sys.executable} {fake} {calls}"] + (["--jobs", str(jobs)] if jobs else [])
    p = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    corpus_runs = [c for c in map(json.loads, calls.read_text().splitlines()) if c[-1].endswith("n1000")]
    want = [["--jobs", str(jobs)] if jobs else []] + ([["--jobs", "1"]] if jobs != 1 else [])
    assert [c[c.index("never") + 1:-1] for c in corpus_runs] == want
    report = json.loads(out.read_text())
    assert report["one_core"]["n"] == 1000 and not report["one_core"]["error"]
    [one_core] = [t for t in report["targets"] if "one core" in t["target"]]
    assert one_core["value"].endswith("at N=1000 with --jobs 1") and one_core["ok"] is not None
