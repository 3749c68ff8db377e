"""Deterministic generator of realistic ECS corpora for the ecslint benchmark.

Every definition ``i`` is built from its own ``random.Random(f"{seed}:{i}")``, so
definition 17 is the same whatever the corpus size or form: the N=100 corpus is
a prefix of the N=1000 one, and the CloudFormation forms hold exactly the same
task definitions and services as the ECS forms.

Forms (``FORMS``):

* ``ecs-json``  one file per task definition (``td-00001.json``, the
  register-task-definition input shape, camelCase) and one per service
  (``svc-00001.json``, the create-service input shape);
* ``ecs-yaml``  the same documents as YAML (``td-00001.yaml``, ``svc-00001.yaml``);
* ``cfn-yaml``  CloudFormation templates (``stack-0001.yaml``) each holding up to
  10 ``AWS::ECS::TaskDefinition`` and their 10 ``AWS::ECS::Service`` resources,
  PascalCase properties, ``!Ref`` to the task definition and to subnet parameters;
* ``cfn-json``  the same templates as JSON (``{"Ref": ...}``);
* ``tf-hcl``    Terraform (``stack-0001.tf``, one module directory): each file holds the
  same 10 task definitions and services as ``aws_ecs_task_definition`` / ``aws_ecs_service``
  resources (container definitions in ``jsonencode([...])``), the service's
  ``task_definition = aws_ecs_task_definition.x.arn``, its subnets as references to the
  file's three ``aws_subnet`` resources; written by the test helpers ``tests/tf_reverse.py``
  and ``tests/hcl_reverse.py`` (the equivalence tests' own API → HCL writers).

Usage::

    python bench/generate.py [--sizes 1,100,1000,10000] [--forms ecs-json,...]
                             [--out DIR] [--seed 0] [--force]

Corpora are cached under ``bench/.corpus/<form>/n<N>/`` and regenerated only
when missing (or when the generator version / seed changed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

GENERATOR_VERSION = 2  # tf-hcl added without changing the other forms
FORMS = ("ecs-json", "ecs-yaml", "cfn-yaml", "cfn-json", "tf-hcl")
DEFAULT_SIZES = (1, 100, 1000, 10000)
PER_TEMPLATE = 10
DEFAULT_OUT = Path(__file__).resolve().parent / ".corpus"
MARKER = ".complete.json"

ACCOUNT = "123456789012"
REGIONS = ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
CLUSTERS = ("prod", "staging", "prod-eu", "internal", "batch")
TEAMS = ("payments", "orders", "identity", "search", "catalog", "billing", "notify", "reports")
APPS = ("api", "worker", "web", "gateway", "scheduler", "ingest", "renderer", "sync")
PORTS = (80, 3000, 5000, 8000, 8080, 8443, 9000)

# Valid Fargate (cpu units -> allowed memory MiB) combinations, the common ones.
FARGATE_SIZES = {
    256: (512, 1024, 2048),
    512: (1024, 2048, 3072, 4096),
    1024: tuple(range(2048, 8193, 1024)),
    2048: tuple(range(4096, 16385, 1024)),
    4096: tuple(range(8192, 30721, 1024)),
}
CPU_WEIGHTS = (3, 5, 5, 3, 1)

SIDECARS = (
    {
        "name": "log-router",
        "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2",
        "cpu": 64,
        "memoryReservation": 64,
        "essential": True,
        "firelensConfiguration": {"type": "fluentbit"},
        "user": "0",
    },
    {
        "name": "xray-daemon",
        "image": "public.ecr.aws/xray/aws-xray-daemon:3.3.10",
        "cpu": 32,
        "memoryReservation": 256,
        "essential": False,
        "portMappings": [{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}],
    },
    {
        "name": "datadog-agent",
        "image": "public.ecr.aws/datadog/agent:7.52.0",
        "cpu": 128,
        "memoryReservation": 256,
        "essential": False,
        "environment": [{"name": "ECS_FARGATE", "value": "true"}, {"name": "DD_APM_ENABLED", "value": "true"}],
        "secrets": None,  # filled per definition (DD_API_KEY from Secrets Manager)
    },
    {
        "name": "envoy",
        "image": "840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.27.3.0-prod",
        "cpu": 256,
        "memoryReservation": 128,
        "essential": True,
        "user": "1337",
        "healthCheck": {
            "command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"],
            "interval": 5,
            "timeout": 2,
            "retries": 3,
            "startPeriod": 10,
        },
    },
)


# --------------------------------------------------------------------------- model


def _suffix(rng: random.Random, n: int = 6) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _names(i: int, seed: int = 0) -> tuple[str, str, str, str]:
    rng = random.Random(f"{seed}:names:{i}")
    team, app = rng.choice(TEAMS), rng.choice(APPS)
    region = rng.choice(REGIONS)
    env = rng.choice(("prod", "prod", "staging", "dev"))
    return team, app, region, env


def family_name(i: int, seed: int = 0) -> str:
    team, app, _, env = _names(i, seed)
    return f"{team}-{app}-{env}-{i:05d}"


def group_network(group: int, seed: int = 0) -> dict:
    """Subnets and security group shared by the 10 definitions of one template group."""
    rng = random.Random(f"{seed}:net:{group}")
    vpc = _hex(rng, 17)
    return {
        "vpc": f"vpc-{vpc}",
        "subnets": [f"subnet-{_hex(rng, 17)}" for _ in range(3)],
        "securityGroup": f"sg-{_hex(rng, 17)}",
    }


def task_definition(i: int, seed: int = 0) -> dict:
    """Task definition ``i`` (1-based) in register-task-definition input shape."""
    rng = random.Random(f"{seed}:td:{i}")
    team, app, region, env = _names(i, seed)
    family = family_name(i, seed)
    ecr = f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com"

    cpu = rng.choices(list(FARGATE_SIZES), weights=CPU_WEIGHTS)[0]
    memory = rng.choice(FARGATE_SIZES[cpu])
    n_containers = rng.choices((1, 2, 3, 4), weights=(4, 4, 2, 1))[0]
    sidecars = rng.sample(SIDECARS, n_containers - 1)
    side_cpu = sum(s["cpu"] for s in sidecars)
    side_mem = sum(s["memoryReservation"] for s in sidecars)
    while side_cpu >= cpu or side_mem + 256 > memory:  # grow the task until the sidecars fit
        cpu *= 2
        memory = FARGATE_SIZES[cpu][len(FARGATE_SIZES[cpu]) // 2]
        side_cpu = sum(s["cpu"] for s in sidecars)
        side_mem = sum(s["memoryReservation"] for s in sidecars)

    port = rng.choice(PORTS)
    log_group = f"/ecs/{env}/{team}/{app}"
    logs = {
        "logDriver": "awslogs",
        "options": {
            "awslogs-group": log_group,
            "awslogs-region": region,
            "awslogs-stream-prefix": app,
        },
    }
    if rng.random() < 0.3:
        logs["options"]["awslogs-create-group"] = "true"

    tag = f"{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
    if rng.random() < 0.2:
        image = f"{ecr}/{team}/{app}@sha256:{_hex(rng, 64)}"
    elif rng.random() < 0.3:
        image = f"{ecr}/{team}/{app}:{tag}-{_hex(rng, 7)}"
    else:
        image = f"{ecr}/{team}/{app}:{tag}"

    env_vars = [
        {"name": "APP_ENV", "value": env},
        {"name": "AWS_REGION", "value": region},
        {"name": "PORT", "value": str(port)},
        {"name": "LOG_LEVEL", "value": rng.choice(("info", "warn", "debug"))},
    ]
    for k in rng.sample(("FEATURE_FLAGS", "TIMEOUT_MS", "MAX_CONNECTIONS", "CACHE_TTL", "OTEL_SERVICE_NAME",
                         "UPSTREAM_URL", "QUEUE_URL", "BUCKET_NAME"), rng.randint(0, 5)):
        value = {
            "FEATURE_FLAGS": "new-checkout,dark-mode",
            "TIMEOUT_MS": str(rng.choice((500, 1000, 3000, 10000))),
            "MAX_CONNECTIONS": str(rng.choice((10, 50, 100))),
            "CACHE_TTL": str(rng.choice((30, 60, 300))),
            "OTEL_SERVICE_NAME": family,
            "UPSTREAM_URL": f"https://{rng.choice(TEAMS)}.internal.example.com",
            "QUEUE_URL": f"https://sqs.{region}.amazonaws.com/{ACCOUNT}/{team}-{app}-{env}",
            "BUCKET_NAME": f"{team}-{env}-{_hex(rng, 8)}",
        }[k]
        env_vars.append({"name": k, "value": value})

    secrets = []
    for k in rng.sample(("DB_PASSWORD", "DB_USER", "API_KEY", "JWT_SECRET", "STRIPE_KEY", "REDIS_AUTH"),
                        rng.randint(1, 4)):
        if rng.random() < 0.6:
            arn = f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{env}/{team}/{app}-{_suffix(rng)}"
            if k.startswith("DB_"):
                arn += f":{k[3:].lower()}::"
        else:
            arn = f"arn:aws:ssm:{region}:{ACCOUNT}:parameter/{env}/{team}/{app}/{k.lower()}"
        secrets.append({"name": k, "valueFrom": arn})

    main = {
        "name": app,
        "image": image,
        "essential": True,
        "cpu": cpu - side_cpu,
        "memory": memory - side_mem,
        "memoryReservation": max(128, (memory - side_mem) // 2),
        "portMappings": [{"containerPort": port, "hostPort": port, "protocol": "tcp", "name": f"{app}-http",
                          "appProtocol": "http"}],
        "environment": env_vars,
        "secrets": secrets,
        "healthCheck": {
            "command": ["CMD-SHELL", f"curl -fsS http://localhost:{port}/health || exit 1"],
            "interval": rng.choice((10, 15, 30)),
            "timeout": 5,
            "retries": 3,
            "startPeriod": rng.choice((0, 10, 30, 60)),
        },
        "logConfiguration": logs,
        "readonlyRootFilesystem": rng.random() < 0.6,
        "user": rng.choice(("1000", "1000:1000", "app", "nobody")),
        "linuxParameters": {"initProcessEnabled": True},
        "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}],
        "stopTimeout": rng.choice((30, 60, 120)),
    }
    if rng.random() < 0.3:
        main["command"] = ["bin/start", "--port", str(port)]

    volumes = []
    if rng.random() < 0.25:
        efs = {"fileSystemId": f"fs-{_hex(rng, 17)}", "transitEncryption": "ENABLED"}
        if rng.random() < 0.5:
            efs["authorizationConfig"] = {"accessPointId": f"fsap-{_hex(rng, 17)}", "iam": "ENABLED"}
        else:
            efs["rootDirectory"] = f"/{team}/{app}"
        volumes.append({"name": "shared-data", "efsVolumeConfiguration": efs})
        main["mountPoints"] = [{"sourceVolume": "shared-data", "containerPath": "/data", "readOnly": False}]
    if main["readonlyRootFilesystem"]:
        volumes.append({"name": "tmp"})
        main.setdefault("mountPoints", []).append({"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": False})

    containers = [main]
    for s in sidecars:
        c = json.loads(json.dumps(s))
        if "secrets" in c:
            c["secrets"] = [{"name": "DD_API_KEY",
                             "valueFrom": f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:datadog/api-key-"
                                          f"{_suffix(rng)}"}]
        if c["name"] == "envoy":
            c["image"] = c["image"].replace("us-west-2", region)
        c["logConfiguration"] = {
            "logDriver": "awslogs",
            "options": {"awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": c["name"]},
        }
        containers.append(c)
        if c["name"] in ("envoy", "log-router"):
            main.setdefault("dependsOn", []).append(
                {"containerName": c["name"], "condition": "HEALTHY" if "healthCheck" in c else "START"})

    td: dict = {
        "family": family,
        "taskRoleArn": f"arn:aws:iam::{ACCOUNT}:role/{family}-task",
        "executionRoleArn": f"arn:aws:iam::{ACCOUNT}:role/{rng.choice(('ecsTaskExecutionRole', family + '-exec'))}",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": str(cpu),
        "memory": str(memory),
        "runtimePlatform": {"cpuArchitecture": rng.choice(("X86_64", "X86_64", "ARM64")),
                            "operatingSystemFamily": "LINUX"},
        "containerDefinitions": containers,
    }
    if volumes:
        td["volumes"] = volumes
    if rng.random() < 0.2:
        td["ephemeralStorage"] = {"sizeInGiB": rng.choice((30, 50, 100))}
    td["tags"] = [{"key": "team", "value": team}, {"key": "env", "value": env},
                  {"key": "cost-center", "value": f"cc-{rng.randint(100, 999)}"}]
    return td


def service(i: int, seed: int = 0, td: dict | None = None) -> dict:
    """Service ``i`` (1-based) in create-service input shape, running task definition ``i``."""
    td = td or task_definition(i, seed)
    rng = random.Random(f"{seed}:svc:{i}")
    team, app, region, env = _names(i, seed)
    net = group_network((i - 1) // PER_TEMPLATE, seed)
    main = td["containerDefinitions"][0]
    port = main["portMappings"][0]["containerPort"]
    n_subnets = rng.choice((2, 3))
    svc = {
        "cluster": rng.choice(CLUSTERS),
        "serviceName": f"{td['family']}-svc",
        "taskDefinition": td["family"],
        "desiredCount": rng.choice((1, 2, 2, 3, 4, 6)),
        "launchType": "FARGATE",
        "platformVersion": "LATEST",
        "networkConfiguration": {
            "awsvpcConfiguration": {
                "subnets": net["subnets"][:n_subnets],
                "securityGroups": [net["securityGroup"]],
                "assignPublicIp": "DISABLED",
            }
        },
        "loadBalancers": [{
            "targetGroupArn": f"arn:aws:elasticloadbalancing:{region}:{ACCOUNT}:targetgroup/"
                              f"{team}-{app}-{i:05d}/{_hex(rng, 16)}",
            "containerName": main["name"],
            "containerPort": port,
        }],
        "healthCheckGracePeriodSeconds": rng.choice((30, 60, 120)),
        "deploymentConfiguration": {
            "deploymentCircuitBreaker": {"enable": True, "rollback": True},
            "maximumPercent": 200,
            "minimumHealthyPercent": rng.choice((50, 100)),
        },
        "deploymentController": {"type": "ECS"},
        "enableECSManagedTags": True,
        "propagateTags": "SERVICE",
        "enableExecuteCommand": rng.random() < 0.3,
        "tags": [{"key": "team", "value": team}, {"key": "env", "value": env}],
    }
    return svc


# --------------------------------------------------------------------------- CloudFormation


class Ref:
    """A ``!Ref`` intrinsic; dumped as ``!Ref X`` in YAML and ``{"Ref": "X"}`` in JSON."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Ref) and other.name == self.name

    def __repr__(self):
        return f"Ref({self.name!r})"


