"""awsvpc tasks register by IP address, which only Application and Network Load Balancers
(target groups of type ip) support; a Classic Load Balancer cannot reach them."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(svc, td, params, ctx):
    if td.network_mode != "awsvpc":
        return
    for _, lb, ptr in svc.load_balancers():
        name = lb.get("loadBalancerName")
        if known_str(name):
            yield Problem(ptr + ("loadBalancerName",), f'{service_label(svc)} uses the Classic Load Balancer "{name}" but '
                                                       f'{task_definition_label(td)} uses networkMode "awsvpc"; use a target group')


TEMPLATE = Template("classic-load-balancer-awsvpc", check, pair=True)
