"""What a dependsOn condition asks of its target: HEALTHY needs a healthCheck on it;
COMPLETE and SUCCESS need it to be non-essential (an essential container that exits
stops the task)."""

from ecslint.ecs.containers import cname, is_essential, items
from ecslint.model import Problem
from ecslint.registry import Template

PARAMS = {
    "type": "object",
    "required": ["requires"],
    "properties": {"requires": {"enum": ["health-check", "non-essential"],
                                "description": "What the target container must have"}},
    "additionalProperties": False,
}


def check(td, params, ctx):
    by_name = {c["name"]: c for _, c, _ in td.containers() if isinstance(c.get("name"), str)}
    for _, c, ptr in td.containers():
        for j, dep in items(c.get("dependsOn")):
            name, condition = dep.get("containerName"), dep.get("condition")
            target = by_name.get(name) if isinstance(name, str) else None
            if target is None or target is c:
                continue
            where = ptr + ("dependsOn", j, "condition")
            head = f'container "{cname(c)}" waits for "{cname(target)}" to be {condition}'
            if params["requires"] == "health-check":
                if condition == "HEALTHY" and target.get("healthCheck") is None:
                    yield Problem(where, f'{head}, but "{cname(target)}" has no healthCheck')
            elif condition in ("COMPLETE", "SUCCESS") and is_essential(target) is True:
                yield Problem(where, f'{head}, but "{cname(target)}" is essential; a dependency with '
                                     f'{condition} must set "essential": false')


TEMPLATE = Template("depends-on-condition", check, PARAMS)
