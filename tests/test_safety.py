"""Safe by construction: ecslint never writes to its input, never uses the network, never
evaluates content, and never prints a secret value, in any output format."""

from __future__ import annotations

import hashlib
import json
import os
import socket

import pytest
from click.testing import CliRunner

from helpers import SHARED
from robustness import assert_sane, run_cli
from ecslint.cli import cli
from ecslint.formatters import FORMATS

CORPUS = os.path.join(SHARED, "corpus")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every in-process run in this module fails loudly if it opens a socket."""

    def deny(*args, **kwargs):
        raise AssertionError("ecslint tried to use the network")

    monkeypatch.setattr(socket, "socket", deny)
    monkeypatch.setattr(socket, "create_connection", deny)
    monkeypatch.setattr(socket, "getaddrinfo", deny)


def _fingerprint(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            with open(path, "rb") as fh:
                out[path] = (hashlib.sha256(fh.read()).hexdigest(), st.st_mtime_ns, st.st_size, st.st_mode)
    return out


@pytest.mark.slow  # the whole corpus, once per format
@pytest.mark.needs_corpus
@pytest.mark.parametrize("fmt", FORMATS)
def test_never_writes_to_inputs(fmt):
    before = _fingerprint(CORPUS)
    assert before
    run = run_cli(["check", "--preset", "all", "--format", fmt, CORPUS])  # sockets blocked in the child
    assert_sane(run, codes=(0, 1))
    assert _fingerprint(CORPUS) == before


@pytest.mark.slow
def test_never_evaluates_content(tmp_path):
    marker = tmp_path / "EVALUATED"
    m = str(marker)
    (tmp_path / "tags.yaml").write_text(
        f'family: !!python/object/apply:os.system ["touch {m}"]\n'
        f'cpu: !!python/object/apply:builtins.exec ["open({m!r}, \'w\')"]\n'
        f'memory: !!python/object/new:subprocess.Popen [["touch", "{m}"]]\n'
        "networkMode: !!python/name:os.system\n"
        f"containerDefinitions:\n  - name: app\n    image: !!binary aGVsbG8=\n"
        f'    command: ["$(touch {m})", "`touch {m}`"]\n'
        f'    environment: [{{name: X, value: !Sub "${{AWS::Region}}$(touch {m})"}}]\n'
    )
    (tmp_path / "td.json").write_text(json.dumps({
        "family": f"$(touch {m})",
        "containerDefinitions": [{"name": "a", "image": f"`touch {m}`:1",
                                  "entryPoint": ["sh", "-c", f"touch {m}"],
                                  "environment": [{"name": "X", "value": f"{{{{ __import__('os').system('touch {m}') }}}}"}]}],
    }))
    for fmt in FORMATS:
        run = run_cli(["check", "--preset", "all", "--format", fmt, str(tmp_path)])  # no process creation
        assert_sane(run, codes=(0, 1))
    assert not marker.exists()


# Planted secrets: none of these strings may appear in any output.
AWS_KEY_ID = "AKIA" + "Q3EGRZT7XUMB5N2K"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8v3Tk9Lm"
PEM = ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAvq9Gm3lT0Ys0x8x1dYf2Q7hWkqjRZ5nP0cJv\n"
       "-----END RSA PRIVATE KEY-----")
URL_PASSWORD = "s3cr3t-Pa55w0rd"
DB_PASSWORD = "correct-horse-battery-staple-42"
SECRETS = [AWS_KEY_ID, AWS_SECRET, "MIIEowIBAAKCAQEAvq9Gm3lT0Ys0x8x1dYf2Q7hWkqjRZ5nP0cJv", URL_PASSWORD, DB_PASSWORD]


def _secret_documents():
    env = [
        {"name": "AWS_ACCESS_KEY_ID", "value": AWS_KEY_ID},
        {"name": "AWS_SECRET_ACCESS_KEY", "value": AWS_SECRET},
        {"name": "TLS_KEY", "value": PEM},
        {"name": "DATABASE_URL", "value": f"postgres://app:{URL_PASSWORD}@db.internal:5432/app"},
        {"name": "DB_PASSWORD", "value": DB_PASSWORD},
        {"name": "HARMLESS", "value": AWS_KEY_ID},  # a credential under an innocent name
    ]
    td = {
        "family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
        "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "web", "image": "nginx:1.25", "environment": env,
                                  "logConfiguration": {"logDriver": "awslogs",
                                                       "options": {"awslogs-group": "/ecs/web"}}}],
    }
    # the same secrets where a schema rule reports the value: wrong enum, wrong type, too long
    bad = {
        "family": "bad", "networkMode": AWS_KEY_ID, "cpu": 256,
        "containerDefinitions": [{"name": "db", "image": "postgres:16", "memory": DB_PASSWORD,
                                  "environment": [{"name": "DB_PASSWORD", "value": DB_PASSWORD},
                                                  {"name": "URL", "value": f"https://u:{URL_PASSWORD}@h"}],
                                  "user": AWS_SECRET, "dockerLabels": {"k": PEM}}],
        "unknownField": AWS_KEY_ID,
    }
    yaml = (
        "family: y\ncontainerDefinitions:\n  - name: y\n    image: nginx:1.25\n    environment:\n"
        f"      - name: DB_PASSWORD\n        value: {DB_PASSWORD}\n"
        f"      - name: AWS_ACCESS_KEY_ID\n        value: {AWS_KEY_ID}\n"
        f"      - name: TLS_KEY\n        value: |\n" + "".join(f"          {line}\n" for line in PEM.splitlines())
    )
    # broken files: a parse error must not quote the text around it
    broken_json = json.dumps(td)[:-2].replace(DB_PASSWORD, DB_PASSWORD + '"x')
    broken_yaml = f"family: b\n\tpassword: {DB_PASSWORD}\n"
    return {"td.json": json.dumps(td, indent=2), "bad.json": json.dumps(bad, indent=2), "td.yaml": yaml,
            "broken.json": broken_json, "broken.yaml": broken_yaml}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_any_output(tmp_path, fmt):
    for name, text in _secret_documents().items():
        (tmp_path / name).write_text(text)
    runner = CliRunner()
    for extra in ([], ["-v"], ["--show-suppressed"]):
        result = runner.invoke(cli, ["check", "--preset", "all", "--format", fmt, *extra, str(tmp_path)])
        out = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert result.exit_code == 1, out
        assert "ECS301" in out or fmt not in ("text", "json")  # the planted secrets are found...
        for secret in SECRETS:
            assert secret not in out, f"{fmt} output contains a planted secret {secret[:8]}…"  # ...not shown
