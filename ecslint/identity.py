"""A finding's stable identity: the document and the node it is about, with list elements
named the way a reader names them (container "app", variable DB_PASSWORD) instead of by
position, so a container inserted at index 0 does not change the identity of the others'
findings. Baselines and SARIF partialFingerprints are keyed by it.

`"{document}#{pointer}"`: the document is its CloudFormation logical id or Terraform address
(empty for a plain JSON/YAML file, which is named by its path); the pointer is the API-form
JSON pointer with each named element as a `member=value` token, e.g.
`TaskDef#/containerDefinitions/name=app/environment/name=DB_PASSWORD`. An element whose
name is not known (an intrinsic function, a value known only after apply, a placeholder a
deploy tool fills in, no name at all) keeps its index. Maps (dockerLabels, logConfiguration
options) are keyed by name already. A plain file's documents share the empty document
identity: two equal findings in them are told apart by the baseline's counts.
"""

from __future__ import annotations

from ecslint.ecs.placeholders import is_unknown
from ecslint.model import pointer_str

# API list property → the members that name an element, tried in order; the first member of
# each choice must be known, later ones are added when known (a port mapping's protocol).
NAMED_BY: dict[str, tuple[tuple[str, ...], ...]] = {
    "containerDefinitions": (("name",),),
    "environment": (("name",),),
    "secrets": (("name",),),
    "ulimits": (("name",),),
    "extraHosts": (("hostname",),),
    "systemControls": (("namespace",),),
    "portMappings": (("name",), ("containerPort", "protocol")),
    "mountPoints": (("sourceVolume", "containerPath"),),
    "dependsOn": (("containerName",),),
    "volumes": (("name",),),
    "volumeConfigurations": (("name",),),
    "tags": (("key",),),
}


def finding_identity(doc, tokens: tuple) -> str:
    """The identity of a finding at API pointer `tokens` of a Document."""
    return f"{doc.address or ''}#{stable_pointer(doc.data, tokens)}"


def stable_pointer(data, tokens: tuple) -> str:
    out: list = []
    node, key = data, None
    for tok in tokens:
        if isinstance(node, list) and isinstance(tok, int):
            element = node[tok] if 0 <= tok < len(node) else None
            out.append(_name(key, element) or tok)
            node = element
        else:
            out.append(tok)
            node = node.get(tok) if isinstance(node, dict) else None
        key = tok
    return pointer_str(out)


def _known(value) -> bool:
    """A plain name: not a placeholder a deploy tool fills in (its value is not known)."""
    if isinstance(value, str):
        return value != "" and not is_unknown(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _name(key, element) -> str | None:
    if not isinstance(element, dict):
        return None
    for members in NAMED_BY.get(key, ()) if isinstance(key, str) else ():
        first = element.get(members[0])
        if _known(first):
            if len(members) == 1:  # nearly every list: one naming member, already known
                return f"{members[0]}={first}"
            return ",".join(f"{m}={element[m]}" for m in members if _known(element.get(m)))
    return None
