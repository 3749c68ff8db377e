"""Service Connect services name a port by portMappings[].name in the task definition."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str, port_mappings


def check(svc, td, params, ctx):
    scc = svc.get("serviceConnectConfiguration")
    services = scc.get("services") if isinstance(scc, dict) else None
    if not isinstance(services, list):
        return
    names = set()
    for _, c, _ in td.containers():
        for pm in port_mappings(c):
            if isinstance(pm.get("name"), str):
                names.add(pm["name"])
    for i, s in enumerate(services):
        pn = s.get("portName") if isinstance(s, dict) else None
        if known_str(pn) and pn not in names:
            have = ", ".join(f'"{n}"' for n in sorted(names)) or "no named ports"
            yield Problem(("serviceConnectConfiguration", "services", i, "portName"),
                          f'{service_label(svc)} Service Connect portName "{pn}" is not a portMappings name in '
                          f"{task_definition_label(td)} (it has {have})")


TEMPLATE = Template("service-connect-port-name", check, pair=True)
