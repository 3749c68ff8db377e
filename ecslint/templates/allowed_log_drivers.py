"""Containers may only use the allowed log drivers (and, if required, must configure one)."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    drivers = params["drivers"]
    for _, c, ptr in td.containers():
        lc = c.get("logConfiguration")
        if not isinstance(lc, dict):
            if params.get("require", False) and lc is None:
                yield Problem(ptr, f'{container_label(c)} has no logConfiguration; use one of: {", ".join(drivers)}')
            continue
        driver = lc.get("logDriver")
        if isinstance(driver, str) and known(driver) and driver not in drivers:
            yield Problem(ptr + ("logConfiguration", "logDriver"),
                          f'{container_label(c)} uses the log driver "{driver}"; allowed: {", ".join(drivers)}')


TEMPLATE = Template("allowed-log-drivers", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "required": ["drivers"],
    "properties": {
        "drivers": {"type": "array", "minItems": 1, "items": {"type": "string"}, "description": "Allowed logDriver values"},
        "require": {"type": "boolean", "default": False, "description": "Also flag containers without logConfiguration"},
    },
    "additionalProperties": False,
})
