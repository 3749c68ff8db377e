"""The Fargate task-size table (RULES.md §3.1) — the only copy in ecslint.

Task-level ``cpu`` is in CPU units (1024 = 1 vCPU), ``memory`` in MiB. At
registration AWS also accepts ``"1 vCPU"`` / ``"1 vcpu"`` and ``"1GB"`` / ``"1 GB"``
and normalises them; CloudFormation passes numbers. Parse first, then compare.
"""

from __future__ import annotations

import re

from .placeholders import is_unknown

LINUX = "LINUX"
WINDOWS = "WINDOWS"


def _steps(first: int, last: int, step: int) -> tuple[int, ...]:
    return tuple(range(first, last + 1, step))


# (cpu units, allowed memory in MiB, operating systems, minimum Linux platform version)
FARGATE_SIZES: tuple[tuple[int, tuple[int, ...], tuple[str, ...], str | None], ...] = (
    (256, (512, 1024, 2048), (LINUX,), None),
    (512, _steps(1024, 4096, 1024), (LINUX,), None),
    (1024, _steps(2048, 8192, 1024), (LINUX, WINDOWS), None),
    (2048, _steps(4096, 16384, 1024), (LINUX, WINDOWS), None),
    (4096, _steps(8192, 30720, 1024), (LINUX, WINDOWS), None),
    (8192, _steps(16384, 61440, 4096), (LINUX,), "1.4.0"),
    (16384, _steps(32768, 122880, 8192), (LINUX,), "1.4.0"),
    # 32 vCPU: exactly 60, 120 and 244 GB. AWS does not state a platform version;
    # like 8 and 16 vCPU it can only exist on 1.4.0 (RULES.md §3.1 †).
    (32768, (61440, 122880, 249856), (LINUX,), "1.4.0"),
)

_ROWS = {row[0]: row for row in FARGATE_SIZES}

_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_INT_RE = re.compile(r"\d+")
_VCPU_RE = re.compile(_NUMBER + r"\s*vcpu", re.IGNORECASE)
_GB_RE = re.compile(_NUMBER + r"\s*gb", re.IGNORECASE)


def _scaled(value: object, unit_re: re.Pattern, factor: int) -> int | None:
    """Integer, integral float, digit string, or "<number> <unit>" scaled by factor."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if not isinstance(value, str) or is_unknown(value):
        return None
    text = value.strip()
    if len(text) > 32:  # no task size has that many digits; int() would refuse beyond 4,300
        return None
    if _INT_RE.fullmatch(text):
        return int(text)
    m = unit_re.fullmatch(text)
    if m is None:
        return None
    scaled = float(m.group(1)) * factor
    return int(scaled) if scaled.is_integer() else None


def parse_cpu(value: object) -> int | None:
    """Task-level cpu as CPU units: 256, "256", "1 vCPU", ".5 vcpu", "2vCPU"; else None."""
    return _scaled(value, _VCPU_RE, 1024)


def parse_memory(value: object) -> int | None:
    """Task-level memory in MiB: 512, "512", "1 GB", "1gb", "0.5 GB"; else None."""
    return _scaled(value, _GB_RE, 1024)


def os_of(os_family: object) -> str:
    """LINUX or WINDOWS for a runtimePlatform.operatingSystemFamily (None = Linux)."""
    if isinstance(os_family, str) and os_family.upper().startswith("WINDOWS_SERVER"):
        return WINDOWS
    return LINUX


def cpu_options(os_family: object = None) -> tuple[int, ...]:
    """The Fargate cpu sizes available for that operating system."""
    os_ = os_of(os_family)
    return tuple(cpu for cpu, _, oses, _ in FARGATE_SIZES if os_ in oses)


def memory_options(cpu_units: int, os_family: object) -> tuple[int, ...]:
    """Allowed memory (MiB) for that cpu and OS; empty when the cpu is not a size."""
    row = _ROWS.get(cpu_units)
    if row is None or os_of(os_family) not in row[2]:
        return ()
    return row[1]


def min_platform_version(cpu_units: int) -> str | None:
    """The lowest Linux platform version a size needs ("1.4.0" for 8/16/32 vCPU)."""
    row = _ROWS.get(cpu_units)
    return row[3] if row else None


def _show(value: object) -> str:
    if isinstance(value, str):
        return '"' + (value if len(value) <= 40 else value[:37] + "...") + '"'
    return str(value)


def _either(values) -> str:
    """1024, 2048 or 4096."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _describe_memory(options: tuple[int, ...]) -> str:
    steps = {b - a for a, b in zip(options, options[1:])}
    if len(options) > 8 and len(steps) == 1:
        return f"{options[0]} to {options[-1]} MiB in steps of {steps.pop()}"
    return _either(options) + " MiB"


def check_size(cpu: object, memory: object, os_family: object = None) -> str | None:
    """Why task-level cpu/memory (raw values) are not a Fargate size, or None.

    Placeholders and unknown values are never reported; an unknown
    operating system family is treated as Linux (the default).
    """
    if cpu is None and memory is None:
        return 'task-level "cpu" and "memory" are missing'
    if cpu is None:
        return 'task-level "cpu" is missing'
    if memory is None:
        return 'task-level "memory" is missing'
    cpu_units = None if is_unknown(cpu) else parse_cpu(cpu)
    if cpu_units is None and not is_unknown(cpu):
        return (f'"cpu" {_show(cpu)} is not a valid value; use CPU units such as "1024"'
                ' or vCPU such as "1 vCPU"')
    mib = None if is_unknown(memory) else parse_memory(memory)
    if mib is None and not is_unknown(memory):
        return (f'"memory" {_show(memory)} is not a valid value; use MiB such as "2048"'
                ' or GB such as "2 GB"')
    windows = os_of(os_family) == WINDOWS
    sizes = _either(cpu_options(os_family))
    if cpu_units is not None and cpu_units not in _ROWS:
        return (f'cpu {_show(cpu)} is not a Fargate size; Fargate{" Windows" if windows else ""}'
                f" tasks take {sizes} cpu units")
    if cpu_units is not None and not memory_options(cpu_units, os_family):
        return (f"cpu {_show(cpu)} is not available for Windows on Fargate; Windows tasks"
                f" take {sizes} cpu units")
    if cpu_units is None or mib is None:
        # One side is a placeholder: judge the other alone, never the placeholder.
        if mib is not None and not any(mib in memory_options(c, os_family)
                                       for c in cpu_options(os_family)):
            return f"memory {_show(memory)} is not a Fargate size for any cpu"
        return None
    options = memory_options(cpu_units, os_family)
    if mib not in options:
        return (f"cpu {_show(cpu)} with memory {_show(memory)} is not a Fargate size;"
                f" {cpu_units} cpu units allow {_describe_memory(options)}")
    return None


def parse_platform_version(value: object) -> tuple[int, ...] | None:
    """(1, 4, 0) for "1.4.0"; None for LATEST, placeholders and anything else."""
    if not isinstance(value, str) or is_unknown(value) or not re.fullmatch(r"\d+(\.\d+){0,2}", value.strip()):
        return None
    return tuple(int(p) for p in value.strip().split("."))