# ECS API key -> CloudFormation property name, where plain capitalisation is wrong.
CFN_KEY_EXCEPTIONS = {
    "efsVolumeConfiguration": "EFSVolumeConfiguration",
    "fileSystemId": "FilesystemId",
    "iam": "IAM",
    "placementStrategy": "PlacementStrategies",
    "enableECSManagedTags": "EnableECSManagedTags",
    "sizeInGiB": "SizeInGiB",
}
# Keys whose value is a free-form map whose keys must be kept as they are.
CFN_OPAQUE = {"options", "dockerLabels"}


def to_cfn(value, key: str | None = None):
    """Convert an ECS API document (camelCase) into CloudFormation properties (PascalCase)."""
    if isinstance(value, dict):
        if key in CFN_OPAQUE:
            return dict(value)
        out = {}
        for k, v in value.items():
            ck = CFN_KEY_EXCEPTIONS.get(k) or (k[:1].upper() + k[1:])
            out[ck] = to_cfn(v, k)
        return out
    if isinstance(value, list):
        return [to_cfn(v, key) for v in value]
    return value


def logical_ids(i: int) -> tuple[str, str]:
    return f"TaskDef{i:05d}", f"Service{i:05d}"


def cfn_template(indices, seed: int = 0) -> dict:
    """A template with the task definitions and services numbered ``indices``."""
    indices = list(indices)
    group = (indices[0] - 1) // PER_TEMPLATE
    net = group_network(group, seed)
    params = {}
    for n, subnet in zip("ABC", net["subnets"]):
        params[f"Subnet{n}"] = {"Type": "AWS::EC2::Subnet::Id", "Default": subnet,
                                "Description": f"Private subnet {n} for the services"}
    resources = {}
    for i in indices:
        td = task_definition(i, seed)
        svc = service(i, seed, td)
        td_id, svc_id = logical_ids(i)
        resources[td_id] = {"Type": "AWS::ECS::TaskDefinition", "Properties": to_cfn(td)}
        props = to_cfn(svc)
        props["TaskDefinition"] = Ref(td_id)
        awsvpc = props["NetworkConfiguration"]["AwsvpcConfiguration"]
        awsvpc["Subnets"] = [Ref(f"Subnet{'ABC'[net['subnets'].index(s)]}") for s in awsvpc["Subnets"]]
        resources[svc_id] = {"Type": "AWS::ECS::Service", "Properties": props}
    used = {r.name for res in resources.values() if res["Type"] == "AWS::ECS::Service"
            for r in res["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"]}
    params = {k: v for k, v in params.items() if k in used}  # an unused parameter is a cfn-lint warning
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"ECS services {indices[0]}-{indices[-1]} (generated by ecslint bench)",
        "Parameters": params,
        "Resources": resources,
    }


