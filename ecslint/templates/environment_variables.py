"""Environment variable names a container must (or must not) define, as regexes."""

from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template
from ecslint.templates._policy_util import REGEX_LIST, compiled, matches_any


def _names(c, key):
    items = c.get(key)
    for j, e in enumerate(items if isinstance(items, list) else []):
        if isinstance(e, dict) and isinstance(e.get("name"), str):
            yield j, e["name"]


def check(td, params, ctx):
    only = params.get("containers")
    for _, c, ptr in td.containers():
        if only and not (isinstance(c.get("name"), str) and compiled(only).fullmatch(c["name"])):
            continue
        for j, name in _names(c, "environment"):
            hit = matches_any(name, params.get("forbidden"))
            if hit:
                yield Problem(ptr + ("environment", j, "name"),
                              f'{container_label(c)} sets the forbidden environment variable "{name}" (pattern "{hit}")')
        defined = [n for _, n in _names(c, "environment")] + [n for _, n in _names(c, "secrets")]
        for pattern in params.get("required") or ():
            if not any(compiled(pattern).fullmatch(n) for n in defined):
                at = ptr + ("environment",) if isinstance(c.get("environment"), list) else ptr
                yield Problem(at, f'{container_label(c)} defines no environment variable matching "{pattern}"')


TEMPLATE = Template("environment-variables", check, kinds=["task-definition"], params_schema={
    "type": "object",
    "properties": {
        "required": {**REGEX_LIST, "description": "Each regex must fully match a name in environment or secrets"},
        "forbidden": {**REGEX_LIST, "description": "No environment name may match these regexes (re.search)"},
        "containers": {"type": "string", "format": "regex", "description": "Check only containers whose name fully matches"},
    },
    "anyOf": [{"required": ["required"]}, {"required": ["forbidden"]}],
    "additionalProperties": False,
})
