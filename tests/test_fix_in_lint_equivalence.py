"""--fix lints each file first with only the checks that may offer a fix, and with the rest
only when the file stays as it is (fix_apply.lint_and_fix, engine.lint_rest): a fixed file is
linted again whole. Whatever a file's fate, the result must be exactly one whole lint of what
is on disk afterwards. Every rule case of fixtures/rules/ is put through it, with and without
--unsafe-fixes, in JSON and in YAML."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from helpers import settings_for
from test_rule_cases import CASES
from ecslint.config import Config
from ecslint.engine import lint_file
from ecslint.fix_apply import LintFix, lint_and_fix
from ecslint.registry import default_registry


def _seen(result):
    return [(f.rule, f.severity, f.pointer, f.message, f.region, f.suppressed) for f in result.findings]


def _write(path, case, fmt) -> bool:
    """The case's input as a file of `fmt`; False when it cannot be written so (a text of
    another format, several documents in JSON)."""
    value = case["input"] if "input" in case else case["documents"]
    if isinstance(value, str):
        if case.get("format", "yaml") != fmt:
            return False
        path.write_text(value)
    elif fmt == "json":
        if "documents" in case:
            return False
        path.write_text(json.dumps(value, indent=2))
    else:
        from ruamel.yaml import YAML

        with open(path, "w", encoding="utf-8") as fh:
            yaml = YAML(typ="safe", pure=True)
            yaml.default_flow_style = False  # ecslint reads YAML 1.1: no "nginx:1.27" in a flow mapping
            yaml.dump_all(value, fh) if "documents" in case else yaml.dump(value, fh)
    return True


SETTINGS = settings_for()


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_fix_run_reports_one_whole_lint_of_the_file_it_leaves(tmp_path, fmt, unsafe):
    fixing = replace(SETTINGS, fixes=True, fix_in_lint=LintFix(unsafe, Config(), default_registry()))
    fixed = kept = 0
    for n, param in enumerate(CASES):
        rule, case = param.values
        if case.get("kind") or case.get("options") or case.get("subnet-azs"):
            continue  # settings of their own: the whole-lint comparison needs one settings for all
        path = tmp_path / f"case{n}.{fmt}"
        if not _write(path, case, fmt):
            continue
        got = lint_and_fix(str(path), str(path), fixing)
        whole = lint_file(str(path), replace(SETTINGS, fixes=True))
        assert _seen(got) == _seen(whole), f"{rule}: {case['name']}"
        assert got.documents == whole.documents and got.skipped == whole.skipped, f"{rule}: {case['name']}"
        fixed, kept = fixed + bool(got.fixed), kept + (not got.fixed)
    assert fixed >= 15 and kept >= 80, (fixed, kept)  # both paths, each many times (17-469 and 88-545 here)
