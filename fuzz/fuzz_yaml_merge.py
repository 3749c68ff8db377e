"""atheris fuzz target for the YAML composer and walker with anchors, aliases and `<<:` merge
keys: the fuzzer's bytes choose a document of mappings that merge earlier anchors (one, a
list of several, themselves merging), alias them as values, and repeat them, so it reaches
the expansion bombs that raw bytes almost never spell. Half of the inputs are also parsed as
raw bytes. A finding or a budget error is fine; an exception, or more than the time and
memory budgets (`-timeout=2 -rss_limit_mb=512`), is a bug.

    pip install atheris          # not a test dependency
    python fuzz/fuzz_yaml_merge.py -max_len=2048 -timeout=2 -rss_limit_mb=512

`generate()` takes any object with the two draw methods, so tests/test_hostile_yaml.py runs
the same generator from a seeded random source without atheris.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def generate(draw_int, draw_bool) -> str:
    """A YAML document of anchored mappings; `draw_int(n)` is 0..n-1, `draw_bool()` a coin."""
    lines = []
    for anchors in range(1 + draw_int(40)):  # mapping n is anchored as a<n>
        parts = []
        if anchors and draw_bool():
            sources = [f"*a{draw_int(anchors)}" for _ in range(1 + draw_int(12))]
            parts.append("<<: " + (sources[0] if len(sources) == 1 and draw_bool() else "[" + ", ".join(sources) + "]"))
        for _ in range(draw_int(10)):
            value = f"*a{draw_int(anchors)}" if anchors and draw_bool() else str(draw_int(1000))
            parts.append(f"k{draw_int(16)}: {value}")  # repeated keys: duplicates and overrides
        if anchors and draw_int(8) == 0:
            parts.append(f"<<: *a{draw_int(anchors)}")  # a second merge key in one mapping
        if draw_int(32) == 0:
            parts.append(f"self: *a{anchors}")  # an alias to the mapping being defined
        lines.append(f"m{anchors}: &a{anchors} {{" + ", ".join(parts) + "}")
    if draw_bool():
        lines.append("family: fuzz\ncontainerDefinitions: [{name: a, image: 'b:1'}]")
    return "\n".join(lines) + "\n"


def check(text: str) -> None:
    from ecslint.source import ParseError, parse_yaml

    parsed = parse_yaml("fuzz.yaml", text)
    assert parsed.error is None or isinstance(parsed.error, ParseError)
    for doc in parsed.documents:  # the locator resolves merges too: place every top key
        if isinstance(doc.value, dict):
            for key in list(doc.value)[:50]:
                doc.locator.region((key,))


def test_one_input(data: bytes) -> None:
    import atheris

    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        check(data.decode("utf-8", "replace"))
        return
    check(generate(lambda n: fdp.ConsumeIntInRange(0, n - 1) if n > 1 else 0, fdp.ConsumeBool))


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import ecslint.source  # noqa: F401 - instrumented for coverage guidance
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
