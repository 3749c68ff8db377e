"""The splunk log driver needs splunk-url and a splunk-token (an option, or better a
secretOptions entry); without them the container cannot start."""

from ecslint.ecs.containers import items, log_config
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        driver, options = log_config(c)
        if driver != "splunk":
            continue
        lc = c["logConfiguration"]
        secret_names = [s.get("name") for _, s in items(lc.get("secretOptions"))]
        missing = [o for o in ("splunk-url", "splunk-token")
                   if o not in options and o not in secret_names]
        if missing:
            where = ptr + ("logConfiguration", "options") if "options" in lc else ptr + ("logConfiguration",)
            yield Problem(where, f'container "{container_name(c)}" uses the splunk log driver without {" and ".join(missing)}')


TEMPLATE = Template("splunk-required-options", check)
