"""Shared test helpers: run the real engine on a document with chosen rules."""

from __future__ import annotations

import json
import os

from ecslint.config import Config, build_settings
from ecslint.engine import lint_text
from ecslint.registry import default_registry
from shared_gate import CORPUS, SHARED  # noqa: F401  (re-exported for the corpus tests)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SARIF_SCHEMA = os.path.join(ROOT, "tests", "fixtures", "sarif", "sarif-schema-2.1.0.json")  # vendored OASIS schema


def settings_for(select=(), options=None, subnet_azs=None, preset="all", kind=None):
    registry = default_registry()
    rules_cfg = {}
    if options:
        for rid in select:
            rules_cfg[rid] = {"options": options}
    cfg = Config(rules=rules_cfg, subnet_azs=subnet_azs or {})
    return build_settings(registry, cfg, preset, list(select), (), kind)


def lint_value(value, select=(), options=None, subnet_azs=None, fmt="json", kind=None, name=None, deployer=None):
    """Findings for one in-memory document, written as JSON (or YAML text if fmt='yaml');
    `deployer` (a name or a list of steps) is the file's known deployer."""
    from ecslint.deployers import parse_chain

    settings = settings_for(select, options, subnet_azs, kind=kind)
    name = name or f"input.{fmt}"
    if deployer:
        settings.deployments = {name: (parse_chain(deployer), "the case names it")}
    text = value if isinstance(value, str) else json.dumps(value, indent=2)
    return lint_text(name, text, settings, fmt).findings


def triples(findings):
    return [(f.rule, f.pointer, f.message) for f in findings]


# Rules produced by the suppression stage, which runs after checking in the command line.
SUPPRESSION_RULES = {"ECS003", "ECS004"}


def lint_cli(text, rule, fmt="yaml"):
    """Findings of one rule when `text` is linted by the real `ecslint check` (all rules on, so
    a directive names rules that ran), as (rule, pointer, message) triples."""
    import tempfile

    from click.testing import CliRunner

    from ecslint.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"input.{fmt}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text if isinstance(text, str) else json.dumps(text, indent=2))
        res = CliRunner().invoke(cli, ["check", "--config", os.devnull, "--preset", "all", "--format", "json",
                                       "--fail-on", "never", path])
        assert res.exit_code == 0, res.output
        found = json.loads(res.stdout)["findings"]
    return [(f["rule"], f["pointer"], f["message"]) for f in found if f["rule"] == rule]


def json_stream(text):
    """The JSON values written one after another in `text` (how pair-rule docs show a
    service next to its task definition)."""
    decoder, i, out = json.JSONDecoder(), 0, []
    text = text.strip()
    while i < len(text):
        value, i = decoder.raw_decode(text, i)
        out.append(value)
        while i < len(text) and text[i].isspace():
            i += 1
    return out


def lint_files(values, select):
    """Findings when each value is its own file in one run: the cross-document stage pairs
    a service with its task definition."""
    import tempfile

    from ecslint.runner import run

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, value in enumerate(values):
            path = os.path.join(tmp, f"doc{i}.json")
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(value, fh, indent=2)
            paths.append(path)
        _, findings, errors = run(paths, settings_for(select), jobs=1)
    assert errors == []
    return findings
