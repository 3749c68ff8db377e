"""docs/catalogue-coverage.md must stay in step with the rule registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecslint.registry import builtin_rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "catalogue-coverage.md"
RULE_ID = re.compile(r"\bECS\d{3}\b")
RULE_REF = re.compile(r"\b(ECS\d{3}) ([a-z0-9]+(?:-[a-z0-9]+)+)")


def _tables(text: str) -> dict[str, list[list[str]]]:
    """Heading -> data rows (cells) of the table under it."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # separator row
            tables.setdefault(heading, []).append(cells)
    # drop header rows
    return {h: rows[1:] for h, rows in tables.items()}


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules() -> dict[str, str]:
    return {r.id: r.name for r in builtin_rules()}


def test_every_named_rule_exists(doc, rules):
    for heading, rows in _tables(doc).items():
        for row in rows:
            for rid in RULE_ID.findall(" ".join(row)):
                assert rid in rules, f"{heading}: {rid} is not a built-in rule"


def test_rule_names_match_ids(doc, rules):
    """Where the doc writes "ECSnnn name", the name is that rule's current name."""
    for rid, name in RULE_REF.findall(doc):
        if rid in rules and name in {r for r in rules.values()}:
            assert rules[rid] == name, f"{rid} is named {rules[rid]!r}, the doc says {name!r}"


def test_every_builtin_rule_is_mentioned(doc, rules):
    named = set(RULE_ID.findall(doc))
    missing = sorted(set(rules) - named)
    assert not missing, f"built-in rules missing from {DOC.name}: {missing}"


def test_catalogue_sections_present(doc):
    tables = _tables(doc)
    for n in range(1, 11):
        assert any(h.startswith(f"§2.{n} ") for h in tables), f"no table for §2.{n}"


def test_catalogue_rows_are_consistent(doc):
    """Each catalogue row names rules unless it is not implemented, and the totals add up."""
    counts = {"impl": 0, "schema": 0, "none": 0}
    slugs = []
    for heading, rows in _tables(doc).items():
        if not re.match(r"§2\.[1-9] ", heading):
            continue
        for slug, cell, coverage, note in rows:
            slugs.append(slug)
            if coverage == "not implemented":
                assert not RULE_ID.search(cell), f"{slug}: not implemented but names {cell}"
                assert note.startswith("not implemented:"), f"{slug}: give the reason"
                counts["none"] += 1
            elif coverage == "schema rules":
                assert cell.startswith("schema rules ") and set(RULE_ID.findall(cell)) <= {
                    "ECS101", "ECS102", "ECS103", "ECS104", "ECS105"}, slug
                counts["schema"] += 1
            else:
                assert coverage.startswith("implemented"), f"{slug}: unknown coverage {coverage!r}"
                assert RULE_ID.search(cell), f"{slug}: implemented but names no rule"
                counts["impl"] += 1
    assert len(slugs) == len(set(slugs)), "a slug appears twice"
    totals = doc.split("## Totals", 1)[1]
    assert f"**{len(slugs)}**" in totals
    assert f"| {counts['impl']} |" in totals
    assert f"ECS105) | {counts['schema']} |" in totals
    assert f"Not implemented | {counts['none']} |" in totals
