"""A service's awsvpc subnets should span two or more Availability Zones."""

from ecslint.ecs.labels import service_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    vpc = svc.awsvpc
    subnets = vpc.get("subnets")
    if not isinstance(subnets, list):
        return  # no awsvpc configuration, or a list computed at deploy time
    ptr = ("networkConfiguration", "awsvpcConfiguration", "subnets")
    label = service_label(svc)
    if len(subnets) == 1:  # a list of known length keeps it: [!Ref SubnetA] is one subnet
        yield Problem(ptr, f"{label} has 1 subnet, so all its tasks run in one Availability Zone")
        return
    if not all(isinstance(s, str) and known(s) for s in subnets):
        return  # subnets only known at deploy time may or may not be distinct
    if len(set(subnets)) < 2:
        yield Problem(ptr, f"{label} has {len(set(subnets))} subnet, so all its tasks run in one Availability Zone")
        return
    azs = ctx.settings.subnet_azs
    if azs and all(s in azs for s in subnets):
        zones = sorted({azs[s] for s in subnets})
        if len(zones) < 2:
            yield Problem(ptr, f"{label} has {len(subnets)} subnets, all in Availability Zone {zones[0]}")


TEMPLATE = Template("single-az-service", check)
