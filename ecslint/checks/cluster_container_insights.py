"""A cluster should turn Container Insights on (Security Hub ECS.12): the `containerInsights`
setting `enabled` or `enhanced` (CreateCluster `settings`). Without the setting the
account default applies, which is off unless someone changed it (PutAccountSetting)."""

from ecslint.ecs.labels import resource_label
from ecslint.ecs.placeholders import is_unknown
from ecslint.model import CLUSTER, Problem, Template

SETTING = "containerInsights"


def check(view, params, ctx):
    settings = view.get("settings")
    if is_unknown(settings):
        return
    items = settings if isinstance(settings, list) else []
    for i, item in enumerate(items):
        if is_unknown(item) or (isinstance(item, dict) and is_unknown(item.get("name"))):
            return  # a setting we cannot read may be this one
        if not isinstance(item, dict) or item.get("name") != SETTING:
            continue
        value = item.get("value")
        if value == "disabled":
            yield Problem(("settings", i, "value"), f'{resource_label(view)} turns Container Insights off '
                                                    f'("disabled"): no task and service CPU, memory or restart metrics')
        return  # enabled, enhanced, unknown, or a value the schema judges
    yield Problem(("settings",) if settings is not None else (),
                  f"{resource_label(view)} does not turn on Container Insights (the setting {SETTING}); "
                  f"the account default applies, which is off unless changed")


TEMPLATE = Template("cluster-container-insights", check, kinds=(CLUSTER,))
