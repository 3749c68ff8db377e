"""Properties of the engine over generated input (hypothesis): it never raises, every finding
points into the document and lies inside the file, the format a document is written in does
not change what is found, and output is deterministic in every format."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import settings_for
from robustness import check_regions
from strategies import any_documents, ecs_documents
from ecslint.cli import cli
from ecslint.engine import lint_text
from ecslint.formatters import FORMATS
from ecslint.model import pointer_tokens
from ecslint.source import parse

SETTINGS = settings_for()  # every rule
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def to_yaml(value) -> str:
    from ruamel.yaml import YAML

    buf = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False  # libyaml rejects "http://x" as a plain scalar in flow style
    yaml.width = 4096  # no folded lines: the text stays the same value
    yaml.dump(value, buf)
    return buf.getvalue()


def check_pointers(result, text, fmt):
    """Each finding's pointer exists, or names a missing child of a node that exists, and the
    finding sits where the locator puts that pointer."""
    source = parse("x", text, fmt)
    if source.error:
        assert all(f.rule in ("ECS001", "ECS006") for f in result.findings)
        return
    for f in result.findings:
        tokens = pointer_tokens(f.pointer)
        located = [d for d in source.documents if d.locator.exists(tokens) or d.locator.exists(tokens[:-1])]
        assert located, f"{f.rule} {f.pointer!r} does not resolve"
        assert any(d.locator.region(tokens) == f.region for d in located), f


def lint_checked(name, text, fmt):
    result = lint_text(name, text, SETTINGS, fmt)
    check_regions(result, text)
    check_pointers(result, text, fmt)
    return result


@PROPS
@given(any_documents)
def test_any_document_in_json(value):
    lint_checked("doc.json", json.dumps(value, indent=2), "json")


@PROPS
@given(any_documents)
def test_any_document_in_yaml(value):
    lint_checked("doc.yaml", to_yaml(value), "yaml")


@PROPS
@given(st.text(max_size=300))
def test_any_yaml_text(text):
    lint_checked("doc.yaml", text, "yaml")


@PROPS
@given(st.text(alphabet="{}[]:,\"'-&*!#|> \n\tabc019.", max_size=120))
def test_yaml_and_json_punctuation_soup(text):
    lint_checked("doc.yaml", text, "yaml")
    lint_checked("doc.json", text, "json")


def rule_pointers(findings):
    return sorted({(f.rule, f.pointer) for f in findings})


@PROPS
@given(any_documents)
def test_same_findings_whatever_the_format(value):
    compact = lint_checked("doc.json", json.dumps(value, separators=(",", ":")), "json")
    indented = lint_checked("doc.json", json.dumps(value, indent=4), "json")
    yaml = lint_checked("doc.yaml", to_yaml(value), "yaml")
    assert rule_pointers(compact.findings) == rule_pointers(indented.findings)
    assert rule_pointers(compact.findings) == rule_pointers(yaml.findings)


@pytest.mark.slow  # one CLI run per format per example
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(ecs_documents, min_size=1, max_size=3))
def test_output_is_deterministic_in_every_format(tmp_path_factory, docs):
    root = tmp_path_factory.mktemp("det")
    for i, doc in enumerate(docs):
        (root / f"doc{i}.json").write_text(json.dumps(doc, indent=2))
    runner = CliRunner()
    for fmt in FORMATS:
        args = ["check", "--preset", "all", "--format", fmt, "--no-color", str(root)]
        first = runner.invoke(cli, args, catch_exceptions=False)
        second = runner.invoke(cli, args, catch_exceptions=False)
        assert first.exit_code in (0, 1), first.output
        assert first.output == second.output


@PROPS
@given(st.lists(st.one_of(st.text(max_size=6), st.integers(0, 10**6)), max_size=5))
def test_pointer_text_round_trips(tokens):
    from ecslint.model import pointer_str

    # str tokens that look like indexes come back as ints; everything else unchanged
    back = pointer_tokens(pointer_str(tuple(tokens)))
    assert [str(t) for t in back] == [str(t) for t in tokens]


def test_pointer_tokens_edge_cases():
    assert pointer_tokens("/01/0/10/²/a~1b~0c") == ("01", 0, 10, "²", "a/b~c")
