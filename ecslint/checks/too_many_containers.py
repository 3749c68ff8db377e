"""ECS allows at most 10 containers per task definition ("Too many containers.")."""

from ecslint.model import Problem, Template


def check(td, params, ctx):
    limit = params["max"]
    cds = td.get("containerDefinitions")
    if isinstance(cds, list) and len(cds) > limit:
        yield Problem(("containerDefinitions",), f"the task definition has {len(cds)} containers; the limit is {limit}")


TEMPLATE = Template("too-many-containers", check)