# --------------------------------------------------------------------------- Terraform HCL


def tf_module_file(indices, seed: int = 0) -> str:
    """A .tf file with the task definitions and services numbered ``indices``."""
    tests = str(Path(__file__).resolve().parent.parent / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import hcl_reverse
    import tf_reverse

    indices = list(indices)
    group = (indices[0] - 1) // PER_TEMPLATE
    net = group_network(group, seed)
    subnets = {sid: f"g{group:04d}_{'abc'[k]}" for k, sid in enumerate(net["subnets"])}
    out = [f'resource "aws_subnet" "{name}" {{\n  vpc_id            = "{net["vpc"]}"\n'
           f'  availability_zone = "us-east-1{"abc"[k]}"\n}}\n' for k, name in enumerate(subnets.values())]
    for i in indices:
        td = task_definition(i, seed)
        svc = service(i, seed, td)
        td_res, _, _ = tf_reverse.resource(td, "task-definition", f"td{i:05d}", 0)
        svc_res, _, _ = tf_reverse.resource(svc, "service", f"svc{i:05d}", 0)
        text = hcl_reverse.resource(svc_res)
        text = text.replace(f'task_definition = "{td["family"]}"', f"task_definition = aws_ecs_task_definition.td{i:05d}.arn")
        for sid, name in subnets.items():
            text = text.replace(f'"{sid}"', f"aws_subnet.{name}.id")
        out.append(hcl_reverse.resource(td_res))
        out.append(text)
    return "\n".join(out)


# --------------------------------------------------------------------------- serialisers

_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./@+-]*(?:[ :][A-Za-z0-9_./@+-]+)*$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _scalar(v) -> str:
    if isinstance(v, Ref):
        return f"!Ref {v.name}"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in _RESERVED and ": " not in s and not s.endswith(":"):
        return s
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


