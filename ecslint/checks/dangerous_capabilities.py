"""Linux capabilities that give a container near-root power over the host."""

from ecslint.ecs.containers import added_capabilities
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

def check(td, params, ctx):
    risky = {c.upper().removeprefix("CAP_") for c in params["capabilities"]}
    for _, c, ptr in td.containers():
        for cap, where in added_capabilities(c, ptr):
            if cap.upper().removeprefix("CAP_") in risky:
                yield Problem(where, f'container "{container_name(c)}" adds the capability "{cap}"')


TEMPLATE = Template("dangerous-capabilities", check)
