"""What a parsed value is, and its normalised ECS API form.

Classification is by content, never by file name: a pre-commit hook sees every JSON/YAML file
of a repository and must skip what is not an ECS document quietly. Each Document carries its
value in the ECS API form (what RegisterTaskDefinition / CreateService take) and a function
from pointers in that form back to pointers in the user's file, so findings land on the
user's own lines whatever wrapper or format the file uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable

from ecslint.model import SERVICE, TASK_DEFINITION, Origin


@dataclass
class Document:
    kind: str  # TASK_DEFINITION | SERVICE
    origin: Origin
    data: dict  # the ECS API form
    to_source: Callable[[tuple], tuple]  # API pointer tokens → source pointer tokens
    label: str = ""  # "task definition web" / "service api"
    schema: str = ""  # schema name to validate `data` against
    schema_root: tuple = ()  # where in `data` the schema applies
    extra_fields: list = field(default_factory=list)  # describe-output fields found (API pointers)
    unknown: object = None  # predicate: API pointer tokens → value cannot be known (templating)
    # Infrastructure-as-code facts (ecslint.formats): CloudFormation sets them, others keep the defaults.
    not_required: frozenset = frozenset()  # root API members the format supplies itself (CFN: family)
    logical_id: str | None = None  # the template resource this document came from
    task_definition_ref: str | None = None  # service → logical id of its task definition resource
    subnet_azs: dict = field(default_factory=dict)  # subnet → AZ facts from the same template
    # In-file suppressions [(rule id or name, reason)], e.g. a CloudFormation resource's
    # Metadata.ecslint.ignore; the engine marks matching findings as suppressed with the reason.
    suppressions: list = field(default_factory=list)
    # sensitive texts (Terraform sensitive values) never to echo in a message: a Redactor
    redact: object = ()
    miscased: list = field(default_factory=list)  # CloudFormation keys in the wrong case: (API pointer, key, spelling)


def longest_mapped_prefix(pmap: dict, tokens: tuple):
    """(source pointer of the longest mapped prefix of `tokens`, the unmapped rest), or
    (None, tokens): how the CloudFormation and Terraform mappers place an API pointer."""
    for i in range(len(tokens), -1, -1):
        hit = pmap.get(tokens[:i])
        if hit is not None:
            return hit, tokens[i:]
    return None, tokens


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


# Names that only ECS documents (and templates holding them) use. A file that does not parse
# is reported only when its text shows one of these: a JSONC tsconfig.json or a Helm template
# in the same repository is not ours to judge, and a pre-commit hook must stay quiet on it.
_ECS_MARKERS = re.compile(
    r"containerDefinitions|taskDefinition|serviceName|requiresCompatibilities|portMappings|"
    r"logConfiguration|networkConfiguration|awsvpcConfiguration|executionRoleArn|taskRoleArn|"
    r"AWS::ECS::|aws_ecs_|\bfamily\"?\s*:|\"essential\"\s*:",
    re.IGNORECASE,
)


def looks_like_ecs(text: str) -> bool:
    """Whether unparsable text shows any sign of being an ECS document."""
    return _ECS_MARKERS.search(text) is not None


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


def classify(value, forced: str | None = None) -> tuple[list[Document], str]:
    """Documents found in one parsed value, and a reason when there are none (a skip)."""
    if isinstance(value, dict):
        from ecslint.formats import cloudformation

        if cloudformation.is_template(value):
            return cloudformation.documents(value, forced)
        from ecslint.formats import terraform

        if terraform.is_plan(value):
            return terraform.documents(value, forced)
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
