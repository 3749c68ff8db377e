"""Helpers the container-relationship, port and logging templates share: names, the
effective network mode and log options."""

from __future__ import annotations

from ecslint.ecs.views import known, whole_number
from ecslint.model import Problem



def network_mode(td):
    """The effective network mode, or None when it cannot be known (absent means bridge;
    a bare container array has no task level to say)."""
    return td.network_mode if td.task_level_known else None


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


def added_capabilities(c, ptr):
    """(capability, pointer) for each known string in linuxParameters.capabilities.add."""
    lp = c.get("linuxParameters")
    caps = lp.get("capabilities") if isinstance(lp, dict) else None
    add = caps.get("add") if isinstance(caps, dict) else None
    if isinstance(add, list):
        for j, cap in enumerate(add):
            if isinstance(cap, str) and known(cap):
                yield cap, ptr + ("linuxParameters", "capabilities", "add", j)


def named_entries(value):
    """(index, name) for the entries of a name/value list (environment, secrets) with a known name."""
    for j, item in items(value):
        if isinstance(item.get("name"), str) and known(item["name"]):
            yield j, item["name"]


def dependencies(td):
    """(container, target container, condition, pointer of the condition) for each dependsOn
    entry that names another container of the task definition."""
    by_name = {c["name"]: c for _, c, _ in td.containers() if isinstance(c.get("name"), str)}
    for _, c, ptr in td.containers():
        for j, dep in items(c.get("dependsOn")):
            name = dep.get("containerName")
            target = by_name.get(name) if isinstance(name, str) else None
            if target is not None and target is not c:
                yield c, target, dep.get("condition"), ptr + ("dependsOn", j, "condition")


def total_over_task(td, key, parse, share):
    """A Problem at the task's `key` ("cpu" or "memory") when the containers' shares of it,
    share(container), add up to more than the task has; nothing when any share is unknown."""
    task = parse(td.get(key)) if td.task_level_known else None
    if task is None:
        return  # absent, unknown or malformed (ECS201/ECS408 judge the value itself)
    total = 0
    for _, c, _ in td.containers():
        value = share(c)
        if value is None:
            continue
        number = whole_number(value)
        if number is None:
            return  # an unknown share: the total cannot be known
        total += number
    if total > task:
        what = "cpu units" if key == "cpu" else "MiB of memory"
        yield Problem((key,), f"the containers reserve {total} {what} in total, more than the task {key} {task}")
