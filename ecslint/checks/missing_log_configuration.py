"""Every container should send its logs somewhere; awslogs needs group and region (and a
stream prefix on Fargate)."""

from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    fargate = td.is_fargate
    for _, c, ptr in td.containers():
        name = container_name(c)
        lc = c.get("logConfiguration")
        if lc is None:
            yield Problem(ptr, f'container "{name}" has no logConfiguration, so its logs are not collected (on Fargate they are lost; on EC2 they stay on the instance)')
            continue
        if not isinstance(lc, dict) or lc.get("logDriver") != "awslogs":
            continue
        options = lc.get("options")
        options = options if isinstance(options, dict) else {}
        required = ["awslogs-group", "awslogs-region"]
        if fargate:
            required.append("awslogs-stream-prefix")
        missing = [o for o in required if o not in options]
        if missing:
            where = ptr + ("logConfiguration", "options") if "options" in lc else ptr + ("logConfiguration",)
            on = " on Fargate" if "awslogs-stream-prefix" in missing else ""
            yield Problem(where, f'container "{name}" uses awslogs without {", ".join(missing)}{on}')


TEMPLATE = Template("missing-log-configuration", check)
