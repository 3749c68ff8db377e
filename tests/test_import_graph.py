"""ecslint's modules import one another without a cycle, counting imports inside functions
(start-up keeps many imports lazy, which would otherwise hide a cycle), and the types every
stage shares import nothing heavier than themselves."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from helpers import ROOT

PACKAGE = os.path.join(ROOT, "ecslint")


def _modules() -> dict:
    """module name → path, for every .py file of the package."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(PACKAGE):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            if name.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, name), ROOT)[:-3].split(os.sep)
                if rel[-1] == "__init__":
                    rel = rel[:-1]
                out[".".join(rel)] = os.path.join(dirpath, name)
    return out


def _imports(module: str, path: str, known: set) -> set:
    """ecslint modules `module` imports anywhere in its body (module level or in a function).
    `from a import b` counts as importing `a.b` when that is a module, else `a`."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    out.add(f"{base}.{alias.name}")
                elif base in known:
                    out.add(base)
    out.discard(module)
    return out


def graph() -> dict:
    modules = _modules()
    known = set(modules)
    return {m: _imports(m, p, known) for m, p in modules.items()}


def cycles(edges: dict) -> list:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read_whole():
    """Guard against a vacuous pass: function-level imports are in the graph."""
    edges = graph()
    assert len(edges) > 100
    assert "ecslint.inputs.cloudformation" in edges["ecslint.inputs"]  # imported inside front_ends()
    assert "ecslint.unknowns" in edges["ecslint.engine"]  # imported inside check_document
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    assert cycles(graph()) == []


@pytest.mark.parametrize("module,name", [
    ("ecslint.model", "Document"), ("ecslint.model", "Template"), ("ecslint.model", "Origin"),
    ("ecslint.report", "Report"), ("ecslint.report", "fingerprint"), ("ecslint.settings", "Settings"),
])
def test_shared_types_import_neither_the_engine_nor_the_cli(module, name):
    code = (f"import sys; from {module} import {name}; "
            "print(sorted(m for m in sys.modules if m in ('ecslint.engine', 'ecslint.cli', 'ecslint.registry', "
            "'ecslint.inputs', 'click', 'ruamel.yaml', 'jsonschema_rs')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
