"""Jsonnet task and service definitions (ecspresso reads them): evaluated with the optional
`jsonnet` package where it is installed, else skipped with a reason, never reported as invalid
JSON. `--var NAME=VALUE` values are the ext vars (`std.extVar("NAME")`), as ecspresso's
`--ext-str`; imports are read only from inside the repository holding the file."""

from __future__ import annotations

import os

NOT_INSTALLED = "jsonnet is not evaluated: the jsonnet package is not installed (pip install jsonnet)"
_MAX_STACK = 200  # deep recursion ends in an error rather than a long run


def is_jsonnet(path: str) -> bool:
    return path.lower().endswith((".jsonnet", ".libsonnet"))


def evaluate(path: str, text: str, variables: dict) -> tuple[str | None, str]:
    """(JSON text, "") or (None, why it was not evaluated)."""
    try:
        import _jsonnet  # the jsonnet package's extension module; optional
    except ImportError:
        return None, NOT_INSTALLED
    from ecslint.deployer_detection import repository_root

    base = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    root = os.path.realpath(repository_root(path) or base)

    def confined(folder, rel):
        full = os.path.realpath(os.path.join(folder or base, rel))
        if not (full + os.sep).startswith(root + os.sep):
            raise RuntimeError("imports are read only from inside the repository")
        with open(full, "rb") as fh:
            return full, fh.read()

    try:
        out = _jsonnet.evaluate_snippet(path, text, ext_vars=dict(variables), import_callback=confined,
                                        max_stack=_MAX_STACK)
    except RuntimeError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "evaluation failed"
        return None, f"jsonnet evaluation failed: {first}"
    return out, ""
