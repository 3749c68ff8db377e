"""The needs_corpus gate: a fresh clone without ../shared skips the corpus tests with a
visible reason; CI (CI=true) fails them instead of letting a skip pass."""

from __future__ import annotations

import shared_gate

TEST = """
import pytest

@pytest.mark.needs_corpus
def test_reads_the_corpus():
    pass

def test_plain():
    pass
"""


def _run(pytester, monkeypatch, tmp_path, ci):
    monkeypatch.setattr(shared_gate, "CORPUS", str(tmp_path / "no-such-corpus"))
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    pytester.makeconftest("from shared_gate import pytest_runtest_setup  # noqa: F401")
    pytester.makeini("[pytest]\nmarkers =\n    needs_corpus: needs ../shared/corpus\n")
    pytester.makepyfile(TEST)
    return pytester.runpytest("-rs", "-p", "no:cacheprovider")


def test_missing_corpus_skips_with_its_reason_outside_ci(pytester, monkeypatch, tmp_path):
    result = _run(pytester, monkeypatch, tmp_path, None)
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the shared corpus at *no-such-corpus*not present*"])


def test_missing_corpus_fails_under_ci(pytester, monkeypatch, tmp_path):
    result = _run(pytester, monkeypatch, tmp_path, "true")
    result.assert_outcomes(passed=1, errors=1)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*needs the shared corpus at *no-such-corpus*CI=true: not skipped*"])


def test_present_corpus_runs_the_test_under_ci(pytester, monkeypatch, tmp_path):
    (tmp_path / "corpus").mkdir()
    monkeypatch.setattr(shared_gate, "CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("CI", "true")
    pytester.makeconftest("from shared_gate import pytest_runtest_setup  # noqa: F401")
    pytester.makeini("[pytest]\nmarkers =\n    needs_corpus: needs ../shared/corpus\n")
    pytester.makepyfile(TEST)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_ci_values_other_than_true_only_skip(monkeypatch, tmp_path):
    monkeypatch.setattr(shared_gate, "CORPUS", str(tmp_path / "none"))
    assert shared_gate.missing_corpus({"CI": "TRUE"})[0] == "fail"
    assert shared_gate.missing_corpus({"CI": "false"})[0] == "skip"
    assert shared_gate.missing_corpus({})[0] == "skip"
