"""Tests that need the real-world corpus in the sibling `../shared` folder carry
`@pytest.mark.needs_corpus`. Without the folder they skip with a visible reason on a fresh
clone, and fail under CI (`CI=true`), where a skip would hide that they did not run."""

from __future__ import annotations

import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CORPUS = os.path.join(SHARED, "corpus")


def missing_corpus(environ) -> tuple[str, str] | None:
    """("skip" | "fail", reason) when CORPUS is absent; None when it is there."""
    if os.path.isdir(CORPUS):
        return None
    if environ.get("CI", "").lower() == "true":
        return "fail", f"needs the shared corpus at {CORPUS}, which is missing (CI=true: not skipped)"
    return "skip", f"needs the shared corpus at {CORPUS}, which is not present beside this checkout"


def pytest_runtest_setup(item):
    if item.get_closest_marker("needs_corpus") is None:
        return
    outcome = missing_corpus(os.environ)
    if outcome is not None:
        kind, reason = outcome
        if kind == "fail":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
