"""Helpers the container-relationship, port and logging templates share: names, the
effective network mode, log options, and whether task-level fields can be known."""

from __future__ import annotations

from ecslint.ecs.views import known

CONTAINER_DEFINITIONS = "container-definitions"  # documents.CONTAINER_DEFINITIONS, without the import


def cname(c) -> str:
    name = c.get("name")
    return name if isinstance(name, str) else "?"


def has_task_level(ctx) -> bool:
    """False for a bare containerDefinitions array: its task-level fields live elsewhere."""
    doc = getattr(ctx, "document", None)
    return getattr(doc, "origin", None) != CONTAINER_DEFINITIONS


def network_mode(td, ctx):
    """The effective network mode, or None when it cannot be known (absent means bridge)."""
    return td.network_mode if has_task_level(ctx) else None


def items(value):
    """(index, dict) for the dict entries of a list value."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, dict):
                yield i, v


def log_config(c):
    """(driver, options) of a container's logConfiguration; driver None when unknown."""
    lc = c.get("logConfiguration")
    if not isinstance(lc, dict):
        return None, {}
    driver = lc.get("logDriver")
    options = lc.get("options")
    return (driver if isinstance(driver, str) and known(driver) else None,
            options if isinstance(options, dict) else {})


def is_essential(c):
    """True, False, or None when the value is unknown; absent means essential."""
    value = c.get("essential", True)
    return value if isinstance(value, bool) else None


def int_value(value):
    """An int port or size, or None (absent, placeholder, bool, wrong type)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def added_capabilities(c, ptr):
    """(capability, pointer) for each known string in linuxParameters.capabilities.add."""
    lp = c.get("linuxParameters")
    caps = lp.get("capabilities") if isinstance(lp, dict) else None
    add = caps.get("add") if isinstance(caps, dict) else None
    if isinstance(add, list):
        for j, cap in enumerate(add):
            if isinstance(cap, str) and known(cap):
                yield cap, ptr + ("linuxParameters", "capabilities", "add", j)
