"""Regexes that see document text run in linear time: every pattern ecslint compiles at module
level is searched over long runs of the characters it names (where backtracking engines go
quadratic), and the ones that were quadratic get 1 MB inputs through the real code paths.
Regexes written by users (policies, rule options) run on RE2 (tests/test_policies.py covers
their errors; here, their bound)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import ecslint
from robustness import WORK_BUDGET_S, assert_sane, run_cli

MB = 1_000_000

# Used only with fullmatch/match on text already cut short (fargate sizes: 32 characters;
# suppression directives: match from the start, nothing after the rules can fail).
ANCHORED_ON_SHORT_TEXT = {"ecslint.ecs.fargate._VCPU_RE", "ecslint.ecs.fargate._GB_RE", "ecslint.suppress._RULES"}


def _patterns():
    found = {}

    def collect(obj, where, depth=0):
        if isinstance(obj, re.Pattern):
            found.setdefault(obj.pattern, (obj, where))
        elif isinstance(obj, (tuple, list)) and depth < 3:
            for x in obj:
                collect(x, where, depth + 1)
        elif isinstance(obj, dict) and depth < 3:
            for x in obj.values():
                collect(x, where, depth + 1)

    for info in pkgutil.walk_packages(ecslint.__path__, "ecslint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            collect(value, f"{info.name}.{key}")
    return [(where, rx) for rx, where in found.values() if where not in ANCHORED_ON_SHORT_TEXT]


def _text(pattern) -> str:
    return pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern


def test_every_module_regex_is_linear_on_repeated_characters():
    n = 20_000  # a quadratic pattern takes seconds here, a linear one a millisecond
    slow = []
    for where, rx in _patterns():
        chunks = {c for c in _text(rx.pattern) if c.isprintable()} | {"a", "A", "0", " ", "\n"}
        chunks |= {"{{", "${", "://", "a:", "a@", "<+", "#{", "%{", "{{ .", "a.", "0."}
        for chunk in chunks:
            text = (chunk * (n // len(chunk) + 1))[:n]
            if isinstance(rx.pattern, bytes):  # a pattern over a file's bytes (the .tf fixes)
                text = text.encode("utf-8")
            start = time.process_time()
            rx.search(text)
            for _ in rx.finditer(text):
                pass
            spent = time.process_time() - start
            if spent > 0.25:
                slow.append((where, chunk, round(spent, 2)))
    assert not slow, slow


def test_placeholder_regex_on_a_megabyte():
    from ecslint.ecs.placeholders import is_placeholder
    from ecslint.inputs.rendering import substitute, unrendered, unrendered_yaml

    for text in ("{{" * (MB // 2), "{{ a " * (MB // 5), "{{a}" * (MB // 4), "${" * (MB // 2), "<+" * (MB // 2)):
        start = time.process_time()
        is_placeholder(text)
        unrendered(text)
        unrendered_yaml(text, 1)
        substitute(text, {"a": "1"})
        assert time.process_time() - start < WORK_BUDGET_S, text[:10]
    assert is_placeholder("{{ must_env `IMAGE` }}") and is_placeholder("x {{ {{ .x }}")
    assert is_placeholder("{{resolve:ssm:/a/b}}") and not is_placeholder("{{ unclosed }")


def test_url_password_regex_on_a_megabyte():
    from ecslint.ecs.secrets import secret_value_kind

    for text in ("a" * MB, "a:" * (MB // 2), "a://" * (MB // 4), "x://" + "a:" * (MB // 2), "a://b:" + "c" * MB):
        start = time.process_time()
        assert secret_value_kind(text) is None
        assert time.process_time() - start < WORK_BUDGET_S, text[:10]
    assert secret_value_kind("postgres://app:s3cr3t-Pa55@db:5432/x") == "a URL with an embedded password"
    assert secret_value_kind("jdbc:postgresql://app:s3cr3t-Pa55@db/x") == "a URL with an embedded password"


@pytest.mark.parametrize("value", ["{{" * 400_000, "a" * 800_000, "{{ a " * 160_000])
def test_megabyte_strings_through_the_command_line(tmp_path, value):
    path = tmp_path / "td.json"
    path.write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1",'
                    ' "environment": [{"name": "DATABASE_URL", "value": "' + value + '"}],'
                    ' "command": ["' + value + '"]}]}')
    run = run_cli(["check", "--preset", "all", "--var", "a=1", str(path)])
    assert_sane(run)


def test_no_module_regex_uses_a_possessive_or_atomic_group():
    # Early Python 3.11 releases (Debian 12's 3.11.2) match nothing with a possessive group
    # such as (?:...)*+: the {{ }} placeholder regex found no placeholder there. Possessive
    # quantifiers on single characters and classes work on every 3.11.
    groups = re.compile(r"\)[*+?]\+|\(\?>")
    assert [where for where, rx in _patterns() if groups.search(_text(rx.pattern))] == []


def test_placeholder_regex_finds_go_templates():
    from ecslint.ecs.placeholders import PLACEHOLDER_PATTERNS

    braces = dict(PLACEHOLDER_PATTERNS)["{{...}}"]
    text = '"command": [{{command}}], "cpu": "{{ .cpu }}", "x": "{{ a } b }}", "y": "{{open"'
    assert [m.group() for m in braces.finditer(text)] == ["{{command}}", "{{ .cpu }}", "{{ a } b }}"]
