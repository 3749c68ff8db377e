"""The garbage-collector policy of a lint run, one definition for the command line and for
the tests that hold a file to its CPU budget.

Parsed documents and findings hold no reference cycles worth hunting, and with the default
thresholds the collector re-walks an ever larger heap: a fifth of a 20,000-file run, and in
a long-lived process (a test session, an editor's server) most of the time a file with
40,000 findings takes. Collect rarely; the command line also freezes what is loaded."""

from __future__ import annotations

import contextlib
import gc

THRESHOLDS = (100_000, 50, 100)


def for_a_run() -> None:
    """The command line's policy: freeze what is loaded (rules, schemas, templates) and
    collect rarely; the process ends after the report, and forked workers inherit it."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextlib.contextmanager
def rare_collection():
    """The run's thresholds for the duration of a block, then the caller's again."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
