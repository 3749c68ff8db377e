"""An awsvpc service uses the ECS service-linked role; AWS rejects a `role` for it."""

from ecslint.ecs.labels import service_label, task_definition_label
from ecslint.model import Problem, Template
from ecslint.templates._common import known_str


def check(svc, td, params, ctx):
    role = svc.get("role")
    if known_str(role) and td.network_mode == "awsvpc":
        yield Problem(("role",), f'{service_label(svc)} sets role "{role}" but {task_definition_label(td)} uses networkMode '
                                 f'"awsvpc", which uses the service-linked role; remove role')


TEMPLATE = Template("role-with-awsvpc", check, pair=True)