def _yaml_lines(v, indent: int, out: list) -> None:
    pad = " " * indent
    if isinstance(v, dict):
        for k, item in v.items():
            key = _scalar(k)
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                _yaml_lines(item, indent + 2 if isinstance(item, dict) else indent, out)
            else:
                out.append(f"{pad}{key}: {_empty(item)}")
    elif isinstance(v, list):
        for item in v:
            if isinstance(item, dict) and item:
                sub: list = []
                _yaml_lines(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(item, list) and item:
                sub = []
                _yaml_lines(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            else:
                out.append(f"{pad}- {_empty(item)}")
    else:
        out.append(pad + _scalar(v))


def _empty(v) -> str:
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return _scalar(v)


def dump_yaml(doc) -> str:
    """Block-style YAML for plain data (+ ``Ref``); dependency-free and fast."""
    out: list = []
    _yaml_lines(doc, 0, out)
    return "\n".join(out) + "\n"


def _json_default(o):
    if isinstance(o, Ref):
        return {"Ref": o.name}
    raise TypeError(type(o))


def dump_json(doc) -> str:
    return json.dumps(doc, indent=2, default=_json_default) + "\n"


# --------------------------------------------------------------------------- corpus on disk


def corpus_dir(form: str, n: int, out: Path | str | None = None) -> Path:
    return Path(out or DEFAULT_OUT) / form / f"n{n}"


def write_corpus(form: str, n: int, directory: Path, seed: int = 0) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if form in ("ecs-json", "ecs-yaml"):
        ext, dump = ("json", dump_json) if form == "ecs-json" else ("yaml", dump_yaml)
        for i in range(1, n + 1):
            td = task_definition(i, seed)
            (directory / f"td-{i:05d}.{ext}").write_text(dump(td))
            (directory / f"svc-{i:05d}.{ext}").write_text(dump(service(i, seed, td)))
    elif form in ("cfn-yaml", "cfn-json"):
        ext, dump = ("yaml", dump_yaml) if form == "cfn-yaml" else ("json", dump_json)
        for t, start in enumerate(range(1, n + 1, PER_TEMPLATE), 1):
            idx = range(start, min(start + PER_TEMPLATE, n + 1))
            (directory / f"stack-{t:04d}.{ext}").write_text(dump(cfn_template(idx, seed)))
    elif form == "tf-hcl":
        for t, start in enumerate(range(1, n + 1, PER_TEMPLATE), 1):
            idx = range(start, min(start + PER_TEMPLATE, n + 1))
            (directory / f"stack-{t:04d}.tf").write_text(tf_module_file(idx, seed))
    else:
        raise ValueError(f"unknown form {form!r}; expected one of {FORMS}")


def ensure_corpus(form: str, n: int, out: Path | str | None = None, seed: int = 0, force: bool = False) -> Path:
    """Return the directory of the (form, n) corpus, generating it if missing or stale."""
    directory = corpus_dir(form, n, out)
    # Beside the corpus, not in it: a marker inside was linted too ("N+1 files checked").
    marker = directory.with_name(directory.name + MARKER)
    want = {"generator": GENERATOR_VERSION, "form": form, "n": n, "seed": seed}
    if not force and marker.exists():
        try:
            if json.loads(marker.read_text()) == want:
                return directory
        except ValueError:
            pass
    if directory.exists():
        shutil.rmtree(directory)
    tmp = directory.with_name(directory.name + f".tmp{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    write_corpus(form, n, tmp, seed)
    tmp.rename(directory)
    marker.write_text(json.dumps(want))
    return directory


def corpus_files(directory: Path) -> list[Path]:
    """The documents of a corpus directory, sorted."""
    return sorted(p for p in Path(directory).iterdir() if p.is_file() and not p.name.startswith("."))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    ap.add_argument("--forms", default=",".join(FORMS))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    a = ap.parse_args(argv)
    for form in a.forms.split(","):
        for n in map(int, a.sizes.split(",")):
            d = ensure_corpus(form, n, a.out, a.seed, a.force)
            print(f"{form:9} N={n:<6} {len(corpus_files(d)):6} files  {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
