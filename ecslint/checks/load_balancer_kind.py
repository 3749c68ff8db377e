"""Each loadBalancers item names a target group (ALB/NLB) or a Classic Load Balancer, never both."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template


def check(svc, params, ctx):
    for _, lb, ptr in svc.load_balancers():
        tg, clb = lb.get("targetGroupArn"), lb.get("loadBalancerName")
        if tg and clb:
            yield Problem(ptr + ("loadBalancerName",), f'{service_label(svc)} load balancer {ptr[1]} sets both targetGroupArn '
                                                       f'and loadBalancerName "{clb}"; use one')
        elif not tg and not clb:
            yield Problem(ptr, f"{service_label(svc)} load balancer {ptr[1]} has neither targetGroupArn nor loadBalancerName")


TEMPLATE = Template("load-balancer-kind", check)
