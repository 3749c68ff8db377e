"""Reports stay byte-identical unless a change means them to differ (issue 18: no output
changes from speed work): ecslint's JSON, text and SARIF reports on the benchmark's generated
corpora and on the shared corpus are compared with tests/snapshots/. To change them on purpose,
run `python tests/report_snapshots.py` and review the diff."""

from __future__ import annotations

import difflib

import pytest

import report_snapshots as snap

GENERATED = [f"bench-{form}" for form in snap._bench().FORMS]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("snapshots")
    return snap.empty_config(tmp), snap.bench_corpora(tmp)


def _compare(name: str, fmt: str, cwd, target, config) -> None:
    want = snap.snapshot_path(name, fmt).read_bytes()
    got = snap.kept(fmt, snap.report(cwd, target, fmt, config))
    if got != want:
        diff = "".join(list(difflib.unified_diff(want.decode().splitlines(True), got.decode().splitlines(True),
                                                 "snapshot", "now", n=1))[:60])
        pytest.fail(f"the {fmt} report on {name} changed (python tests/report_snapshots.py rewrites the "
                    f"snapshots when that is meant):\n{diff}", pytrace=False)


@pytest.mark.parametrize("fmt", snap.FORMATS)
@pytest.mark.parametrize("name", GENERATED)
def test_generated_corpus_reports_unchanged(corpora, name, fmt):
    config, found = corpora
    cwd, target = found[name]
    _compare(name, fmt, cwd, target, config)


@pytest.mark.needs_corpus
@pytest.mark.parametrize("fmt", snap.FORMATS)
def test_shared_corpus_reports_unchanged(tmp_path, fmt):
    _compare("shared-corpus", fmt, snap.SHARED, "corpus", snap.empty_config(tmp_path))


def test_a_changed_report_fails_the_comparison(tmp_path, monkeypatch):
    """The comparison can fail: a snapshot one byte off is reported with its diff."""
    monkeypatch.setattr(snap, "SNAPSHOTS", tmp_path)
    (tmp_path / "x.text").write_bytes(b"a\n")
    monkeypatch.setattr(snap, "report", lambda *a: b"b\n")
    with pytest.raises(pytest.fail.Exception, match="the text report on x changed"):
        _compare("x", "text", tmp_path, ".", tmp_path / "c")
