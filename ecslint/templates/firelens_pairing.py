"""FireLens needs both halves: a log router container (firelensConfiguration) and at
least one container that logs through it (logDriver awsfirelens). AWS rejects either
half alone at registration."""

from ecslint.ecs.containers import cname, log_config
from ecslint.model import Problem
from ecslint.registry import Template

PARAMS = {
    "type": "object",
    "required": ["missing"],
    "properties": {"missing": {"enum": ["awsfirelens", "router"], "description": "Which half this rule reports"}},
    "additionalProperties": False,
}


def _unknown_driver(c):
    lc = c.get("logConfiguration")
    return isinstance(lc, dict) and lc.get("logDriver") is not None and log_config(c)[0] is None


def check(td, params, ctx):
    containers = list(td.containers())
    routers = [(c, ptr) for _, c, ptr in containers if c.get("firelensConfiguration") is not None]
    drivers: list | None = [log_config(c)[0] for _, c, _ in containers]
    if any(_unknown_driver(c) for _, c, _ in containers):
        drivers = None  # a driver we cannot know might be awsfirelens
    if params["missing"] == "awsfirelens":
        if drivers is not None and "awsfirelens" not in drivers:
            for c, ptr in routers:
                yield Problem(ptr + ("firelensConfiguration",),
                              f'container "{cname(c)}" is a FireLens log router, but no container uses the '
                              f'"awsfirelens" log driver')
    elif not routers:
        for _, c, ptr in containers:
            if log_config(c)[0] == "awsfirelens":
                yield Problem(ptr + ("logConfiguration", "logDriver"),
                              f'container "{cname(c)}" uses the "awsfirelens" log driver, but no container has '
                              f'a firelensConfiguration (the log router)')


TEMPLATE = Template("firelens-pairing", check, PARAMS)
