"""A service's volumeConfigurations name task-definition volumes marked configuredAtLaunch;
such a volume left unconfigured keeps the tasks from starting."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(svc, td, params, ctx):
    launch = {v["name"]: v.get("configuredAtLaunch") is True for _, v, _ in td.volumes() if isinstance(v.get("name"), str)}
    vcs = svc.get("volumeConfigurations")
    vcs = vcs if isinstance(vcs, list) else []
    configured = set()
    for i, vc in enumerate(vcs):
        name = vc.get("name") if isinstance(vc, dict) else None
        if not known_str(name):
            continue
        configured.add(name)
        if name not in launch:
            yield Problem(("volumeConfigurations", i, "name"),
                          f'{service_label(svc)} configures volume "{name}", which {task_definition_label(td)} does not declare')
        elif not launch[name]:
            yield Problem(("volumeConfigurations", i, "name"),
                          f'{service_label(svc)} configures volume "{name}", but {task_definition_label(td)} does not mark it '
                          f"configuredAtLaunch")
    if svc.partial:
        return
    for name, at_launch in launch.items():
        if at_launch and name not in configured:
            yield Problem(("volumeConfigurations",) if "volumeConfigurations" in svc.data else (),
                          f'{service_label(svc)} does not configure volume "{name}", which {task_definition_label(td)} marks '
                          f"configuredAtLaunch")


TEMPLATE = Template("volume-configuration-match", check, pair=True)
