"""Read-only views over documents in the ECS API form, with the pointers rules report at.

Rules iterate containers, volumes and so on through these views so that the defaults AWS
applies (networkMode bridge, essential true, ...) are decided in one place.
"""

from __future__ import annotations

from ecslint.ecs.placeholders import is_unknown
from ecslint.ecs.view_base import DocumentView
from ecslint.model import SERVICE, TASK_DEFINITION, Origin


def known(value) -> bool:
    """False for values that cannot be known before deploy (placeholders, intrinsics)."""
    return value is not None and not is_unknown(value)


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}


class TaskDefinitionView(DocumentView):
    kind = TASK_DEFINITION

    def __init__(self, data: dict, origin: Origin = Origin.REGISTER, related: dict | None = None):
        super().__init__(data, origin, related)

    @property
    def family(self):
        fam = self.data.get("family")
        return fam if isinstance(fam, str) else None

    def containers(self):
        """(index, container, pointer) for every container object; worked out once per view
        (every container rule walks them: ~60 walks per task definition)."""
        found = self.__dict__.get("_containers")
        if found is None:
            found = self.__dict__["_containers"] = [
                (i, c, ("containerDefinitions", i))
                for i, c in enumerate(_list(self.data.get("containerDefinitions"))) if isinstance(c, dict)]
        return iter(found)

    def related_to_containers(self, kind):
        """(pointer, fact, container) for each fact of type `kind` (ecslint.ecs.related_facts)
        that a container's value references in the same template or module (`related`)."""
        for ptr, fact in self.related.items():
            if isinstance(fact, kind):
                yield ptr, fact, self.data["containerDefinitions"][ptr[1]]

    def container_names(self) -> set:
        return {c["name"] for _, c, _ in self.containers() if isinstance(c.get("name"), str)}

    @property
    def names_known(self) -> bool:
        """Whether every container name is known: only then is a name missing from
        container_names() proven absent (a `!Ref` or `${NAME}` name may be the one)."""
        containers = self.data.get("containerDefinitions")
        if not isinstance(containers, list):
            return False
        return all(isinstance(c, dict) and isinstance(c.get("name"), str) and known(c["name"])
                   for c in containers)

    @property
    def compatibilities(self) -> set:
        return {c for c in _list(self.data.get("requiresCompatibilities")) if isinstance(c, str)}

    @property
    def is_fargate(self) -> bool:
        return "FARGATE" in self.compatibilities

    @property
    def os_family(self):
        rp = _dict(self.data.get("runtimePlatform"))
        osf = rp.get("operatingSystemFamily")
        return osf if isinstance(osf, str) and known(osf) else None

    @property
    def is_windows(self) -> bool:
        return bool(self.os_family and self.os_family.startswith("WINDOWS"))

    @property
    def network_mode(self):
        """The effective network mode; None when it cannot be known. Absent means bridge."""
        mode = self.data.get("networkMode", "bridge")
        return mode if isinstance(mode, str) and mode and known(mode) else None  # "": unset, deployer-dependent

    def volumes(self):
        for i, v in enumerate(_list(self.data.get("volumes"))):
            if isinstance(v, dict):
                yield i, v, ("volumes", i)

    def efs_volumes(self):
        """(label, efsVolumeConfiguration, its pointer) for each EFS volume."""
        for _, v, ptr in self.volumes():
            efs = v.get("efsVolumeConfiguration")
            if isinstance(efs, dict):
                label = f'volume "{v["name"]}"' if isinstance(v.get("name"), str) else f"volume {ptr[1]}"
                yield label, efs, ptr + ("efsVolumeConfiguration",)


class ServiceView(DocumentView):
    kind = SERVICE

    def __init__(self, data: dict, origin: Origin = Origin.CREATE, related: dict | None = None):
        super().__init__(data, origin, related)

    @property
    def name(self):
        n = self.data.get("serviceName") or self.data.get("service")
        return n if isinstance(n, str) else None

    @property
    def awsvpc(self) -> dict:
        return _dict(_dict(self.data.get("networkConfiguration")).get("awsvpcConfiguration"))

    def load_balancers(self):
        for i, lb in enumerate(_list(self.data.get("loadBalancers"))):
            if isinstance(lb, dict):
                yield i, lb, ("loadBalancers", i)


class ResourceView(DocumentView):
    """A cluster, capacity provider, cluster/capacity-provider association or task set: rules
    read its API-form data (ecslint.ecs.labels.resource_label names it in messages)."""

    def __init__(self, data: dict, origin: Origin, kind: str):
        super().__init__(data, origin)
        self.kind = kind


def volume_label(v) -> str:
    """'volume "name"' for messages; "a volume without a name" when it has none."""
    name = v.get("name")
    return f'volume "{name}"' if isinstance(name, str) else "a volume without a name"


def whole_number(value):
    """An int for an integer value (not bool); None for anything else, unknowns included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def asks_for(value) -> bool:
    """A parameter value that requests something: not absent, false or empty, and known."""
    return value is not None and value is not False and value != [] and value != {} and known(value)


def shown_setting(key, value) -> str:
    """'"privileged": true' for a scalar value; just '"links"' for lists and objects."""
    import json

    return f'"{key}": {json.dumps(value)}' if isinstance(value, (bool, int, float, str)) else f'"{key}"'


def view_of(doc):
    """The view a check gets of a Document (ecslint.model), by its kind."""
    from ecslint.model import SCALABLE_TARGET, SCALING_POLICY

    if doc.kind == TASK_DEFINITION:
        return TaskDefinitionView(doc.data, doc.origin, doc.related)
    if doc.kind == SERVICE:
        return ServiceView(doc.data, doc.origin, doc.related)
    if doc.kind in (SCALABLE_TARGET, SCALING_POLICY):
        from ecslint.ecs.scaling import ScalingView  # a scalable target or policy, with its file's links

        return ScalingView(doc.data, doc.origin, doc.links, doc.label)
    return ResourceView(doc.data, doc.origin, doc.kind)  # a cluster, capacity provider, association or task set
