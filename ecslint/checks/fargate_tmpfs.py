"""tmpfs on Fargate: the developer guide still lists it as unsupported, but the API no longer
says so and containers-roadmap#736 shipped it; tell the user, do not fail them."""

from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        lp = c.get("linuxParameters")
        if isinstance(lp, dict) and lp.get("tmpfs"):
            yield Problem(ptr + ("linuxParameters", "tmpfs"),
                          f"{container_label(c)} uses tmpfs on Fargate; supported now, but check your platform "
                          f"version if registration fails")


TEMPLATE = Template("fargate-tmpfs", check)
