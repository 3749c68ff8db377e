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
    # No braces inside: `.*?` rescanned to the end of the text from every unclosed `{{`, 65 s
    # on 80,000 characters. Each `}` of the body is followed by a non-brace, so the text parses
    # one way only and a failed match gives back each character once: linear time. Not
    # possessive: on early 3.11 releases a possessive group matches nothing (Debian 12's
    # Python 3.11.2 missed every {{ }} placeholder).
    ("{{...}}", re.compile(r"\{\{[^{}]*(?:\}[^{}]+)*\}\}")),
    # <IMAGE1_NAME>, <TASK_DEFINITION>: CodeDeploy ECS blue/green (taskdef.json /
    # appspec). Upper snake case only, so HTML such as <title> in a command is not one.
    ("<UPPER_SNAKE>", re.compile(r"<[A-Z][A-Z0-9_]*>")),
    # <+input>, <+pipeline.variables.x>: Harness runtime inputs and expressions.
    ("<+...>", re.compile(r"<\+[^<>]+>")),
    # #{Octopus.Action.X}: Octopus Deploy variable substitution; also the
    # #{VAR}# tokens of the Azure DevOps "Replace Tokens" task.
    ("#{...}", re.compile(r"#\{[^{}]+\}")),
    # %VAR%: sed/PowerShell-style tokens (templated/0157 of the corpus: "%CONTAINER_NAME%").
    ("%VAR%", re.compile(r"%[A-Za-z_][A-Za-z0-9_]*%")),
    # $$$VAR$$$: the amazon-ecs-agent functional-test templates.
    ("$$$VAR$$$", re.compile(r"\$\$\$[A-Za-z_][A-Za-z0-9_]*\$\$\$")),
    # __VAR__: the "Replace Tokens" style used by Azure DevOps and Octopus; upper case only,
    # so a Python dunder such as __init__ in a command is not one.
    ("__VAR__", re.compile(r"__[A-Z][A-Z0-9_]*__")),
)
# Not included: $(VAR) (Azure Pipelines macros, but also shell command substitution).


# All syntaxes in one alternation: one regex search per value on the hot path.
ANY_PLACEHOLDER = re.compile("|".join(f"(?:{p.pattern})" for _, p in PLACEHOLDER_PATTERNS), re.DOTALL)
# Every syntax needs one of these characters: most values are rejected without a search.


def is_placeholder(value: object) -> bool:
    """True when `value` is a string that is wholly or partly a template placeholder."""
    if not isinstance(value, str) or not ("{" in value or "<" in value or "%" in value or "$$$" in value
                                          or "__" in value):
        return False
    return ANY_PLACEHOLDER.search(value) is not None


# The words documentation samples and templates put in an ARN's account or region slot
# (arn:aws:iam::aws_account_id:role/x, arn:aws:ssm:REGION:ACCOUNT_ID:parameter/y): a value
# still to be filled in, judged by every ARN check alike. Bounded, anchored, no nesting: linear.
_ACCOUNT_WORD = re.compile(r"(?:your[_-]?)?(?:aws[_-]?)?account(?:[_-]?(?:id|number|no))?", re.IGNORECASE)
_REGION_WORD = re.compile(r"(?:your[_-]?)?(?:aws[_-]?)?region(?:[_-]?(?:name|code))?", re.IGNORECASE)


def is_slot_placeholder(value: str, slot: str) -> bool:
    """True when an ARN's `slot` ("account" or "region") holds a placeholder word or syntax."""
    if len(value) > 40:
        return False
    word = _ACCOUNT_WORD if slot == "account" else _REGION_WORD
    return word.fullmatch(value) is not None or is_placeholder(value)


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
