"""What a task definition or service references in its own template or module (issue 15): the
log group a container's `awslogs-group` names, the ECR repository its image comes from, and
the capacity providers the cluster of a service associates.

The CloudFormation, Terraform HCL and plan (`terraform_plan_links`) front ends call `link` with the template's (module's)
log groups and repositories; the facts land in `Document.related`, keyed by the API pointer
of the value that references them (`("containerDefinitions", 0, "image")`), and rules read
them from the view. A reference is followed only through the template/module reference
(`!Ref`, `!GetAtt`, `!Sub`, `!Join`; `aws_cloudwatch_log_group.x.name`,
`aws_ecr_repository.x.repository_url`) or a literal name equal to the resource's literal
name (one resource's: a name two share links to neither in Terraform); a fact that cannot be known stays UNKNOWN, never absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from ecslint.ecs.placeholders import UNKNOWN
from ecslint.ecs.related_facts import LogGroup, Repository

CFN_LOG_GROUP = "AWS::Logs::LogGroup"
CFN_REPOSITORY = "AWS::ECR::Repository"
TF_LOG_GROUP = "aws_cloudwatch_log_group"
TF_REPOSITORY = "aws_ecr_repository"
AWSLOGS_GROUP = "awslogs-group"


def _known(value):
    return UNKNOWN if isinstance(value, (dict, list)) else value


# --- CloudFormation ----------------------------------------------------------------------

def cfn_resources(resources: dict) -> tuple[dict, dict, dict]:
    """(log groups by logical id, repositories by logical id, logical id by literal name)."""
    groups, repos, names = {}, {}, {}
    for lid, res in resources.items():
        if not isinstance(res, dict) or res.get("Type") not in (CFN_LOG_GROUP, CFN_REPOSITORY):
            continue
        props: dict = res["Properties"] if isinstance(res.get("Properties"), dict) else {}
        if res["Type"] == CFN_LOG_GROUP:
            groups[lid] = LogGroup(lid, _known(props.get("RetentionInDays")), _known(props.get("KmsKeyId")))
            name = props.get("LogGroupName")
        else:
            scan = props.get("ImageScanningConfiguration")
            scan_on_push = _known(scan.get("ScanOnPush", False)) if isinstance(scan, dict) else (
                False if scan is None else UNKNOWN)
            if isinstance(scan_on_push, str) and scan_on_push.lower() in ("true", "false"):
                scan_on_push = scan_on_push.lower() == "true"
            repos[lid] = Repository(lid, _known(props.get("ImageTagMutability", "MUTABLE")), scan_on_push)
            name = props.get("RepositoryName")
        if isinstance(name, str):
            names[(res["Type"], name)] = lid
    return groups, repos, names


def _getatt(value):
    if isinstance(value, dict) and len(value) == 1 and "Fn::GetAtt" in value:
        att = value["Fn::GetAtt"]
        att = att.split(".", 1) if isinstance(att, str) else att
        if isinstance(att, list) and len(att) == 2 and all(isinstance(a, str) for a in att):
            return tuple(att)
    return None


_SUB_URI = re.compile(r"\$\{([A-Za-z0-9]+)\.RepositoryUri\}(?::([^${}]*))?\Z")
_SUB_REPO = re.compile(r"\$\{([A-Za-z0-9]+)\}(?::([^${}]*))?\Z")


def _sub_name(text: str):
    """`...dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repo}:tag` (Ref of a repository is its
    name), found without a regex that backtracks over the registry part."""
    at = text.find(".dkr.ecr.")
    slash = text.find("/", at) if at >= 0 else -1
    return _SUB_REPO.match(text, slash + 1) if slash >= 0 else None


def cfn_image(value, repos: dict):
    """(logical id, tag) of the template repository an image value names, or None."""
    att = _getatt(value)
    if att and att[0] in repos and att[1] == "RepositoryUri":
        return att[0], None  # no tag: Docker's implicit latest
    if isinstance(value, dict) and len(value) == 1 and "Fn::Sub" in value:
        sub = value["Fn::Sub"]
        text = sub if isinstance(sub, str) else sub[0] if isinstance(sub, list) and sub and isinstance(sub[0], str) else None
        m = (_SUB_URI.match(text) or _sub_name(text)) if text else None
        if m and m.group(1) in repos:
            return m.group(1), m.group(2) if m.group(2) is not None else None
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Fn::Join"), list):
        sep, parts = (value["Fn::Join"] + [None, None])[:2]
        if sep == ":" and isinstance(parts, list) and len(parts) == 2:
            att = _getatt(parts[0])
            if att and att[0] in repos and att[1] == "RepositoryUri":
                return att[0], parts[1] if isinstance(parts[1], str) else UNKNOWN
    return None


def cfn_log_group(value, groups: dict, names: dict):
    """The logical id of the template log group an awslogs-group value names, or None."""
    if isinstance(value, dict) and list(value) == ["Ref"] and value["Ref"] in groups:
        return value["Ref"]
    if isinstance(value, str):
        return names.get((CFN_LOG_GROUP, value))
    return None


_ECR_URI = re.compile(r"[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/([^:@]+)(?::([^@]*))?(@.*)?\Z")


def repository_name(image) -> str | None:
    """The repository of a literal private ECR image URI (account.dkr.ecr.region.amazonaws.com/name:tag)."""
    m = _ECR_URI.match(image) if isinstance(image, str) else None
    return m.group(1) if m else None


def image_tag(image):
    """The tag of a literal ECR image URI: a string, None (no tag), or UNKNOWN (a digest pins it)."""
    m = _ECR_URI.match(image)
    if m is None:
        return UNKNOWN
    return UNKNOWN if m.group(3) else m.group(2)


CFN_CLUSTER = "AWS::ECS::Cluster"
CFN_PROVIDER = "AWS::ECS::CapacityProvider"
CFN_ASSOCIATIONS = "AWS::ECS::ClusterCapacityProviderAssociations"


def cfn_clusters(resources: dict) -> tuple[dict, Callable]:
    """(cluster logical id → frozenset of the providers it associates, or None when one of
    them cannot be known; the function naming a provider value or a cluster value)."""
    names = {}
    for lid, res in resources.items():
        found = res.get("Properties") if isinstance(res, dict) else None
        if isinstance(found, dict) and res.get("Type") in (CFN_CLUSTER, CFN_PROVIDER):
            key = "ClusterName" if res["Type"] == CFN_CLUSTER else "Name"
            if isinstance(found.get(key), str):
                names[(res["Type"], found[key])] = lid

    def ident(value, rtype):
        """A provider (cluster) value → its name, or the template resource it is; None if unknown."""
        if isinstance(value, dict) and list(value) == ["Ref"] and isinstance(value["Ref"], str):
            res = resources.get(value["Ref"])
            return value["Ref"] if isinstance(res, dict) and res.get("Type") == rtype else None
        if isinstance(value, str):
            return names.get((rtype, value), value)
        return None

    out: dict = {}
    for lid, res in resources.items():
        if isinstance(res, dict) and res.get("Type") == CFN_CLUSTER:
            props: dict = res["Properties"] if isinstance(res.get("Properties"), dict) else {}
            out[lid] = _providers(props.get("CapacityProviders", []), ident)
    for res in resources.values():
        if not isinstance(res, dict) or res.get("Type") != CFN_ASSOCIATIONS:
            continue
        props = res["Properties"] if isinstance(res.get("Properties"), dict) else {}
        cluster = ident(props.get("Cluster"), CFN_CLUSTER)
        if cluster is None:  # an association we cannot place may be any cluster's
            out = dict.fromkeys(out)
            continue
        if cluster in out:
            more = _providers(props.get("CapacityProviders", []), ident)
            out[cluster] = None if more is None or out[cluster] is None else out[cluster] | more
    return out, ident


def _providers(values, ident):
    if not isinstance(values, list):
        return None
    got = [ident(v, CFN_PROVIDER) for v in values]
    return None if None in got else frozenset(got)


# --- Terraform HCL -----------------------------------------------------------------------

_TF_REPO = re.compile(r"(?<!data\.)\baws_ecr_repository\.([A-Za-z_][A-Za-z0-9_-]*)\.repository_url\b")
_TF_GROUP = re.compile(r"\baws_cloudwatch_log_group\.([A-Za-z_][A-Za-z0-9_-]*)\.name\b")
_TF_TAG = re.compile(r"\.repository_url\s*\}(?::([A-Za-z0-9_.-]*))?\"?\s*\Z")


_TF_CLUSTER = re.compile(r"aws_ecs_cluster\.([A-Za-z_][A-Za-z0-9_-]*)\.(?:id|arn|name)")
_TF_PROVIDER = re.compile(r"aws_ecs_capacity_provider\.([A-Za-z_][A-Za-z0-9_-]*)\.name")


def tf_ident(value, text: str, pattern, rtype: str, names: dict):
    """A cluster / provider value → its literal name (or the module resource with that name),
    or the resource its expression references; None when it cannot be known."""
    if isinstance(value, str) and "${" not in text:
        return names.get(value, value)
    m = pattern.fullmatch(text.strip())
    return f"{rtype}.{m.group(1)}" if m else None


def tf_log_group(values: dict, address: str) -> LogGroup:
    days = _known(values.get("retention_in_days"))
    return LogGroup(address, None if days in (None, 0) else days, _known(values.get("kms_key_id")))


def tf_repository(values: dict, address: str) -> Repository:
    """A repository's facts from its arguments (HCL) or values (plan); a value of the wrong
    shape is unknown, and null is the provider's default (MUTABLE, no scan on push)."""
    scan = values.get("image_scanning_configuration")
    if isinstance(scan, list) and scan and isinstance(scan[0], dict):
        on_push = _known(scan[0].get("scan_on_push", False))
    else:
        on_push = False if scan is None or scan == [] else UNKNOWN
    mutability = values.get("image_tag_mutability")
    return Repository(address, "MUTABLE" if mutability is None else _known(mutability), on_push)


