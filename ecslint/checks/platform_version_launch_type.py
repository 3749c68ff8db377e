"""platformVersion is a Fargate setting; AWS rejects it for EC2 and EXTERNAL services."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str, launch_type


def check(svc, params, ctx):
    lt = launch_type(svc)
    pv = svc.get("platformVersion")
    if lt in ("EC2", "EXTERNAL") and known_str(pv):
        yield Problem(("platformVersion",), f'{service_label(svc)} sets platformVersion "{pv}" with launchType "{lt}"; '
                                            f"platform versions apply only to Fargate")


TEMPLATE = Template("platform-version-launch-type", check)
