"""Hypothesis strategies: realistic ECS task and service definitions (so the rules run deep,
not only the parser), plus arbitrary JSON values and realistic documents with one subtree
replaced by arbitrary JSON (so the rules meet wrong types where they least expect them)."""

from __future__ import annotations

from hypothesis import strategies as st

from ecslint.ecs.fargate import FARGATE_SIZES

NAMES = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
ENV_NAMES = st.one_of(
    st.sampled_from(["PORT", "LOG_LEVEL", "DB_PASSWORD", "API_KEY", "AWS_SECRET_ACCESS_KEY", "DB_HOST",
                     "SECRET_PATH", "TOKEN", "NODE_ENV"]),
    st.from_regex(r"[A-Z][A-Z0-9_]{0,12}", fullmatch=True),
)
ENV_VALUES = st.one_of(
    st.sampled_from(["8080", "info", "hunter2", "${DB_PASSWORD}", "****", "/run/secrets/db",
                     "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", "", "true"]),
    st.text(max_size=20),
)
IMAGES = st.one_of(
    st.sampled_from([
        "nginx", "nginx:latest", "nginx:1.25.3", "public.ecr.aws/nginx/nginx:1.25",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:" + "a" * 64,
        "localhost:5000/app", "<IMAGE1_NAME>", "${IMAGE}", "ghcr.io/org/app:main",
    ]),
    st.text(max_size=30),
)
SIZES = [(str(cpu), str(mem)) for cpu, mems, _, _ in FARGATE_SIZES for mem in mems[:2]]
CPU_MEM = st.one_of(
    st.sampled_from(SIZES),
    st.tuples(st.sampled_from(["256", "512", "1024", "1 vCPU", "3", "", "2048"]),
              st.sampled_from(["512", "1024", "2GB", "3 GB", "100", "", "99999"])),
)

port_mapping = st.fixed_dictionaries(
    {"containerPort": st.integers(0, 70000)},
    optional={"protocol": st.sampled_from(["tcp", "udp", "TCP"]), "hostPort": st.integers(0, 70000),
              "name": NAMES, "appProtocol": st.sampled_from(["http", "grpc", "http2"])},
)
log_configuration = st.fixed_dictionaries(
    {"logDriver": st.sampled_from(["awslogs", "awsfirelens", "json-file", "none", "splunk"])},
    optional={"options": st.dictionaries(st.sampled_from(["awslogs-group", "awslogs-region",
                                                          "awslogs-stream-prefix", "mode"]),
                                         st.text(max_size=12), max_size=4),
              "secretOptions": st.lists(st.fixed_dictionaries({"name": NAMES, "valueFrom": st.text(max_size=20)}),
                                        max_size=2)},
)
health_check = st.fixed_dictionaries(
    {"command": st.lists(st.sampled_from(["CMD-SHELL", "curl -f http://localhost/ || exit 1", "CMD"]),
                         min_size=1, max_size=3)},
    optional={"interval": st.integers(0, 400), "timeout": st.integers(0, 200), "retries": st.integers(0, 20),
              "startPeriod": st.integers(0, 400)},
)
container = st.fixed_dictionaries(
    {"name": NAMES, "image": IMAGES},
    optional={
        "essential": st.booleans(),
        "cpu": st.integers(0, 4096),
        "memory": st.integers(0, 8192),
        "memoryReservation": st.integers(0, 8192),
        "portMappings": st.lists(port_mapping, max_size=3),
        "environment": st.lists(st.fixed_dictionaries({"name": ENV_NAMES, "value": ENV_VALUES}), max_size=4),
        "secrets": st.lists(st.fixed_dictionaries({"name": ENV_NAMES, "valueFrom": ENV_VALUES}), max_size=3),
        "logConfiguration": log_configuration,
        "healthCheck": health_check,
        "command": st.lists(st.text(max_size=10), max_size=3),
        "privileged": st.booleans(),
        "readonlyRootFilesystem": st.booleans(),
        "user": st.sampled_from(["root", "0", "1000:1000", "nobody"]),
    },
)


@st.composite
def task_definitions(draw):
    cpu, memory = draw(CPU_MEM)
    td = {"family": draw(NAMES), "containerDefinitions": draw(st.lists(container, min_size=1, max_size=3))}
    optional = {
        "cpu": cpu, "memory": memory,
        "networkMode": draw(st.sampled_from(["awsvpc", "bridge", "host", "none"])),
        "requiresCompatibilities": draw(st.lists(st.sampled_from(["FARGATE", "EC2", "EXTERNAL"]),
                                                 max_size=2, unique=True)),
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "runtimePlatform": {"operatingSystemFamily": draw(st.sampled_from(["LINUX", "WINDOWS_SERVER_2022_CORE"])),
                            "cpuArchitecture": draw(st.sampled_from(["X86_64", "ARM64"]))},
        "tags": [{"key": "team", "value": "platform"}],
    }
    for key, value in optional.items():
        if draw(st.booleans()):
            td[key] = value
    if draw(st.integers(0, 9)) == 0:  # describe-task-definition output, wrapped
        td = {"taskDefinition": dict(td, revision=draw(st.integers(1, 50)), status="ACTIVE")}
    return td


@st.composite
def services(draw):
    svc = {"serviceName": draw(NAMES), "taskDefinition": draw(NAMES) + ":" + str(draw(st.integers(1, 9)))}
    subnets = draw(st.lists(st.sampled_from(["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829",
                                             "subnet-0c3d4e5f607182930"]), min_size=1, max_size=3, unique=True))
    optional = {
        "cluster": "prod",
        "desiredCount": draw(st.integers(-1, 10)),
        "launchType": draw(st.sampled_from(["FARGATE", "EC2", "EXTERNAL"])),
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": subnets, "securityGroups": ["sg-0123456789abcdef0"],
            "assignPublicIp": draw(st.sampled_from(["ENABLED", "DISABLED"]))}},
        "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
                           "containerName": draw(NAMES), "containerPort": draw(st.integers(0, 70000))}],
        "deploymentConfiguration": {"maximumPercent": draw(st.integers(0, 300)),
                                    "minimumHealthyPercent": draw(st.integers(0, 150)),
                                    "deploymentCircuitBreaker": {"enable": True, "rollback": draw(st.booleans())}},
        "schedulingStrategy": draw(st.sampled_from(["REPLICA", "DAEMON"])),
        "healthCheckGracePeriodSeconds": draw(st.integers(0, 600)),
        "enableExecuteCommand": draw(st.booleans()),
    }
    for key, value in optional.items():
        if draw(st.booleans()):
            svc[key] = value
    if draw(st.integers(0, 9)) == 0:  # describe-services output
        svc = {"services": [dict(svc, serviceArn="arn:aws:ecs:eu-west-1:123456789012:service/prod/x")]}
    return svc


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**64), 2**64) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


@st.composite
def mutated(draw, base):
    """A realistic document with one subtree replaced by an arbitrary JSON value."""
    import copy

    doc = copy.deepcopy(draw(base))
    paths = [p for p in _paths(doc) if p]
    if not paths:
        return doc
    path = draw(st.sampled_from(paths))
    parent = doc
    for tok in path[:-1]:
        parent = parent[tok]
    parent[path[-1]] = draw(json_values)
    return doc


ecs_documents = st.one_of(task_definitions(), services())
any_documents = st.one_of(ecs_documents, mutated(task_definitions()), mutated(services()), json_values)
