"""The cross-document stage for cluster CLI input: a service input file's capacity provider
strategy is checked against the providers a `put-cluster-capacity-providers` or `create-cluster`
input file of the same run associates with its cluster, as a template links them by reference
(ecslint.ecs.related_facts.ClusterProviders, read by capacity-provider-not-associated).

The service names its cluster by `cluster` (a name or an ARN ending in it; none is the
default cluster); the cluster file by `cluster` / `clusterName`. put-cluster-capacity-providers
replaces the whole set, so its file wins over a create-cluster file of the same cluster; a
create-cluster file without `capacityProviders` is not read as "none associated" (providers
are usually put afterwards), nor is a list holding a value that is not a literal name. With
several candidates, those in the service file's directory are preferred, and only a unique one
is used: two files that may describe the cluster are not guessed between.

Each file's own lint already ran the service rules without links; here they run again with
the links, and only the findings the links add are reported.
"""

from __future__ import annotations

import os

from ecslint.model import CLUSTER, CLUSTER_CAPACITY_PROVIDERS, SERVICE, Finding, Origin

_CLI_SERVICE = (Origin.CREATE, Origin.UPDATE)  # describe-services output names its cluster by clusterArn


def _cluster_name(value) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value.rsplit("/", 1)[-1] or None


def record(result, doc) -> None:
    """Keep a cluster file's associations in its FileResult: (cluster, replaces, providers)."""
    if doc.origin is not Origin.CREATE or doc.kind not in (CLUSTER, CLUSTER_CAPACITY_PROVIDERS):
        return
    name = _cluster_name(doc.data.get("clusterName" if doc.kind == CLUSTER else "cluster"))
    providers = doc.data.get("capacityProviders")
    if name is None or not isinstance(providers, list) or not all(isinstance(p, str) and p for p in providers):
        return
    result.cluster_providers.append((name, doc.kind == CLUSTER_CAPACITY_PROVIDERS, frozenset(providers)))


def _candidate(clusters: list, directory: str):
    """The one (directory, path, replaces, providers) a service of `directory` means, or None."""
    replacing = [c for c in clusters if c[2]]
    pool = replacing or clusters
    near = [c for c in pool if c[0] == directory]
    pool = near or pool
    return pool[0] if len(pool) == 1 else None


def findings(results: list, settings) -> list[Finding]:
    """The findings the links add, placed in each file by its FileResult.document_placer."""
    from ecslint.ecs.views import ServiceView
    from ecslint.ecs.related_facts import ClusterProviders
    from ecslint.settings import Context
    from ecslint.spill import load

    clusters: dict = {}
    for res in results:
        for name, replaces, providers in res.cluster_providers:
            clusters.setdefault(name, []).append((os.path.dirname(res.path), res.path, replaces, providers))
    if not clusters:
        return []
    out: list = []
    ctx = Context(settings)
    for res in results:
        for index, position, blob, origin, _ in res.services:
            if origin not in _CLI_SERVICE:
                continue
            data = load(blob)
            strategy = data.get("capacityProviderStrategy")
            name = _cluster_name(data.get("cluster", "default"))
            if not isinstance(strategy, list) or name not in clusters:
                continue
            found = _candidate(clusters[name], os.path.dirname(res.path))
            if found is None:
                continue
            label = f'"{name}" ({found[1]})'
            related = {("capacityProviderStrategy", i, "capacityProvider"): ClusterProviders(label, item["capacityProvider"], found[3])
                       for i, item in enumerate(strategy)
                       if isinstance(item, dict) and isinstance(item.get("capacityProvider"), str)}
            if not related:
                continue
            _, placed = res.document_placer(index, position, settings)
            alone, linked = ServiceView(data, origin), ServiceView(data, origin, related)
            out.extend(placed(*found) for found in settings.added_by_links(SERVICE, alone, linked, ctx))
    return out
