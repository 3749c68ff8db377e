"""An awsvpc service uses the ECS service-linked role; AWS rejects a `role` for it."""

from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import known_str, svc_label, td_label


def check(svc, td, params, ctx):
    role = svc.get("role")
    if known_str(role) and td.network_mode == "awsvpc":
        yield Problem(("role",), f'{svc_label(svc)} sets role "{role}" but {td_label(td)} uses networkMode '
                                 f'"awsvpc", which uses the service-linked role; remove role')


TEMPLATE = Template("role-with-awsvpc", check, pair=True)
