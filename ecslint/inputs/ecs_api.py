"""Front end for ECS API JSON/YAML: register-task-definition input (or a console export),
describe-task-definition output (wrapped or flattened), create/update-service input,
describe-services output, and bare container-definition arrays (Terraform's
container_definitions). It is the last front end asked: it takes whatever the others did not.
"""

from __future__ import annotations

from collections.abc import Callable

from ecslint.inputs import clusters, scaling_api
from ecslint.model import SERVICE, TASK_DEFINITION, Document, Origin

NAME = "ecs-api"
MARKERS = (r"containerDefinitions|clusterName|capacityProviders|autoScalingGroupProvider|externalId|taskDefinition|serviceName|requiresCompatibilities|portMappings|"
           r"logConfiguration|networkConfiguration|awsvpcConfiguration|executionRoleArn|taskRoleArn|"
           r"\bfamily\"?\s*:|\"essential\"\s*:")


def _prefixed(prefix: tuple) -> Callable[[tuple], tuple]:
    return lambda tokens: prefix + tuple(tokens)


# Keys that only a service (create/update input or describe output) has.
SERVICE_ONLY_KEYS = frozenset(
    {
        "serviceName", "desiredCount", "loadBalancers", "serviceRegistries", "deploymentConfiguration",
        "deploymentController", "schedulingStrategy", "healthCheckGracePeriodSeconds",
        "serviceConnectConfiguration", "enableExecuteCommand", "availabilityZoneRebalancing",
        "vpcLatticeConfigurations", "forceNewDeployment", "serviceArn", "deployments", "runningCount",
    }
)
# Keys that mark a run-task / start-task input, which is not a service.
RUN_TASK_KEYS = frozenset({"count", "overrides", "startedBy", "group", "referenceId"})
TASK_KEYS = frozenset({"containerDefinitions", "family"})
CONTAINER_KEYS = frozenset({"name", "image"})


# Keys only a task definition has, besides its two required ones.
TASK_ONLY_KEYS = frozenset({"requiresCompatibilities", "networkMode", "executionRoleArn", "taskRoleArn",
                            "runtimePlatform", "pidMode", "ipcMode", "ephemeralStorage", "proxyConfiguration",
                            "inferenceAccelerators", "volumes"})


def _is_task_definition(value) -> bool:
    return isinstance(value, dict) and (("containerDefinitions" in value and (
        isinstance(value["containerDefinitions"], list) or "family" in value)) or _misspelt_task_definition(value))


def _misspelt_task_definition(value: dict) -> bool:
    """A task definition whose containerDefinitions key is misspelt ("containerDefintions"): a
    family with another task-definition key, or a key close to containerDefinitions. Reported
    with the unknown key and the missing one rather than skipped as not ECS."""
    if not isinstance(value.get("family"), str) or "containerDefinitions" in value:
        return False
    if value.keys() & TASK_ONLY_KEYS:
        return True
    import difflib

    return any(isinstance(k, str) and difflib.SequenceMatcher(None, k.lower(), "containerdefinitions").ratio() > 0.8
               for k in value)


def _is_service(value) -> bool:
    if not isinstance(value, dict) or "containerDefinitions" in value:
        return False
    keys = value.keys()
    if keys & RUN_TASK_KEYS:
        return False
    if "serviceName" in value or "serviceArn" in value:
        return True
    if isinstance(value.get("service"), str) and keys & (SERVICE_ONLY_KEYS | {"taskDefinition"}):
        return True  # update-service input names the service in "service"
    return bool(keys & SERVICE_ONLY_KEYS)


def _is_container_array(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) > 0
        and all(isinstance(c, dict) for c in value)
        and all(CONTAINER_KEYS & c.keys() for c in value)
        and not any("containerDefinitions" in c for c in value)
    )


def _task_label(data) -> str:
    fam = data.get("family") if isinstance(data, dict) else None
    return f'task definition "{fam}"' if isinstance(fam, str) else "task definition"


def _service_label(data) -> str:
    name = data.get("serviceName") or data.get("service") if isinstance(data, dict) else None
    return f'service "{name}"' if isinstance(name, str) else "service"


