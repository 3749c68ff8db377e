"""Tests for ecslint.ecs: placeholders, Fargate sizes, images, secrets, ARNs, names, views."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given, settings, strategies as st

from ecslint.ecs import fargate
from ecslint.ecs.arns import Arn, parse_arn, secret_value_from_problem
from ecslint.ecs.fargate import (
    FARGATE_SIZES, check_size, memory_options, min_platform_version, parse_cpu, parse_memory,
)
from ecslint.ecs.images import (
    ImageRef, digest_problem, is_ecr_registry, is_private_ecr, is_private_ecr_image,
    mutable_tag_problem, parse_image,
)
from ecslint.ecs.placeholders import UNKNOWN, Unknown, is_placeholder, is_unknown
from ecslint.ecs.names import name_problem
from ecslint.ecs.views import asks_for, shown_setting, whole_number
from ecslint.ecs.secrets import (
    env_secret_problem, redact_secrets, reference_value, secret_name, secret_value_kind,
)

WIN = "WINDOWS_SERVER_2019_CORE"
DIGEST = "sha256:" + "0123456789abcdef" * 4
ACCT = "123456789012"
SM = f"arn:aws:secretsmanager:us-east-1:{ACCT}:secret:prod/db-AbCdEf"
SSM = f"arn:aws:ssm:us-east-1:{ACCT}:parameter/prod/db/password"


# ---------------------------------------------------------------- placeholders

@pytest.mark.parametrize("value", [
    "${VAR}", "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app",
    "app:${TAG}", "{{ must_env `IMAGE` }}", '{{ tfstate "aws_iam_role.x.arn" }}',
    "{{resolve:secretsmanager:db:SecretString:password}}", "{{region}}",
    "<IMAGE1_NAME>", "<TASK_DEFINITION>", "repo/<IMAGE1_NAME>", "<+input>",
    "<+pipeline.variables.image>", "#{Octopus.Action.Package.Image}", "#{Tag}#",
    "%CONTAINER_NAME%", "%CLUSTER_NAME%-%CONTAINER_NAME%", "%%VAR%%", "$$$SECRET_VALUE_FROM$$$", "__VERSION__",
    "app:__TAG__",
])
def test_is_placeholder_true(value):
    assert is_placeholder(value) is True
    assert is_unknown(value) is True


@pytest.mark.parametrize("value", [
    "$VAR", "echo $HOME && run", "nginx:1.25", "", "<title>", "<region>", "{single}",
    "${}", "$(VAR)", "<>", "#{}", "100%", "50% off 20%", "$$$", "python -m __main__", "__init__", 42, None,
    True, ["${X}"],
    {"Ref": "X"},
])
def test_is_placeholder_false(value):
    assert is_placeholder(value) is False
    assert is_unknown(value) is False


def test_unknown_singleton():
    assert Unknown() is UNKNOWN
    assert repr(UNKNOWN) == "<unknown>"
    assert is_unknown(UNKNOWN) is True
    assert is_placeholder(UNKNOWN) is False
    assert copy.copy(UNKNOWN) is UNKNOWN
    assert copy.deepcopy({"a": UNKNOWN})["a"] is UNKNOWN
    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN


# ---------------------------------------------------------------- Fargate table

def _linux_pairs():
    return [(cpu, mem) for cpu, mems, _, _ in FARGATE_SIZES for mem in mems]


LINUX_PAIRS = _linux_pairs()
WINDOWS_CPUS = (1024, 2048, 4096)


def test_table_shape():
    assert [row[0] for row in FARGATE_SIZES] == [256, 512, 1024, 2048, 4096, 8192, 16384, 32768]
    assert memory_options(256, None) == (512, 1024, 2048)
    assert memory_options(512, None) == (1024, 2048, 3072, 4096)
    assert memory_options(1024, None) == tuple(range(2048, 8193, 1024))
    assert memory_options(2048, None) == tuple(range(4096, 16385, 1024))
    assert memory_options(4096, None) == tuple(range(8192, 30721, 1024))
    assert memory_options(8192, None) == tuple(range(16384, 61441, 4096))
    assert memory_options(16384, None) == tuple(range(32768, 122881, 8192))
    assert memory_options(32768, "LINUX") == (61440, 122880, 249856)
    assert len(LINUX_PAIRS) == 3 + 4 + 7 + 13 + 23 + 12 + 12 + 3


@pytest.mark.parametrize("cpu,mem", LINUX_PAIRS)
def test_every_linux_pair_is_valid(cpu, mem):
    assert check_size(cpu, mem) is None
    assert check_size(str(cpu), str(mem), "LINUX") is None
    if mem % 1024 == 0:
        assert check_size(f"{cpu / 1024:g} vCPU", f"{mem // 1024} GB") is None


@pytest.mark.parametrize("cpu,mem", LINUX_PAIRS)
def test_neighbours_of_every_pair_fail(cpu, mem):
    valid = set(LINUX_PAIRS)
    for other in (mem - 1, mem + 1, mem - 512, mem + 512):
        if (cpu, other) not in valid:
            assert check_size(cpu, other) is not None
    for other_cpu in (cpu - 1, cpu + 1, cpu * 3 // 2):
        assert check_size(other_cpu, mem) is not None


@pytest.mark.parametrize("cpu,mem", [(c, m) for c, m in LINUX_PAIRS if c in WINDOWS_CPUS])
def test_windows_pairs_valid(cpu, mem):
    assert check_size(cpu, mem, WIN) is None
    assert check_size(cpu, mem, "windows_server_2022_full") is None


@pytest.mark.parametrize("cpu,mem", [(c, m) for c, m in LINUX_PAIRS if c not in WINDOWS_CPUS])
def test_windows_rejects_linux_only_sizes(cpu, mem):
    assert check_size(cpu, mem, WIN) == (
        f"cpu {cpu} is not available for Windows on Fargate; Windows tasks take 1024, 2048"
        " or 4096 cpu units")
    assert memory_options(cpu, WIN) == ()


@pytest.mark.parametrize("cpu,pv", [
    (256, None), (512, None), (1024, None), (2048, None), (4096, None),
    (8192, "1.4.0"), (16384, "1.4.0"), (32768, "1.4.0"), (3072, None), (0, None),
])
def test_min_platform_version(cpu, pv):
    assert min_platform_version(cpu) == pv


@pytest.mark.parametrize("cpu", [3072, 0, 128, 100000])
def test_memory_options_not_a_size(cpu):
    assert memory_options(cpu, None) == ()


@pytest.mark.parametrize("raw,units", [
    ("256", 256), ("1024", 1024), (" 2048 ", 2048), ("1 vCPU", 1024), ("1 vcpu", 1024),
    ("1 VCPU", 1024), ("0.25 vCPU", 256), (".5 vCPU", 512), ("2vCPU", 2048),
    ("16 vCPU", 16384), ("32 vCPU", 32768), ("1. vCPU", 1024), (256, 256), (1024, 1024),
    (512.0, 512), (0, 0), ("0.125 vCPU", 128),
])
def test_parse_cpu(raw, units):
    assert parse_cpu(raw) == units


@pytest.mark.parametrize("raw", [
    None, "", "abc", "1 cpu", "1 GB", "-256", -256, "0.3 vCPU", "256.5", 256.5, True, False,
    "${CPU}", UNKNOWN, [256], "1 vCPUs", "1,024", "0x100", "vCPU",
])
def test_parse_cpu_none(raw):
    assert parse_cpu(raw) is None


@pytest.mark.parametrize("raw,mib", [
    ("512", 512), ("1 GB", 1024), ("1GB", 1024), ("1gb", 1024), ("0.5 GB", 512),
    (".5GB", 512), ("244 GB", 249856), (2048, 2048), (30720.0, 30720), ("3 GB", 3072),
])
def test_parse_memory(raw, mib):
    assert parse_memory(raw) == mib


@pytest.mark.parametrize("raw", [
    None, "", "1 GiB", "1 MB", "1024 MiB", "3 gigs", "0.1 GB", "-512", -1, True,
    "{{ must_env `MEM` }}", UNKNOWN, "1 vCPU",
])
def test_parse_memory_none(raw):
    assert parse_memory(raw) is None


@pytest.mark.parametrize("cpu,mem,os_family,message", [
    ("512", "512", None,
     'cpu "512" with memory "512" is not a Fargate size; 512 cpu units allow 1024, 2048, 3072'
     " or 4096 MiB"),
    (256, 4096, None,
     "cpu 256 with memory 4096 is not a Fargate size; 256 cpu units allow 512, 1024 or 2048 MiB"),
    ("1 vCPU", "1GB", None,
     'cpu "1 vCPU" with memory "1GB" is not a Fargate size; 1024 cpu units allow 2048, 3072,'
     " 4096, 5120, 6144, 7168 or 8192 MiB"),
    (4096, 4096, None,
     "cpu 4096 with memory 4096 is not a Fargate size; 4096 cpu units allow 8192 to 30720 MiB in"
     " steps of 1024"),
    (16384, "1 GB", None,
     'cpu 16384 with memory "1 GB" is not a Fargate size; 16384 cpu units allow 32768 to 122880'
     " MiB in steps of 8192"),
    (32768, 65536, None,
     "cpu 32768 with memory 65536 is not a Fargate size; 32768 cpu units allow 61440, 122880 or"
     " 249856 MiB"),
    ("3072", "8192", None,
     'cpu "3072" is not a Fargate size; Fargate tasks take 256, 512, 1024, 2048, 4096, 8192,'
     " 16384 or 32768 cpu units"),
    (3072, 8192, WIN,
     "cpu 3072 is not a Fargate size; Fargate Windows tasks take 1024, 2048 or 4096 cpu units"),
    ("0.25 vCPU", "512", WIN,
     'cpu "0.25 vCPU" is not available for Windows on Fargate; Windows tasks take 1024, 2048 or'
     " 4096 cpu units"),
    (None, None, None, 'task-level "cpu" and "memory" are missing'),
    (None, "512", None, 'task-level "cpu" is missing'),
    ("256", None, None, 'task-level "memory" is missing'),
    ("${CPU}", None, None, 'task-level "memory" is missing'),
    ("abc", "512", None,
     '"cpu" "abc" is not a valid value; use CPU units such as "1024" or vCPU such as "1 vCPU"'),
    (1024, "3 gigs", None,
     '"memory" "3 gigs" is not a valid value; use MiB such as "2048" or GB such as "2 GB"'),
    ("${CPU}", "100", None, 'memory "100" is not a Fargate size for any cpu'),
    (UNKNOWN, 249856, WIN, "memory 249856 is not a Fargate size for any cpu"),
    ("2048", "x" * 50, None,
     '"memory" "' + "x" * 37 + '..." is not a valid value; use MiB such as "2048" or GB such as'
     ' "2 GB"'),
])
def test_check_size_messages(cpu, mem, os_family, message):
    assert check_size(cpu, mem, os_family) == message


@pytest.mark.parametrize("cpu,mem,os_family", [
    ("${CPU}", "${MEMORY}", None), ("{{ must_env `CPU` }}", "2048", None),
    (UNKNOWN, UNKNOWN, None), (UNKNOWN, "2048", None), ("1024", UNKNOWN, None),
    ("<CPU>", "512", None), ("2 vcpu", "${M}", None), (512, "3 GB", None),
    ("1024", "2 GB", UNKNOWN), ("1024", "2048", "${OS}"), ("16 vCPU", "120 GB", "LINUX"),
    ("256", "0.5GB", None), (UNKNOWN, 249856, None),
])
def test_check_size_silent(cpu, mem, os_family):
    assert check_size(cpu, mem, os_family) is None


def test_unknown_os_is_linux():
    assert fargate.os_of(None) == fargate.LINUX
    assert fargate.os_of("LINUX") == fargate.LINUX
    assert fargate.os_of("${OS}") == fargate.LINUX
    assert fargate.os_of("WINDOWS_SERVER_2004_CORE") == fargate.WINDOWS
    assert fargate.cpu_options(WIN) == (1024, 2048, 4096)


# ---------------------------------------------------------------- images

@pytest.mark.parametrize("ref,expected", [
    ("nginx", ImageRef(None, "nginx", None, None)),
    ("nginx:latest", ImageRef(None, "nginx", "latest", None)),
    ("library/nginx:1.25-alpine", ImageRef(None, "library/nginx", "1.25-alpine", None)),
    ("docker.io/library/nginx", ImageRef("docker.io", "library/nginx", None, None)),
    ("localhost/app", ImageRef("localhost", "app", None, None)),
    ("localhost:5000/team/app:v1", ImageRef("localhost:5000", "team/app", "v1", None)),
    ("registry:5000/app", ImageRef("registry:5000", "app", None, None)),
    ("MyRegistry/app", ImageRef("MyRegistry", "app", None, None)),
    ("team/app:1.0", ImageRef(None, "team/app", "1.0", None)),
    (f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com/app@{DIGEST}",
     ImageRef(f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com", "app", None, DIGEST)),
    (f"ghcr.io/o/r:1.2@{DIGEST}", ImageRef("ghcr.io", "o/r", "1.2", DIGEST)),
    ("public.ecr.aws/nginx/nginx:1.27", ImageRef("public.ecr.aws", "nginx/nginx", "1.27", None)),
    ("app@sha256:abc", ImageRef(None, "app", None, "sha256:abc")),
    ("app@", ImageRef(None, "app", None, "")),
    ("localhost:5000", ImageRef(None, "localhost", "5000", None)),
])
def test_parse_image(ref, expected):
    assert parse_image(ref) == expected


@pytest.mark.parametrize("ref", [
    "", None, 42, "<IMAGE1_NAME>", "${REPO}:${TAG}", "app:{{ must_env `TAG` }}",
    "nginx:", "/nginx", "a//b", "reg.io/", "nginx :1", "a@b@c", ":tag", "@sha256:x",
])
def test_parse_image_none(ref):
    assert parse_image(ref) is None


@pytest.mark.parametrize("registry,private,ecr", [
    (f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com", True, True),
    (f"{ACCT}.dkr.ecr.cn-north-1.amazonaws.com.cn", True, True),
    (f"{ACCT}.dkr.ecr-fips.us-gov-west-1.amazonaws.com", True, True),
    (f"{ACCT}.dkr-ecr.eu-west-1.on.aws", True, True),
    (f"{ACCT}.DKR.ECR.US-EAST-1.AMAZONAWS.COM", True, True),
    ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com", True, True),
    ("public.ecr.aws", False, True),
    ("12345.dkr.ecr.us-east-1.amazonaws.com", False, False),
    (f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com.evil.io", False, False),
    ("ghcr.io", False, False), ("docker.io", False, False), (None, False, False), ("", False, False),
])
def test_ecr_registries(registry, private, ecr):
    assert is_private_ecr(registry) is private
    assert is_ecr_registry(registry) is ecr


@pytest.mark.parametrize("ref,expected", [
    (f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com/app:1", True),
    ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}", True),
    ("{{ must_env `ACCOUNT` }}.dkr.ecr.ap-northeast-1.amazonaws.com/app:latest", True),
    ("public.ecr.aws/nginx/nginx", False), ("nginx", False), ("<IMAGE1_NAME>", False), (None, False),
])
def test_is_private_ecr_image(ref, expected):
    assert is_private_ecr_image(ref) is expected


@pytest.mark.parametrize("ref,expected", [
    ("nginx", 'has no tag, so it resolves to "latest"'),
    ("localhost:5000/app", 'has no tag, so it resolves to "latest"'),
    ("nginx:latest", 'uses the mutable tag "latest"'),
    (f"{ACCT}.dkr.ecr.us-east-1.amazonaws.com/app:latest", 'uses the mutable tag "latest"'),
    ("nginx:1.25", None), ("nginx:LATEST", None), (f"nginx@{DIGEST}", None),
    (f"nginx:latest@{DIGEST}", None), ("app:${TAG}", None), ("${IMAGE}", None),
    ("<IMAGE1_NAME>", None), ("{{ must_env `IMAGE` }}", None), ("", None), (None, None),
])
def test_mutable_tag_problem(ref, expected):
    assert mutable_tag_problem(ref) == expected


@pytest.mark.parametrize("ref,expected", [
    (f"nginx@{DIGEST}", None), ("nginx:1.25", None), ("a" * 255, None),
    ("a" * 255 + "@" + DIGEST, None),
    ("a" * 256, "the image name is 256 characters long; the limit is 255"),
    ("a" * 300 + "@" + DIGEST, 'the image name is 300 characters long before "@"; the limit is 255'),
    ("nginx@", 'has "@" but no digest after it'),
    ("nginx@sha256:abc",
     'has a malformed digest; ECS accepts only "sha256:" followed by 64 lowercase hex digits'),
    ("nginx@sha512:" + "a" * 128,
     'has a malformed digest; ECS accepts only "sha256:" followed by 64 lowercase hex digits'),
    ("nginx@" + DIGEST.upper().replace("SHA256", "sha256"),
     'has a malformed digest; ECS accepts only "sha256:" followed by 64 lowercase hex digits'),
    ("app@${DIGEST}", None), (None, None),
])
def test_digest_problem(ref, expected):
    assert digest_problem(ref) == expected


# ---------------------------------------------------------------- secret names

@pytest.mark.parametrize("name", [
    "DB_PASSWORD", "PASSWORD", "dbPassword", "db-password", "MYSQL_ROOT_PASSWORD", "DBPASSWORD",
    "SMTP_PASSWD", "DB_PWD", "PWD_HASH", "DB_PASS", "SSH_PASSPHRASE", "JWT_SECRET", "SECRET_KEY",
    "SECRET_KEY_BASE", "CLIENT_SECRETS", "GITHUB_TOKEN", "AWS_SESSION_TOKEN", "TOKEN",
    "STRIPE_API_KEY", "X_APIKEY", "API_KEYS", "apiKey", "SSH_PRIVATE_KEY", "MINIO_ACCESS_KEY",
    "DB_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS", "ENCRYPTION_KEY", "SIGNING_KEY",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA", "aws_access_key_id",
    "ACCESS_TOKEN_EXPIRE_MINUTES",
])
def test_secret_name_true(name):
    assert secret_name(name) is True


@pytest.mark.parametrize("name", [
    "TOKEN_TTL", "SESSION_TOKEN_TTL", "TOKEN_EXPIRY", "TOKEN_EXPIRES_IN", "TOKEN_EXPIRATION",
    "PASSWORD_MIN_LENGTH", "TOKEN_TIMEOUT", "TOKEN_URL", "OAUTH_TOKEN_ENDPOINT",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "PASSWORD_FILE", "MYSQL_ROOT_PASSWORD_FILE", "SECRETS_PATH", "SECRETS_DIR", "SECRET_ARN",
    "DB_SECRET_ARN", "SECRET_NAME", "SECRET_ID", "S3_ACCESS_KEY_ID", "TOKEN_HEADER",
    "TOKEN_TYPE", "PASSWORD_AUTH_ENABLED", "SECRET_VERSION", "SECRETS_PREFIX",
    "TOKENIZERS_PARALLELISM", "PASSWORDLESS_LOGIN", "SECRETARY", "BYPASS_CACHE", "PASSTHROUGH",
    "COMPASS_URL", "PWD", "OLDPWD", "PUBLIC_KEY", "KEYCLOAK_HOSTNAME", "PATH", "HOME", "",
    None, 7,
])
def test_secret_name_false(name):
    assert secret_name(name) is False


@pytest.mark.parametrize("value", [
    None, 3600, True, 1.5, "", "   ", "${DB_PASSWORD}", "{{ must_env `PW` }}", UNKNOWN,
    SM, SSM, "arn:aws:kms:us-east-1:123456789012:key/abc", "ssm:/prod/db", "secretsmanager:db",
    "vault:secret/data/db#password", "op://vault/item/field", "true", "False", "no", "none",
    "3600", "-1", "0.5", "abc", "x", "-", "n/a", "****", "xxxxxxxx", "/run/secrets/db_password",
    "./secrets/token", "~/creds.json",
])
def test_reference_value_true(value):
    assert reference_value(value) is True


@pytest.mark.parametrize("value", [
    "hunter22", "changeme", "s3cr3t-value", "abcd", "p@ssw0rd!", "/not a path", "true-ish",
    "123abc", '{"type": "service_account"}',
])
def test_reference_value_false(value):
    assert reference_value(value) is False


# ---------------------------------------------------------------- secret values

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----"


@pytest.mark.parametrize("value,kind", [
    ("AKIAABCDEFGHIJKLMNOP", "an AWS access key id"),
    ("key=ASIA1234567890ABCDEF;x", "an AWS access key id"),
    ("ABIA1234567890ABCDEF", "an AWS access key id"),
    ("ACCA1234567890ABCDEF", "an AWS access key id"),
    (PEM, "a PEM private key"),
    ("-----BEGIN PRIVATE KEY-----", "a PEM private key"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----", "a PEM private key"),
    ("-----BEGIN PGP PRIVATE KEY BLOCK-----", "a PEM private key"),
    ("postgres://app:hunter22@db.internal:5432/app", "a URL with an embedded password"),
    ("redis://:s3cretpw@cache:6379", "a URL with an embedded password"),
    ("amqp://u:p4ss@mq and postgres://x:${PW}@db", "a URL with an embedded password"),
    ("ghp_" + "a" * 36, "a GitHub token"),
    ("github_pat_" + "A1_" * 10, "a GitHub token"),
    ("glpat-" + "x" * 20, "a GitLab token"),
    ("xoxb-1234567890-abcdef", "a Slack token"),
    ("https://hooks.slack.com/services/T0001/B0002/XXXXYYYYZZZZ", "a Slack webhook URL"),
    ("sk_live_" + "a1B2" * 6, "a Stripe live key"),
    ("AIza" + "A" * 35, "a Google API key"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-_nature", "a JSON Web Token"),
])
def test_secret_value_kind(value, kind):
    assert secret_value_kind(value) == kind
    # every credential it knows is also blanked out of a message (a fine-grained GitHub token
    # once was not: no quick-reject trigger matched "github_pat_")
    assert redact_secrets(f"message {value} end") != f"message {value} end"


@pytest.mark.parametrize("value", [
    "AKIAIOSFODNN7EXAMPLE", "AKIAABCDEFGHIJKLMNO", "XAKIAABCDEFGHIJKLMNOP", "akiaabcdefghijklmnop",
    "-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----",
    "postgres://app:${DB_PASSWORD}@db/app", "postgres://app:{{ must_env `PW` }}@db/app",
    "redis://:****@cache", "postgres://app@db/app", "http://example.com:8080/x",
    "https://user:x@h", "ghp_short", "sk_test_" + "a" * 24, "AIza" + "A" * 20, "eyJhbGciOi",
    "plain text", "", None, 12,
])
def test_secret_value_kind_none(value):
    assert secret_value_kind(value) is None


@pytest.mark.parametrize("name,value,expected", [
    ("DB_PASSWORD", "hunter22", '"DB_PASSWORD" looks like a credential and has a literal value'),
    ("apiKey", "abcd1234", '"apiKey" looks like a credential and has a literal value'),
    ("CONFIG", "x AKIAABCDEFGHIJKLMNOP", 'the value of "CONFIG" contains an AWS access key id'),
    ("DATABASE_URL", "postgres://u:hunter22@db/x",
     'the value of "DATABASE_URL" contains a URL with an embedded password'),
    ("DB_PASSWORD", "ghp_" + "a" * 36, 'the value of "DB_PASSWORD" contains a GitHub token'),
    ("AWS_ACCESS_KEY_ID", "${AWS_ACCESS_KEY_ID}",
     '"AWS_ACCESS_KEY_ID" is a credential that Security Hub ECS.8 fails in "environment"; use'
     ' "secrets"'),
    ("AWS_SECRET_ACCESS_KEY", "",
     '"AWS_SECRET_ACCESS_KEY" is a credential that Security Hub ECS.8 fails in "environment";'
     ' use "secrets"'),
    ("ECS_ENGINE_AUTH_DATA", '{"https://index.docker.io/v1/": {}}',
     '"ECS_ENGINE_AUTH_DATA" is a credential that Security Hub ECS.8 fails in "environment";'
     ' use "secrets"'),
    ("AWS_ACCESS_KEY_ID", "AKIAABCDEFGHIJKLMNOP",
     'the value of "AWS_ACCESS_KEY_ID" contains an AWS access key id'),
    ("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG",
     '"aws_secret_access_key" looks like a credential and has a literal value'),
    (None, "AKIAABCDEFGHIJKLMNOP", 'the value of "" contains an AWS access key id'),
])
def test_env_secret_problem(name, value, expected):
    assert env_secret_problem(name, value) == expected


@pytest.mark.parametrize("name,value", [
    ("TOKEN_TTL", "3600"), ("SECRET_ARN", SM), ("PASSWORD_FILE", "/run/secrets/db"),
    ("PASSWORD_FILE", "db-password.txt"), ("TOKEN_TYPE", "Bearer"), ("SECRET_NAME", "prod/db"),
    ("DB_PASSWORD", "${DB_PASSWORD}"), ("DB_PASSWORD", "{{ must_env `DB_PASSWORD` }}"),
    ("DB_PASSWORD", ""), ("DB_PASSWORD", UNKNOWN), ("DB_PASSWORD", None), ("DB_PASSWORD", 1234),
    ("DB_PASSWORD", SSM), ("API_KEY", "****"), ("GITHUB_TOKEN", "ssm:/ci/token"),
    ("DATABASE_URL", "postgres://u:${PW}@db/x"), ("LOG_LEVEL", "debug"), ("PWD", "/app"),
    ("TOKENIZERS_PARALLELISM", "false"), ("aws_access_key_id", "${X}"),
])
def test_env_secret_problem_none(name, value):
    assert env_secret_problem(name, value) is None


# ---------------------------------------------------------------- ARNs

@pytest.mark.parametrize("text,expected", [
    (SM, Arn("aws", "secretsmanager", "us-east-1", ACCT, "secret:prod/db-AbCdEf")),
    (SSM, Arn("aws", "ssm", "us-east-1", ACCT, "parameter/prod/db/password")),
    ("arn:aws-cn:s3:::bucket/key.env", Arn("aws-cn", "s3", "", "", "bucket/key.env")),
    ("arn:aws-us-gov:iam::123456789012:role/x", Arn("aws-us-gov", "iam", "", ACCT, "role/x")),
    (f"{SM}:password::", Arn("aws", "secretsmanager", "us-east-1", ACCT,
                             "secret:prod/db-AbCdEf:password::")),
])
def test_parse_arn(text, expected):
    assert parse_arn(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "arn", "arn:aws:s3", "arn:aws:s3:::", "arn::s3:::b", "arn:gcp:s3:::b",
    "arn:aws::us-east-1:1:x", "ARN:aws:s3:::b", "arn:${AWS::Partition}:ssm:r:a:parameter/x",
    "urn:aws:s3:::b", 7,
])
def test_parse_arn_none(text):
    assert parse_arn(text) is None


@pytest.mark.parametrize("value_from", [
    SM, f"{SM}:password::", f"{SM}:password:AWSCURRENT:", f"{SM}::AWSPREVIOUS:",
    f"{SM}:::3f8a2b1c-0000-0000-0000-000000000000", f"{SM}:::", f"{SM}:username",
    f"arn:aws-cn:secretsmanager:cn-north-1:{ACCT}:secret:db", SSM,
    f"arn:aws:ssm:us-east-1:{ACCT}:parameter/dbpass", "dbpass", "/prod/db/password",
    "prod.db_pass-1", "${DB_SECRET_ARN}", "{{ tfstate `aws_secretsmanager_secret.db.arn` }}",
    "arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db", UNKNOWN, None, 5,
])
def test_secret_value_from_ok(value_from):
    assert secret_value_from_problem(value_from) is None


@pytest.mark.parametrize("value_from,reason", [
    ("", '"valueFrom" is empty'),
    (f" {SSM}", '"valueFrom" has leading or trailing white space'),
    ("arn:aws:secretsmanager", '"valueFrom" is not a well-formed ARN'),
    (f"{SM}:key:AWSCURRENT:v1:extra",
     "the Secrets Manager ARN has too many ':' segments; the form is arn:aws:secretsmanager:"
     "<region>:<account>:secret:<name>[:<json-key>:<version-stage>:<version-id>]"),
    (f"{SM}:key:AWSCURRENT:3f8a",
     "the Secrets Manager ARN sets both a version stage and a version id; use only one"),
    (f"arn:aws:secretsmanager:us-east-1:{ACCT}:secret:",
     "the Secrets Manager ARN has no secret name"),
    (f"arn:aws:secretsmanager:us-east-1:{ACCT}:db",
     'a Secrets Manager ARN in "valueFrom" must name a secret (":secret:<name>")'),
    (f"arn:aws:secretsmanager::{ACCT}:secret:db", "the Secrets Manager ARN has no region"),
    ("arn:aws:secretsmanager:us-east-1:12345:secret:db",
     "the Secrets Manager ARN's account must be 12 digits"),
    (f"arn:aws:ssm:us-east-1:{ACCT}:db/password",
     'an SSM ARN in "valueFrom" must name a parameter (":parameter/<name>")'),
    (f"arn:aws:ssm:us-east-1:{ACCT}:parameter/",
     "the SSM parameter ARN has an empty or invalid parameter name"),
    (f"arn:aws:ssm:us-east-1:{ACCT}:parameter/a b",
     "the SSM parameter ARN has an empty or invalid parameter name"),
    ("arn:aws:ssm:us-east-1::parameter/x", "the SSM parameter ARN's account must be 12 digits"),
    ("arn:aws:ssm::123456789012:parameter/x", "the SSM parameter ARN has no region"),
    (f"arn:aws:kms:us-east-1:{ACCT}:key/abc",
     '"valueFrom" is an ARN for "kms"; it must be a Secrets Manager secret or an SSM parameter'),
    ("arn:aws:s3:::bucket/secret.env",
     '"valueFrom" is an ARN for "s3"; it must be a Secrets Manager secret or an SSM parameter'),
    ("ssm:/prod/db",
     '"valueFrom" is neither an ARN nor a valid SSM parameter name (letters, digits, ".", "-",'
     ' "_" and "/")'),
    ("my secret",
     '"valueFrom" is neither an ARN nor a valid SSM parameter name (letters, digits, ".", "-",'
     ' "_" and "/")'),
])
def test_secret_value_from_problem(value_from, reason):
    assert secret_value_from_problem(value_from) == reason


# ---------------------------------------------------------------- names, platform versions, views


def test_name_problem():
    assert name_problem("web_app-2") is None
    assert name_problem("") == "is empty"
    assert name_problem("a" * 255) is None
    assert name_problem("a" * 256) == "is 256 characters long; the limit is 255"
    assert name_problem("a:b") == 'contains ":"; only letters, digits, "_" and "-" are allowed'
    assert name_problem("${NAME}.x") is None and name_problem(UNKNOWN) is None and name_problem(3) is None


def test_parse_platform_version():
    assert fargate.parse_platform_version("1.4.0") == (1, 4, 0)
    assert fargate.parse_platform_version("1.3.0") < fargate.parse_platform_version("1.4.0")
    assert fargate.parse_platform_version("LATEST") is None
    assert fargate.parse_platform_version("${PV}") is None and fargate.parse_platform_version(1.4) is None


def test_view_helpers():
    assert whole_number(5) == 5 and whole_number(5.0) == 5
    assert whole_number(True) is None and whole_number("5") is None and whole_number(UNKNOWN) is None
    assert [asks_for(v) for v in (None, False, [], {}, "${X}", True, [1], "host")] == [False] * 5 + [True] * 3
    assert shown_setting("privileged", True) == '"privileged": true'
    assert shown_setting("links", ["db"]) == '"links"'


# ---------------------------------------------------------------- properties

ANY_SCALAR = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none())


@given(ANY_SCALAR)
@settings(max_examples=300)
def test_parsers_never_raise(value):
    parse_cpu(value)
    parse_memory(value)
    parse_image(value)
    parse_arn(value)
    mutable_tag_problem(value)
    digest_problem(value)
    secret_value_from_problem(value)
    secret_value_kind(value)
    reference_value(value)
    is_unknown(value)


@given(ANY_SCALAR, ANY_SCALAR, st.one_of(st.none(), st.text(), st.sampled_from([WIN, "LINUX"])))
@settings(max_examples=300)
def test_check_size_never_raises(cpu, mem, os_family):
    result = check_size(cpu, mem, os_family)
    assert result is None or isinstance(result, str)


@given(st.sampled_from(LINUX_PAIRS), st.booleans())
def test_valid_pairs_in_vcpu_and_gb_forms(pair, spaced):
    cpu, mem = pair
    sep = " " if spaced else ""
    assert check_size(f"{cpu / 1024:g}{sep}vcpu", f"{mem / 1024:g}{sep}GB") is None


# Each ends in "7!", which no message's own wording holds: a drawn "environm" is in every
# message ('... in "environment"') without being the value.
SECRET_TEXT = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789abcdefghijkmnopqrstuvwxyz!%&*+", min_size=6).map(
    lambda s: s + "7!")
NAMES = st.one_of(
    st.sampled_from(["DB_PASSWORD", "API_KEY", "CONFIG", "AWS_SECRET_ACCESS_KEY", "TOKEN_TTL"]),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ_", max_size=20),
)


@given(NAMES, SECRET_TEXT, st.sampled_from(["", "postgres://u:{}@db/x", "AKIA{}", "x={} y"]))
@settings(max_examples=300)
def test_messages_never_contain_the_value(name, secret, wrapper):
    value = wrapper.format(secret) if wrapper else secret
    message = env_secret_problem(name, value)
    if message is not None:
        assert secret not in message.replace(f'"{name}"', "")


@given(st.from_regex(r"AKIA[A-Z0-9]{16}", fullmatch=True), NAMES)
def test_access_key_always_found_and_hidden(key, name):
    if key.endswith("EXAMPLE"):
        return
    message = env_secret_problem(name, f"prefix {key} suffix")
    assert message == f'the value of "{name}" contains an AWS access key id'
    assert key not in message
