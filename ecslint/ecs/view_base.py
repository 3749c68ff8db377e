"""What every view of a document offers (ecslint.ecs.views, ecslint.ecs.scaling): its data,
and what its origin lets a rule conclude. A module of its own so both view modules build on
it without importing each other."""

from __future__ import annotations

from ecslint.model import Origin


class DocumentView:
    """What every view offers: the data, and what the document's origin lets a rule conclude
    (rules ask these, never the origin itself)."""

    kind = ""

    def __init__(self, data: dict, origin: Origin, related: dict | None = None):
        self.data = data if isinstance(data, dict) else {}
        self.origin = origin
        # API pointer → what the value there references in the same template/module
        # (ecslint.ecs.related_facts.LogGroup / Repository); empty outside templates and modules
        self.related = related or {}

    def get(self, key, default=None):
        return self.data.get(key, default)

    @property
    def task_level_known(self) -> bool:
        """False for a bare container array: its task-level fields live elsewhere."""
        return self.origin.task_level_known

    @property
    def partial(self) -> bool:
        """update-service input: an absent field means "unchanged", not "not set"."""
        return self.origin.partial

    @property
    def observed(self) -> bool:
        """describe output: observed state, not a request."""
        return self.origin.observed

    @property
    def direct_request(self) -> bool:
        """The file is the API request itself (no deployer default fills what it omits)."""
        return self.origin.direct_request