_READONLY: dict = {}


def _readonly(kind: str) -> frozenset:
    if kind not in _READONLY:
        from ecslint.schema import readonly_fields

        _READONLY[kind] = frozenset(readonly_fields()[kind])
    return _READONLY[kind]


def task_definition(value: dict, prefix: tuple = (), wrapper_tags=None) -> Document:
    readonly = _readonly("task-definition")
    extra = [(k,) for k in value if k in readonly]
    origin = Origin.DESCRIBE if extra or prefix else Origin.REGISTER
    data = value
    to_source = _prefixed(prefix)
    if wrapper_tags is not None:
        # describe output keeps tags beside the task definition; register takes them inside.
        data = dict(value)
        data["tags"] = wrapper_tags
        to_source = lambda t: t if t[:1] == ("tags",) else prefix + tuple(t)  # noqa: E731
    return Document(TASK_DEFINITION, origin, data, to_source, _task_label(value),
                    "register-task-definition", (), extra)


def service(value: dict, prefix: tuple = (), origin: Origin | None = None) -> Document:
    if origin is None:
        # forceNewDeployment exists only in update-service input (deploy tools supply "service")
        update = ("service" in value or "forceNewDeployment" in value) and "serviceName" not in value
        origin = Origin.UPDATE if update else Origin.CREATE
    readonly = _readonly("service")
    extra = [(k,) for k in value if k in readonly]
    if extra and origin is Origin.CREATE:
        origin = Origin.DESCRIBE_SERVICES
    schema = "update-service" if origin is Origin.UPDATE else "create-service"
    return Document(SERVICE, origin, value, _prefixed(prefix), _service_label(value), schema, (), extra)


def container_definitions(value: list) -> Document:
    data = {"containerDefinitions": value}
    return Document(
        TASK_DEFINITION, Origin.CONTAINER_DEFINITIONS, data, lambda t: tuple(t[1:]),
        "container definitions", "container-definitions", ("containerDefinitions",),
    )


def detect(value) -> bool:
    """Every value is this front end's to judge (or to skip with a reason)."""
    return True


def documents(value, forced: str | None = None) -> tuple[list[Document], str]:
    """Documents found in one parsed value, and a reason when there are none (a skip)."""
    if isinstance(value, dict):
        td = value.get("taskDefinition")
        if forced in (None, TASK_DEFINITION) and isinstance(td, dict) and (
            _is_task_definition(td) or forced == TASK_DEFINITION
        ):
            tags = value.get("tags") if "tags" in value else None
            return [task_definition(td, ("taskDefinition",), tags)], ""
        services = value.get("services")
        if forced in (None, SERVICE) and isinstance(services, list) and services and all(
            isinstance(s, dict) for s in services
        ) and (forced == SERVICE or all(_is_service(s) for s in services)):
            return [service(s, ("services", i), Origin.DESCRIBE_SERVICES) for i, s in enumerate(services)], ""
        if forced == TASK_DEFINITION or (forced is None and _is_task_definition(value)):
            return [task_definition(value)], ""
        if forced in scaling_api.SCHEMAS:  # --kind scalable-target on a file without its PascalCase members
            return scaling_api.documents(value, forced)
        around = clusters.api_kind(value) if forced is None else forced if forced in clusters.SCHEMAS else None
        if around is not None:  # create-cluster, create-task-set... input
            return [Document(around, Origin.CREATE, value, _prefixed(()), clusters.label(around, value, ""),
                             clusters.SCHEMAS[around])], ""
        if forced == SERVICE or (forced is None and _is_service(value)):
            return [service(value)], ""
        if "version" in value and "task_definition" in value:
            return [], "an ecs-cli ecs-params file"
        return [], "not an ECS task or service definition"
    if isinstance(value, list):
        if forced == TASK_DEFINITION or (forced is None and _is_container_array(value)):
            return [container_definitions(value)], ""
        return [], "a list that is not an array of container definitions"
    if forced:
        return [], f"the document is a {type(value).__name__}, not an object"
    return [], "not an ECS task or service definition"
