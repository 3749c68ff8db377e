"""On Fargate a FireLens custom configuration can only come from a file in the image."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    if not td.is_fargate:
        return
    for _, c, ptr in td.containers():
        fc = c.get("firelensConfiguration")
        options = fc.get("options") if isinstance(fc, dict) else None
        kind = options.get("config-file-type") if isinstance(options, dict) else None
        if isinstance(kind, str) and known(kind) and kind != "file":
            yield Problem(ptr + ("firelensConfiguration", "options", "config-file-type"),
                          f'{container_label(c)} FireLens config-file-type is "{kind}"; Fargate supports only "file"')


TEMPLATE = Template("fargate-firelens-config-type", check)
