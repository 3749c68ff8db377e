"""Under awsvpc the containers share one network namespace, so a namespaced sysctl set
by two containers with different values ends up with whichever started last."""

from ecslint.ecs.containers import items, network_mode
from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if network_mode(td) != "awsvpc":
        return
    seen: dict = {}  # namespace → (container name, value)
    for _, c, ptr in td.containers():
        for j, sc in items(c.get("systemControls")):
            ns, value = sc.get("namespace"), sc.get("value")
            if not (isinstance(ns, str) and isinstance(value, str) and known(ns) and known(value)):
                continue
            if ns in seen and seen[ns][1] != value and seen[ns][0] != container_name(c):
                other, other_value = seen[ns]
                yield Problem(ptr + ("systemControls", j, "value"),
                              f'container "{container_name(c)}" sets systemControl "{ns}" to "{value}", but container '
                              f'"{other}" sets it to "{other_value}"; in awsvpc the task shares one value')
            seen.setdefault(ns, (container_name(c), value))


TEMPLATE = Template("awsvpc-sysctl-conflict", check)
