"""What a plan's task definitions and services reference in their own module (issue 15), as
`terraform_hcl` links them in source: a container's log group and ECR repository, and the
capacity providers a service's cluster associates (`Document.related`, ecslint.inputs.related).

A plan has the values, not the source text: a reference is followed through the module's
`configuration` expression (`cluster = aws_ecs_cluster.c.id`: known after apply, but its
`references` name the resource) or a literal value equal to a resource's name in the same
module (a log group's `name`, a repository's `name` or `repository_url`, a cluster's or
capacity provider's `name`), which is what a reference resolves to once known. A name two
resources of the module share links to neither; a value known only after apply stays unknown.
"""

from __future__ import annotations

from dataclasses import replace

from ecslint.ecs.placeholders import UNKNOWN
from ecslint.ecs.related_facts import ClusterProviders
from ecslint.inputs import related
from ecslint.model import SERVICE, TASK_DEFINITION

_CLUSTER, _PROVIDER, _ASSOC = "aws_ecs_cluster", "aws_ecs_capacity_provider", "aws_ecs_cluster_capacity_providers"
# The values a reference to the resource resolves to (a known cluster's id is its ARN).
_NAMED_BY = {related.TF_REPOSITORY: ("name", "repository_url"), _CLUSTER: ("name", "id", "arn")}


def _module(address: str, rtype: str) -> str | None:
    """module.a.aws_ecs_cluster.c → "module.a."; None for an indexed instance (which of them a
    reference means is not known)."""
    if "[" in address.rsplit(".", 1)[-1]:
        return None
    at = address.rfind(rtype + ".")
    return address[:at] if at >= 0 else None


def _values(res: dict, unknown) -> dict:
    """The resource's values with those known only after apply as UNKNOWN."""
    values = dict(res.get("values") or {}) if isinstance(res.get("values"), dict) else {}
    if isinstance(unknown, dict):
        for key, mark in unknown.items():
            if mark is True:
                values[key] = UNKNOWN
    return values


def _name_table(entries) -> dict:
    """(module, name) → address, leaving out names two resources share."""
    out: dict = {}
    for key, address in entries:
        out[key] = address if out.get(key, address) == address else None  # id and arn are one value
    return {k: v for k, v in out.items() if v is not None}


class _Resources:
    def __init__(self, resources, changes: dict, expressions: dict):
        self.by_address: dict = {}  # address → (type, module prefix, values)
        self.expressions = expressions
        names = []
        for res, _ in resources:
            rtype, address = res.get("type"), res.get("address")
            if res.get("mode", "managed") != "managed" or not isinstance(address, str) or not isinstance(rtype, str):
                continue
            module = _module(address, rtype)
            if module is None:
                continue
            values = _values(res, (changes.get(address) or {}).get("after_unknown"))
            self.by_address[address] = (rtype, module, values)
            for key in _NAMED_BY.get(rtype, ("name",)):
                if isinstance(values.get(key), str) and values[key]:
                    names.append(((rtype, module, values[key]), address))
        self.names = _name_table(names)

    def of_type(self, rtype: str):
        return [(a, m, v) for a, (t, m, v) in self.by_address.items() if t == rtype]

    def reference(self, address: str, path: tuple, rtype: str, module: str) -> str | None:
        """The one resource of rtype an argument's configuration expression references."""
        expr = self.expressions.get(address)
        for key in path:
            if isinstance(expr, dict):
                expr = expr.get(key)
            elif isinstance(expr, list) and isinstance(key, int) and key < len(expr):
                expr = expr[key]
            else:
                return None
        refs = expr.get("references") if isinstance(expr, dict) else None
        found = {f"{module}{rtype}.{r.split('.')[1]}" for r in refs or []
                 if isinstance(r, str) and r.startswith(rtype + ".") and r.count(".") >= 1 and "[" not in r}
        return found.pop() if len(found) == 1 else None

    def ident(self, value, address: str, path: tuple, rtype: str, module: str) -> str | None:
        """A cluster / provider value → the module resource with that name, or the literal
        name; the referenced resource when the value is known only after apply; else None."""
        if isinstance(value, str) and value:
            return self.names.get((rtype, module, value), value)
        return self.reference(address, path, rtype, module) if value is UNKNOWN else None


