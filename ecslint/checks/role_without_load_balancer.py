"""A service `role` lets ECS register tasks with a load balancer; AWS rejects it on a service
without loadBalancers."""

from ecslint.ecs.labels import service_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(svc, params, ctx):
    role = svc.get("role")
    if known_str(role) and not svc.get("loadBalancers"):
        yield Problem(("role",), f'{service_label(svc)} sets role "{role}" but has no loadBalancers; '
                                 f"a service role is only for load balancer registration")


TEMPLATE = Template("role-without-load-balancer", check)