def tf_image(text: str):
    """(resource name, tag) of the repository an image expression's source text names."""
    names = set(_TF_REPO.findall(text))
    if len(names) != 1:
        return None
    m = _TF_TAG.search(text.strip())
    if _TF_REPO.fullmatch(text.strip()):
        tag = None  # the bare URL: no tag, so "latest"
    else:
        tag = (m.group(1) or None) if m else UNKNOWN
    return names.pop(), tag


def tf_log_group_name(text: str):
    names = set(_TF_GROUP.findall(text))
    return names.pop() if len(names) == 1 else None


# --- both --------------------------------------------------------------------------------

def link(containers, find_group, find_image) -> dict:
    """API pointer → LogGroup / Repository for the containers of one task definition.
    `find_group(pointer)` and `find_image(pointer)` look up what the value at that API
    pointer references (None when it is no resource of the set)."""
    out: dict = {}
    for i, c in enumerate(containers if isinstance(containers, list) else []):
        if not isinstance(c, dict):
            continue
        image: tuple = ("containerDefinitions", i, "image")
        repo = find_image(image)
        if repo is not None:
            out[image] = repo
        opts = c.get("logConfiguration", {}).get("options") if isinstance(c.get("logConfiguration"), dict) else None
        if isinstance(opts, dict) and AWSLOGS_GROUP in opts:
            ptr = ("containerDefinitions", i, "logConfiguration", "options", AWSLOGS_GROUP)
            group = find_group(ptr)
            if group is not None:
                out[ptr] = group
    return out