def configuration_resources(plan):
    """(module address prefix, resource) for every resource of the plan's `configuration`,
    the root module's and those of the modules it calls ("module.x." prefixes)."""
    def walk(module, prefix):
        if not isinstance(module, dict):
            return
        for res in module.get("resources") or []:
            if isinstance(res, dict):
                yield prefix, res
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                yield from walk(call.get("module"), f"{prefix}module.{name}.")

    config = plan.get("configuration")
    yield from walk(config.get("root_module") if isinstance(config, dict) else None, "")


def expressions(plan: dict) -> dict:
    """Resource address (no index) → its `expressions` in the plan's configuration."""
    return {prefix + res["address"]: res.get("expressions") or {}
            for prefix, res in configuration_resources(plan) if isinstance(res.get("address"), str)}


def link(docs: list, resources, changes: dict, expressions: dict) -> None:
    """Sets `related` on the plan's task definitions and services."""
    if not any(d.kind in (TASK_DEFINITION, SERVICE) for d in docs):
        return
    found = _Resources(resources, changes, expressions)
    for doc in docs:
        entry = found.by_address.get(doc.address or "")
        if entry is None:
            continue
        if doc.kind == TASK_DEFINITION:
            doc.related = _containers(doc, entry[1], found)
        elif doc.kind == SERVICE:
            doc.related = _strategy(doc, entry[1], entry[2], found)


def _containers(doc, module: str, found: _Resources) -> dict:
    groups = {a: related.tf_log_group(v, a) for a, m, v in found.of_type(related.TF_LOG_GROUP) if m == module}
    repos = {a: related.tf_repository(v, a) for a, m, v in found.of_type(related.TF_REPOSITORY) if m == module}
    if not groups and not repos:
        return {}
    containers = doc.data.get("containerDefinitions")

    def value(ptr):
        node = containers
        for key in ptr[1:]:
            node = node[key] if isinstance(node, (dict, list)) else None
        return node

    def find_group(ptr):
        name = value(ptr)
        return groups.get(found.names.get((related.TF_LOG_GROUP, module, name), "")) if isinstance(name, str) else None

    def find_image(ptr):
        image = value(ptr)
        if not isinstance(image, str):
            return None
        name = related.repository_name(image)
        address = found.names.get((related.TF_REPOSITORY, module, name)) if name else None
        return replace(repos[address], tag=related.image_tag(image)) if address in repos else None

    return related.link(containers, find_group, find_image)


def _providers(values, address: str, path: tuple, module: str, found: _Resources):
    """The providers a capacity_providers list names (frozenset), or None when one of them is unknown."""
    if values is None or values == []:
        return frozenset()
    if not isinstance(values, list):
        return None
    got = [found.ident(v, address, path, _PROVIDER, module) if isinstance(v, str) else None for v in values]
    return None if None in got else frozenset(got)


def _strategy(doc, module: str, values: dict, found: _Resources) -> dict:
    strategy = values.get("capacity_provider_strategy")
    if not isinstance(strategy, list) or not strategy:
        return {}
    clusters = {a: _providers(v.get("capacity_providers"), a, ("capacity_providers",), module, found)
                for a, m, v in found.of_type(_CLUSTER) if m == module}
    for a, m, v in found.of_type(_ASSOC):
        if m != module:
            continue
        cluster = found.ident(v.get("cluster_name"), a, ("cluster_name",), _CLUSTER, module)
        if cluster is None:
            clusters = dict.fromkeys(clusters)  # it may be any cluster's
        elif cluster in clusters and clusters[cluster] is not None:
            more = _providers(v.get("capacity_providers"), a, ("capacity_providers",), module, found)
            clusters[cluster] = None if more is None else clusters[cluster] | more
    cluster = found.ident(values.get("cluster"), doc.address, ("cluster",), _CLUSTER, module)
    associated = clusters.get(cluster) if cluster else None
    if cluster is None or associated is None:
        return {}
    out: dict = {}
    for i, item in enumerate(strategy):
        if not isinstance(item, dict):
            continue
        # literal names only: the blocks are a set, whose order in the values is not the source's
        name = item.get("capacity_provider")
        provider = found.names.get((_PROVIDER, module, name), name) if isinstance(name, str) and name else None
        if provider is not None:
            out[("capacityProviderStrategy", i, "capacityProvider")] = ClusterProviders(cluster, provider, associated)
    return out
