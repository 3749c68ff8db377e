import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from report_schema import pytest_configure  # noqa: E402, F401  (every in-process --format json fits the schema)
from shared_gate import pytest_runtest_setup  # noqa: E402, F401  (the needs_corpus hook)
