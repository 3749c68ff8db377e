"""A service may only use the allowed launch types and capacity providers."""

from ecslint.ecs.labels import document_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    types, providers = params.get("launch-types"), params.get("capacity-providers")
    lt = svc.get("launchType")
    if types is not None and isinstance(lt, str) and known(lt) and lt not in types:
        yield Problem(("launchType",), f'{document_label(svc)} uses launchType "{lt}"; allowed: {", ".join(types)}')
    strategy = svc.get("capacityProviderStrategy")
    if providers is not None and isinstance(strategy, list):
        for i, item in enumerate(strategy):
            cp = item.get("capacityProvider") if isinstance(item, dict) else None
            if isinstance(cp, str) and known(cp) and cp not in providers:
                yield Problem(("capacityProviderStrategy", i, "capacityProvider"),
                              f'{document_label(svc)} uses capacity provider "{cp}"; allowed: {", ".join(providers)}')
    if params.get("require-explicit") and lt is None and not strategy:
        yield Problem((), f"{document_label(svc)} sets neither launchType nor capacityProviderStrategy, "
                          "so the cluster default decides where it runs")


TEMPLATE = Template("allowed-launch-types", check, kinds=["service"], params_schema={
    "type": "object",
    "properties": {
        "launch-types": {"type": "array", "minItems": 1, "items": {"enum": ["EC2", "FARGATE", "EXTERNAL"]},
                         "description": "Allowed launchType values"},
        "capacity-providers": {"type": "array", "minItems": 1, "items": {"type": "string"},
                               "description": "Allowed capacityProviderStrategy providers (e.g. FARGATE, FARGATE_SPOT)"},
        "require-explicit": {"type": "boolean", "description": "Flag services that set neither"},
    },
    "minProperties": 1,
    "additionalProperties": False,
})
