"""Container images must come from allowed registries (regex allow list) and never from
denied ones (regex deny list)."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template
from ecslint.templates._policy_util import REGEX_LIST, matches_any


def check(td, params, ctx):
    allow, deny = params.get("allow") or [], params.get("deny") or []
    for _, c, ptr in td.containers():
        image = c.get("image")
        if not isinstance(image, str) or not known(image):
            continue
        denied = matches_any(image, deny)
        if denied:
            yield Problem(ptr + ("image",), f'{container_label(c)} image "{image}" matches the denied pattern "{denied}"')
        elif allow and not matches_any(image, allow):
            yield Problem(ptr + ("image",), f'{container_label(c)} image "{image}" matches none of the allowed patterns: '
                                            + ", ".join(f'"{p}"' for p in allow))


TEMPLATE = Template("image-registry", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "properties": {
        "allow": {**REGEX_LIST, "description": "Images must match one of these regexes (re.search; anchor with ^)"},
        "deny": {**REGEX_LIST, "description": "Images must match none of these regexes"},
    },
    "anyOf": [{"required": ["allow"]}, {"required": ["deny"]}],
    "additionalProperties": False,
})
