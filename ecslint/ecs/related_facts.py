"""The facts a template or module gives about what a task definition or service references
(its log group, its image's repository, its cluster's capacity providers), as the rules read
them from a view's `related`. Kept apart from the front ends that find them
(ecslint.inputs.related), so a rule imports these small types, not the linking code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecslint.ecs.placeholders import UNKNOWN


@dataclass(frozen=True)
class LogGroup:
    ref: str  # logical id or address, for messages
    retention: object  # days, None (never expire), or UNKNOWN
    kms_key: object  # the key, None, or UNKNOWN


@dataclass(frozen=True)
class Repository:
    ref: str
    mutability: object  # MUTABLE (also when absent), IMMUTABLE, *_WITH_EXCLUSION, or UNKNOWN
    scan_on_push: object  # True / False (also when absent) / UNKNOWN
    tag: object = UNKNOWN  # the tag the image asks for: a string, None (no tag: "latest"), UNKNOWN


@dataclass(frozen=True)
class ClusterProviders:
    """A capacity provider strategy item of a service and what its cluster associates."""

    cluster: str  # the cluster's logical id or address
    provider: str  # the item's provider: its name, or the capacity provider resource's id
    associated: frozenset  # every provider the cluster associates in the set (same spelling)
