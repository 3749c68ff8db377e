"""The real-world corpus (../shared/corpus) stays green in every output format: each file, and
the whole directory at once, gets findings, a parse error or a quiet skip, never a traceback
or an exit code 2. Run with -s to see how many files per folder were linted, skipped or
unparsable."""

from __future__ import annotations

import collections
import json
import os

import pytest
from click.testing import CliRunner

from helpers import CORPUS
from robustness import assert_sane, run_cli
from ecslint.cli import cli
from ecslint.formatters import FORMATS

pytestmark = [pytest.mark.needs_corpus, pytest.mark.slow]


WALKED = (".json", ".yaml", ".yml", ".json.tpl", ".template")  # what a directory walk picks up
NAMED = WALKED + (".jsonnet",)  # evaluated when the jsonnet package is installed, linted when named


def corpus_files(suffixes=WALKED):
    out = []
    for dirpath, _, files in os.walk(CORPUS):
        for name in sorted(files):
            if name.lower().endswith(suffixes):
                out.append(os.path.join(dirpath, name))
    return sorted(out)


def _check(args):
    result = CliRunner().invoke(cli, args)
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out and "internal error" not in out, out
    assert result.exit_code in (0, 1), out
    return result


def test_every_file_in_every_format():
    counts = collections.defaultdict(collections.Counter)
    files = corpus_files(NAMED)
    assert files
    for path in files:
        folder = os.path.relpath(os.path.dirname(path), CORPUS)
        for fmt in FORMATS:
            result = _check(["check", "--preset", "all", "--format", fmt, path])
            if fmt == "json":
                report = json.loads(result.stdout)
                if any(f["rule"] == "ECS001" for f in report["findings"]):
                    counts[folder]["unparsable"] += 1
                elif report["summary"]["skipped"]:
                    counts[folder]["skipped"] += 1
                else:
                    counts[folder]["linted"] += 1
    print("\ncorpus: folder linted skipped unparsable")
    for folder in sorted(counts):
        c = counts[folder]
        print(f"  {folder:24} {c['linted']:4} {c['skipped']:4} {c['unparsable']:4}")
    assert sum(c["linted"] for c in counts.values()) > len(files) // 3  # most of it is really linted


@pytest.mark.parametrize("fmt", FORMATS)
def test_whole_directory_in_every_format(fmt):
    run = run_cli(["check", "--preset", "all", "--format", fmt, CORPUS])
    assert_sane(run, codes=(0, 1))
    if fmt == "json":
        report = json.loads(run.stdout)
        assert report["summary"]["files"] == len(corpus_files())
