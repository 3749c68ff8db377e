"""awsvpc tasks register by IP address, which only Application and Network Load Balancers
(target groups of type ip) support; a Classic Load Balancer cannot reach them."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import known_str, svc_label, td_label


def check(svc, td, params, ctx):
    if td.network_mode != "awsvpc":
        return
    for _, lb, ptr in svc.load_balancers():
        name = lb.get("loadBalancerName")
        if known_str(name):
            yield Problem(ptr + ("loadBalancerName",), f'{svc_label(svc)} uses the Classic Load Balancer "{name}" but '
                                                       f'{td_label(td)} uses networkMode "awsvpc"; use a target group')


TEMPLATE = Template("classic-load-balancer-awsvpc", check, pair=True)
