"""ARNs, and the syntax of ``secrets[].valueFrom`` (RULES.md §3.4).

valueFrom takes a Secrets Manager secret ARN, optionally followed by
``:<json-key>:<version-stage>:<version-id>`` (empty segments allowed, stage and id
exclusive), an SSM parameter ARN, or a bare SSM parameter name (same region only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .placeholders import is_slot_placeholder, is_unknown

_PARTITION_RE = re.compile(r"aws(?:-[a-z]+)*")  # aws, aws-cn, aws-us-gov, aws-iso-b...
_SERVICE_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_ACCOUNT_RE = re.compile(r"\d{12}")
# SSM parameter names: letters, digits, "." "-" "_" and "/" for hierarchies.
_SSM_NAME_RE = re.compile(r"[A-Za-z0-9_.\-/]+")
SSM_NAME_MAX = 2048  # a full parameter ARN is at most 2048 characters

SECRET_FORM = "arn:aws:secretsmanager:<region>:<account>:secret:<name>[:<json-key>:<version-stage>:<version-id>]"


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str


def parse_arn(s: object) -> Arn | None:
    """``arn:partition:service:region:account:resource`` or None (placeholders too)."""
    if not isinstance(s, str) or is_unknown(s):
        return None
    parts = s.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    _, partition, service, region, account, resource = parts
    if not (_PARTITION_RE.fullmatch(partition) and _SERVICE_RE.fullmatch(service) and resource):
        return None
    return Arn(partition, service, region, account, resource)


def _where_problem(arn: Arn, what: str) -> str | None:
    if not arn.region:
        return f"the {what} ARN has no region"
    if not _ACCOUNT_RE.fullmatch(arn.account) and not is_slot_placeholder(arn.account, "account"):
        return f"the {what} ARN's account must be 12 digits"
    return None


def _secretsmanager_problem(arn: Arn) -> str | None:
    kind, _, rest = arn.resource.partition(":")
    if kind != "secret":
        return 'a Secrets Manager ARN in "valueFrom" must name a secret (":secret:<name>")'
    parts = rest.split(":")
    if not parts[0]:
        return "the Secrets Manager ARN has no secret name"
    if len(parts) > 4:
        return f"the Secrets Manager ARN has too many ':' segments; the form is {SECRET_FORM}"
    _, stage, version_id = (parts + ["", "", ""])[1:4]
    if stage and version_id:
        return "the Secrets Manager ARN sets both a version stage and a version id; use only one"
    return _where_problem(arn, "Secrets Manager")


def _ssm_problem(arn: Arn) -> str | None:
    kind, slash, name = arn.resource.partition("/")
    if kind != "parameter" or not slash:
        return 'an SSM ARN in "valueFrom" must name a parameter (":parameter/<name>")'
    if not _SSM_NAME_RE.fullmatch(name):
        return "the SSM parameter ARN has an empty or invalid parameter name"
    return _where_problem(arn, "SSM parameter")


def secret_value_from_problem(value_from: str) -> str | None:
    """Why a ``secrets[].valueFrom`` cannot work, or None (valid, placeholder, unknown,
    or not a string — types are the schema's job)."""
    if not isinstance(value_from, str) or is_unknown(value_from):
        return None
    if not value_from:
        return '"valueFrom" is empty'
    if value_from != value_from.strip():
        return '"valueFrom" has leading or trailing white space'
    if value_from.startswith("arn:"):
        arn = parse_arn(value_from)
        if arn is None:
            return '"valueFrom" is not a well-formed ARN'
        if arn.service == "secretsmanager":
            return _secretsmanager_problem(arn)
        if arn.service == "ssm":
            return _ssm_problem(arn)
        return (f'"valueFrom" is an ARN for "{arn.service}"; it must be a Secrets Manager'
                " secret or an SSM parameter")
    if len(value_from) > SSM_NAME_MAX or not _SSM_NAME_RE.fullmatch(value_from):
        return ('"valueFrom" is neither an ARN nor a valid SSM parameter name (letters,'
                ' digits, ".", "-", "_" and "/")')
    if "/" in value_from and not value_from.startswith("/"):
        # A hierarchical parameter name has a leading "/" (SSM PutParameter, Name): without it
        # the name is neither a Secrets Manager secret (which needs a full ARN) nor a parameter.
        return (f'"valueFrom" is a parameter path without its leading "/"; an SSM parameter name '
                f'with "/" starts with "/" ("/{value_from}")')
    return None


def task_definition_family(ref) -> str | None:
    """The family a service's taskDefinition names: family, family:revision or an ARN."""
    if not isinstance(ref, str) or not ref:
        return None
    if ref.startswith("arn:"):
        ref = ref.rsplit("/", 1)[-1]
    return ref.split(":", 1)[0] or None
