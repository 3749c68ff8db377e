"""Values a deploy tool fills in later, and values ecslint cannot know.

A templated task definition (``<IMAGE1_NAME>`` of CodeDeploy, ``${VAR}``,
``{{ must_env `X` }}`` of ecspresso...) is still worth linting, but a rule must
never judge a value that is not there yet. Rules ask `is_unknown(value)` first.
"""

from __future__ import annotations

import re

# One pattern per template syntax, each documented. Plain ``$VAR`` is deliberately
# absent: it is everywhere in shell commands and rarely a deploy-time placeholder.
PLACEHOLDER_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # ${VAR}: envsubst, CloudFormation Fn::Sub, Terraform templatefile, Copilot.
    ("${...}", re.compile(r"\$\{[^{}]+\}")),
    # {{ ... }}: Go/Jinja/Handlebars templates, ecspresso {{ must_env `X` }} and
    # {{ tfstate "..." }}, CloudFormation dynamic references {{resolve:...}}.
    ("{{...}}", re.compile(r"\{\{.*?\}\}", re.DOTALL)),
    # <IMAGE1_NAME>, <TASK_DEFINITION>: CodeDeploy ECS blue/green (taskdef.json /
    # appspec). Upper snake case only, so HTML such as <title> in a command is not one.
    ("<UPPER_SNAKE>", re.compile(r"<[A-Z][A-Z0-9_]*>")),
    # <+input>, <+pipeline.variables.x>: Harness runtime inputs and expressions.
    ("<+...>", re.compile(r"<\+[^<>]+>")),
    # #{Octopus.Action.X}: Octopus Deploy variable substitution; also the
    # #{VAR}# tokens of the Azure DevOps "Replace Tokens" task.
    ("#{...}", re.compile(r"#\{[^{}]+\}")),
)
# Not included: %%VAR%% (no well-known ECS deploy tool uses it), $(VAR) (Azure
# Pipelines macros, but also shell command substitution), __VAR__ (ad hoc).


# All syntaxes in one alternation: one regex search per value on the hot path.
ANY_PLACEHOLDER = re.compile("|".join(f"(?:{p.pattern})" for _, p in PLACEHOLDER_PATTERNS), re.DOTALL)
# Every syntax needs one of these characters: most values are rejected without a search.


def is_placeholder(value: object) -> bool:
    """True when `value` is a string that is wholly or partly a template placeholder."""
    if not isinstance(value, str) or not ("{" in value or "<" in value):
        return False
    return ANY_PLACEHOLDER.search(value) is not None


class Unknown:
    """A value ecslint cannot know statically (CloudFormation intrinsics, Terraform
    unknowns). There is exactly one instance, `UNKNOWN`; compare with `is`."""

    __slots__ = ()
    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<unknown>"

    def __reduce__(self) -> str:  # pickles (process pool) as the module global
        return "UNKNOWN"

    def __copy__(self) -> Unknown:
        return self

    def __deepcopy__(self, memo) -> Unknown:
        return self


UNKNOWN = Unknown()


def is_unknown(value: object) -> bool:
    """True for `UNKNOWN` and for strings containing a placeholder."""
    return value is UNKNOWN or is_placeholder(value)
