"""One pure function per output format: (findings, report) → text. cli.py writes it out."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def render(fmt: str, report) -> str:
    module = importlib.import_module(f"ecslint.formatters.{fmt}_format")
    return module.render(report)
