"""Container image references (Docker reference grammar) and what ECS accepts.

``[registry/]repository[:tag][@digest]``: the first path component is a
registry when it contains "." or ":", is "localhost", or has an upper-case
letter (Docker's own rule); the tag follows the last ":" of the last path
component; the digest follows "@". No registry means Docker Hub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .placeholders import PLACEHOLDER_PATTERNS, is_placeholder

IMAGE_NAME_MAX = 255  # ECS limit on the image before any "@digest" (RULES.md §3.2)
MUTABLE_TAGS = ("latest",)  # tags that move by design; other tags count as pinned

_DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")
# Private ECR: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn], and the
# dual-stack (IPv6) endpoint <account>.dkr-ecr.<region>.on.aws.
_PRIVATE_ECR_RE = re.compile(
    r"(?:\d{12}|\x00)\.(?:dkr\.ecr(?:-fips)?\.(?:[a-z0-9-]+|\x00)\.amazonaws\.com(?:\.cn)?"
    r"|dkr-ecr\.(?:[a-z0-9-]+|\x00)\.on\.aws)"
)
PUBLIC_ECR_REGISTRY = "public.ecr.aws"
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class ImageRef:
    registry: str | None  # None: Docker Hub
    repository: str
    tag: str | None
    digest: str | None  # whatever follows "@", checked by digest_problem


def parse_image(ref: str) -> ImageRef | None:
    """Split an image reference; None for non-strings, empty refs, placeholders, and
    refs with an empty path component or tag, white space or several "@"."""
    if not isinstance(ref, str) or not ref or is_placeholder(ref):
        return None
    if _SPACE.search(ref) or ref.count("@") > 1:
        return None
    name, at, digest = ref.partition("@")
    registry = None
    first, slash, rest = name.partition("/")
    if slash and _is_registry(first):
        registry, name = first, rest
    head, _, last = name.rpartition("/")
    repo_last, colon, tag = last.partition(":")
    repository = f"{head}/{repo_last}" if head else repo_last
    if "" in name.split("/") or not repo_last or (colon and not tag):
        return None
    return ImageRef(registry, repository, tag if colon else None, digest if at else None)


def _is_registry(component: str) -> bool:
    return "." in component or ":" in component or component == "localhost" or (
        component != component.lower())


def _registry_text(value: str) -> str:
    """Lower-cased host with each placeholder replaced by a NUL wildcard."""
    for _, pattern in PLACEHOLDER_PATTERNS:
        value = pattern.sub("\x00", value)
    return value.lower()


def is_private_ecr(registry: str | None) -> bool:
    """A private Amazon ECR registry host (placeholders may stand for account or region)."""
    return isinstance(registry, str) and bool(_PRIVATE_ECR_RE.fullmatch(_registry_text(registry)))


def is_ecr_registry(registry: str | None) -> bool:
    """Private ECR or ECR Public (public.ecr.aws)."""
    return is_private_ecr(registry) or (
        isinstance(registry, str) and registry.lower() == PUBLIC_ECR_REGISTRY)


def is_private_ecr_image(ref: str) -> bool:
    """The image is pulled from private ECR, even when the reference is templated
    (``${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}``)."""
    if not isinstance(ref, str) or "/" not in ref:
        return False
    return is_private_ecr(ref.split("/", 1)[0])


def mutable_tag_problem(ref: str) -> str | None:
    """Why the image may change under the same reference, or None (digest, pinned
    tag, placeholder, unparsable)."""
    image = parse_image(ref)
    if image is None or image.digest is not None:
        return None
    if image.tag is None:
        return 'has no tag, so it resolves to "latest"'
    if image.tag in MUTABLE_TAGS:
        return f'uses the mutable tag "{image.tag}"'
    return None


def digest_problem(ref: str) -> str | None:
    """What ECS would reject in the image string: a name over 255 characters before
    any "@", or a digest that is not "sha256:" plus 64 lowercase hex digits."""
    if not isinstance(ref, str) or is_placeholder(ref):
        return None
    name, at, digest = ref.partition("@")
    if len(name) > IMAGE_NAME_MAX:
        where = ' before "@"' if at else ""
        return f"the image name is {len(name)} characters long{where}; the limit is {IMAGE_NAME_MAX}"
    if at and not _DIGEST_RE.fullmatch(digest):
        if not digest:
            return 'has "@" but no digest after it'
        return 'has a malformed digest; ECS accepts only "sha256:" followed by 64 lowercase hex digits'
    return None
