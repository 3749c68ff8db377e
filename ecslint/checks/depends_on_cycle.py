"""dependsOn must not form a cycle: no container in it could ever start."""

from ecslint.ecs.containers import items
from ecslint.model import Problem, Template


def _edges(td):
    """container name → [(target, pointer of the dependsOn entry)] in document order."""
    edges: dict = {}
    for _, c, ptr in td.containers():
        name = c.get("name")
        if not isinstance(name, str):
            continue
        edges.setdefault(name, [])
        for j, dep in items(c.get("dependsOn")):
            target = dep.get("containerName")
            if isinstance(target, str) and target != name:  # self-reference: container-reference's job
                edges[name].append((target, ptr + ("dependsOn", j, "containerName")))
    return edges


def check(td, params, ctx):
    edges = _edges(td)
    state: dict = {}  # name → 1 while on the stack, 2 when done
    reported: set = set()
    for name in edges:
        if state.get(name) is None:
            yield from _visit(edges, state, reported, name, [name])


def _visit(edges, state, reported, name, path):
    # A module function, not a closure that calls itself: that closure was a reference cycle,
    # kept (with the edges) until the cycle collector ran, which a large run does rarely.
    state[name] = 1
    for target, pointer in edges.get(name, ()):
        if state.get(target) == 1:
            cycle = path[path.index(target):] + [target]
            key = frozenset(cycle)
            if key not in reported:
                reported.add(key)
                chain = " -> ".join(f'"{n}"' for n in cycle)
                yield Problem(pointer, f"dependsOn forms a cycle: {chain}; none of these containers can start")
        elif target in edges and state.get(target) is None:
            yield from _visit(edges, state, reported, target, path + [target])
    state[name] = 2


TEMPLATE = Template("depends-on-cycle", check)
