"""Shape rules of a capacity provider strategy the schema cannot express: at most 20 items,
only one item may set a base, and with several providers at least one needs a weight above 0."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template

MAX_ITEMS = 20


def _num(item, key):
    v = item.get(key, 0)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def check(svc, params, ctx):
    cps = svc.get("capacityProviderStrategy")
    if not isinstance(cps, list):
        return
    if len(cps) > MAX_ITEMS:
        yield Problem(("capacityProviderStrategy",),
                      f"{service_label(svc)} lists {len(cps)} capacity providers; a strategy takes at most {MAX_ITEMS}")
    items = [(i, it) for i, it in enumerate(cps) if isinstance(it, dict)]
    # base: 0 is what Terraform writes for every item, so only a positive base counts.
    based = [(i, it) for i, it in items if (_num(it, "base") or 0) > 0]
    for i, it in based[1:]:
        yield Problem(("capacityProviderStrategy", i, "base"),
                      f'{service_label(svc)}: capacity provider "{it.get("capacityProvider", "?")}" sets base '
                      f'{it["base"]}, but only one provider in a strategy may set a base')
    weights = [_num(it, "weight") for _, it in items]
    if len(items) >= 2 and None not in weights and not any(weights):
        yield Problem(("capacityProviderStrategy",),
                      f"{service_label(svc)} has {len(items)} capacity providers and none has a weight above 0")


TEMPLATE = Template("capacity-provider-strategy", check)
