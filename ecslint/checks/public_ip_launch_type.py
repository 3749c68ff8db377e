"""assignPublicIp ENABLED works only on Fargate: AWS rejects it for other launch types
("Assign public IP is not supported for this launch type")."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import launch_type


def check(svc, params, ctx):
    lt = launch_type(svc)
    if lt in ("EC2", "EXTERNAL") and svc.awsvpc.get("assignPublicIp") == "ENABLED":
        yield Problem(("networkConfiguration", "awsvpcConfiguration", "assignPublicIp"),
                      f'{service_label(svc)} sets assignPublicIp ENABLED with launchType "{lt}"; only Fargate supports it')


TEMPLATE = Template("public-ip-launch-type", check)
