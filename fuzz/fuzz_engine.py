"""atheris fuzz target: arbitrary bytes through the same path as `ecslint check FILE`
(decode, parse as JSON and as YAML, classify, every rule, every output format).

Any exception escaping is a bug: bad input must become a finding (ECS001) or a skip.

    pip install atheris          # not a test dependency
    python fuzz/fuzz_engine.py -max_len=4096 -timeout=2 -rss_limit_mb=512 fuzz/corpus/
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import atheris  # noqa: E402

with atheris.instrument_imports():
    from ecslint.report import Report
    from ecslint.config import Config, build_settings
    from ecslint.engine import lint_text
    from ecslint.formatters import FORMATS, render
    from ecslint.registry import default_registry
    from ecslint.source import ParseError, decode

SETTINGS = build_settings(default_registry(), Config(), "all", [], [], None)


def test_one_input(data: bytes) -> None:
    try:
        text = decode(data)
    except ParseError:
        return  # reported as ECS001 by lint_file
    for name in ("fuzz.json", "fuzz.yaml"):
        result = lint_text(name, text, SETTINGS)
        report = Report(findings=result.findings, files=1, documents=result.documents, rules=SETTINGS.rules)
        for fmt in FORMATS:
            render(fmt, report)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
