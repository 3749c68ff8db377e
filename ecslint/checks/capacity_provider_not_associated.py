"""A service's capacity provider strategy can name only providers associated with its
cluster ("Only capacity providers that are already associated with a cluster ... can be used
in a capacity provider strategy", CapacityProviderStrategyItem); decided where the cluster
is in the same template, module or plan, or in a cluster file of the same run
(ecslint.cluster_links), so its associations are known."""

from ecslint.ecs.labels import service_label
from ecslint.ecs.related_facts import ClusterProviders
from ecslint.model import SERVICE, Problem, Template


def check(svc, params, ctx):
    for ptr, fact in svc.related.items():
        if not isinstance(fact, ClusterProviders) or fact.provider in fact.associated:
            continue
        have = ", ".join(sorted(fact.associated)) or "none"
        yield Problem(ptr, f'{service_label(svc)} uses capacity provider {fact.provider}, which cluster {fact.cluster} '
                           f"does not associate (it associates: {have}); AWS rejects the strategy")


TEMPLATE = Template("capacity-provider-not-associated", check, kinds=(SERVICE,))
