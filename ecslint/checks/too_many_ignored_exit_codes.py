"""A restart policy lists at most 50 ignoredExitCodes (RestartPolicy API)."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

LIMIT = 50


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        rp = c.get("restartPolicy")
        codes = rp.get("ignoredExitCodes") if isinstance(rp, dict) else None
        if isinstance(codes, list) and len(codes) > LIMIT:
            yield Problem(ptr + ("restartPolicy", "ignoredExitCodes"),
                          f'container "{container_name(c)}" restartPolicy lists {len(codes)} ignoredExitCodes; the limit is {LIMIT}')


TEMPLATE = Template("too-many-ignored-exit-codes", check)
