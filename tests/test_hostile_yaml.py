"""YAML expansion bombs: aliases and `<<:` merge keys share one node budget, so a file of a
few hundred bytes cannot run for minutes. Over budget, a file that looks like ECS is an
ECS001 finding; any other YAML file (pre-commit passes them all) is skipped quietly.
Bounded in CPU time and memory like every hostile case (robustness.py)."""

from __future__ import annotations

import time

import pytest

from robustness import WORK_BUDGET_S, assert_sane, run_cli
from ecslint.source import MAX_YAML_NODES, parse_yaml


def merge_bomb(levels: int, width: int = 9) -> str:
    """Each level merges the previous one `width` times: before the fix each level cost
    about nine times the one before (7 s at six levels, minutes at eight)."""
    lines = ["l0: &l0 {" + ", ".join(f"k{i}: {i}" for i in range(width)) + "}"]
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} {{<<: [" + ", ".join([f"*l{n - 1}"] * width) + "]}")
    return "\n".join(lines) + "\n"


def wide_merge_bomb(levels: int, keys: int = 100) -> str:
    """Each level adds its own keys and merges the previous level: merged mappings grow,
    so the work is quadratic in the levels unless merged keys are counted."""
    lines = []
    for n in range(levels):
        merge = f"<<: *l{n - 1}, " if n else ""
        lines.append(f"l{n}: &l{n} {{{merge}" + ", ".join(f"k{n}_{i}: {i}" for i in range(keys)) + "}")
    return "\n".join(lines) + "\n"


def aliases_in_merges(levels: int) -> str:
    """Merged values that are aliases of the previous level: aliases and merges together."""
    lines = ["l0: &l0 {a: [x, x, x, x, x, x, x, x, x]}"]
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} {{<<: *l{n - 1}, " + ", ".join(f"v{i}: *l{n - 1}" for i in range(9)) + "}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text,over", [(merge_bomb(8), False), (merge_bomb(3000), True),
                                       (wide_merge_bomb(200, 20), True), (aliases_in_merges(12), True)],
                         ids=["merge-8-levels", "merge-3000-levels", "wide-merges", "aliases-in-merges"])
def test_merge_bombs_stop_within_budget(text, over):
    start = time.process_time()
    parsed = parse_yaml("bomb.yaml", text)
    assert time.process_time() - start < WORK_BUDGET_S
    if not over:  # each merged mapping worked out once: eight levels are nine keys, at once
        assert parsed.error is None and parsed.documents[0].value["l8"] == {f"k{i}": i for i in range(9)}
        return
    assert parsed.error is not None and parsed.error.budget
    assert parsed.error.message == f"invalid YAML: aliases and merge keys expand to more than {MAX_YAML_NODES:,} nodes"


def test_small_merges_still_resolve_and_self_merge_is_an_error():
    parsed = parse_yaml("m.yaml", merge_bomb(3))
    assert parsed.error is None
    assert parsed.documents[0].value["l3"] == {f"k{i}": i for i in range(9)}
    parsed = parse_yaml("m.yaml", "base: &b {cpu: 256, memory: 512}\ntd: {<<: *b, cpu: 1024}\n")
    assert parsed.documents[0].value["td"] == {"cpu": 1024, "memory": 512}
    parsed = parse_yaml("m.yaml", "a: &a\n  <<: *a\n  x: 1\n")
    assert parsed.error is not None and parsed.error.limit


@pytest.mark.parametrize("ecs", [False, True])
def test_merge_bomb_through_the_command_line(tmp_path, ecs):
    path = tmp_path / "values.yaml"
    path.write_text(("family: web\ncontainerDefinitions: []\n" if ecs else "") + merge_bomb(3000))
    run = run_cli(["check", "-v", str(path)])
    assert_sane(run)
    if ecs:
        assert run.code == 1, run.output
        assert "error ECS001 unparsable-file: invalid YAML: aliases and merge keys expand to more than" in run.stdout
    else:
        assert run.code == 0, run.output
        assert "1 file skipped" in run.stdout
        assert ("skipped " + str(path) + f": invalid YAML: aliases and merge keys expand to more than {MAX_YAML_NODES:,} "
                "nodes, and nothing in it looks like ECS") in run.stderr


@pytest.mark.slow  # 300 generated documents: ~40 s of CPU
def test_fuzz_target_generator_within_budget():
    """The fuzz/ target's generator, from a seeded source: every document parses or stops at
    the budget, within the time budget each."""
    import os
    import random
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fuzz"))
    from fuzz_yaml_merge import check, generate

    def cost(text):
        start = time.process_time()
        check(text)
        return time.process_time() - start

    rng = random.Random(20261201)
    worst = 0.0
    for _ in range(300):
        text = generate(lambda n: rng.randrange(n) if n > 1 else 0, lambda: rng.random() < 0.5)
        spent = cost(text)
        if spent >= WORK_BUDGET_S:  # a second measurement, so a busy machine's noise is not a failure
            spent = min(spent, cost(text))
        worst = max(worst, spent)
    assert worst < WORK_BUDGET_S
