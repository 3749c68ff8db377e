"""Who deploys a file, and what each deployer does with values whose verdict depends on it.

An error means AWS rejects the request, or the task cannot run, whichever common deployer is
used. Some findings are true for one deployer and not another (the AWS CLI rejects `null`; the
ECS deploy action, ecspresso and Terraform drop it). A rule marks such a finding with a *fact*;
`verdict` turns the fact and the file's deployer into the severity and the words that say who
rejects it. The table is `research/deployers.md` (section 11), each entry cited in the rule docs.
"""

from __future__ import annotations

from ecslint.model import Severity

# Deployers, as written in `deploy-with:` and in messages.
AWS_CLI = "aws-cli"
DEPLOY_ACTION = "ecs-deploy-action"  # aws-actions/amazon-ecs-deploy-task-definition v1.6.0+ (SDK v3)
DEPLOY_ACTION_V1 = "ecs-deploy-action@v1"  # its releases up to v1.5.0, the floating tag v1 (SDK v2)
RENDER_ACTION = "ecs-render-action"  # aws-actions/amazon-ecs-render-task-definition: a step before deploy
ECSPRESSO = "ecspresso"
CODEDEPLOY = "codedeploy"  # CodePipeline's ECS blue/green action (taskdef.json)
CLOUDFORMATION = "cloudformation"  # also AWS Copilot, which deploys through CloudFormation
TERRAFORM = "terraform"

DEPLOYERS = (AWS_CLI, DEPLOY_ACTION, DEPLOY_ACTION_V1, RENDER_ACTION, ECSPRESSO, CODEDEPLOY, CLOUDFORMATION,
             TERRAFORM)
LABELS = {
    AWS_CLI: "the AWS CLI", DEPLOY_ACTION: "the ECS deploy action @v2", DEPLOY_ACTION_V1: "the ECS deploy action @v1",
    RENDER_ACTION: "the ECS render action", ECSPRESSO: "ecspresso", CODEDEPLOY: "CodeDeploy",
    CLOUDFORMATION: "CloudFormation", TERRAFORM: "Terraform",
}

R, A, K = "rejects", "accepts", "keeps"  # K: a step that passes the value on to the next one
# A deployer missing from a fact's row: not documented (CodeDeploy's job worker), or not settled.

# Facts: (what the value is, (verb, object) of a deployer that accepts it, {deployer: verdict}).
NULL = "null"
EMPTY_ENUM = "empty-enum"
EMPTY_STRING = "empty-string"
DESCRIBE_FIELD = "describe-field"
NUMERIC_STRING = "numeric-string"
NUMBER_FOR_STRING = "number-for-string"
MISSING_IMAGE = "missing-image"
# Rejected ("extraneous key [initProcessEnabled] is not permitted", aws-samples/annotate-medical-
# images…#6), but one report has the resource created anyway (cloudformation-coverage-roadmap#1005)
# and an aws-samples template of the corpus (cfn-yaml/0037) uses them: not settled.
MISCASED_PROPERTY = "miscased-property"
WHOLE_FLOAT = "whole-float"

FACTS = {
    NULL: ("null", ("drop", "it"), {AWS_CLI: R, CLOUDFORMATION: R, DEPLOY_ACTION: A, DEPLOY_ACTION_V1: A, ECSPRESSO: A,
                               TERRAFORM: A, RENDER_ACTION: K}),
    EMPTY_ENUM: ('an empty ""', ("drop", "it"), {AWS_CLI: R, DEPLOY_ACTION: A, DEPLOY_ACTION_V1: A, ECSPRESSO: A,
                                            TERRAFORM: A, RENDER_ACTION: K}),
    EMPTY_STRING: ('an empty ""', ("drop", "it"), {AWS_CLI: R, ECSPRESSO: R, DEPLOY_ACTION: A, DEPLOY_ACTION_V1: A,
                                              RENDER_ACTION: K}),
    DESCRIBE_FIELD: ("describe-output fields", ("drop", "them"), {AWS_CLI: R, DEPLOY_ACTION: A, DEPLOY_ACTION_V1: A,
                                                             RENDER_ACTION: A, ECSPRESSO: A}),
    NUMERIC_STRING: ("a number written as a string", ("convert", "it"),
                     {AWS_CLI: R, DEPLOY_ACTION: R, ECSPRESSO: R, TERRAFORM: R, DEPLOY_ACTION_V1: A,
                      CLOUDFORMATION: A, RENDER_ACTION: K}),
    NUMBER_FOR_STRING: ("a number where a string belongs", ("convert", "it"),
                        {AWS_CLI: R, DEPLOY_ACTION_V1: R, ECSPRESSO: R, TERRAFORM: R, CLOUDFORMATION: A,
                         RENDER_ACTION: K}),
    WHOLE_FLOAT: ("a whole number written with a decimal point", ("convert", "it"),
                  {AWS_CLI: R, DEPLOY_ACTION: A, DEPLOY_ACTION_V1: A, ECSPRESSO: A, RENDER_ACTION: K}),
    MISCASED_PROPERTY: ("a property in the wrong case", ("accept", "it"), {}),
    MISSING_IMAGE: ("a container without an image", ("fill", "it in"),
                    {AWS_CLI: R, DEPLOY_ACTION: R, DEPLOY_ACTION_V1: R, ECSPRESSO: R, CLOUDFORMATION: R,
                     TERRAFORM: R, RENDER_ACTION: A}),
}


def candidates(kind: str, fmt: str) -> tuple:
    """The common deployers of an ECS API-form file of this kind and syntax, when none is known.
    ecspresso reads JSON (or Jsonnet) only; the render action and CodeDeploy read task definitions."""
    from ecslint.model import SERVICE

    if kind == SERVICE:
        return (AWS_CLI, ECSPRESSO) if fmt == "json" else (AWS_CLI,)
    if fmt == "json":
        return (AWS_CLI, DEPLOY_ACTION, DEPLOY_ACTION_V1, ECSPRESSO, CODEDEPLOY)
    return (AWS_CLI, DEPLOY_ACTION, DEPLOY_ACTION_V1)


def _chain_verdict(row: dict, chain: tuple) -> str | None:
    """A chain of steps (render, then deploy): the first step that decides, decides."""
    for step in chain:
        v = row.get(step)
        if v != K:
            return v
    return None


def _words(deployers) -> list:
    words = [LABELS[d] for d in deployers]
    if DEPLOY_ACTION in deployers and DEPLOY_ACTION_V1 in deployers:  # both releases: one name
        words[deployers.index(DEPLOY_ACTION)] = "the ECS deploy action"
        del words[deployers.index(DEPLOY_ACTION_V1)]
    return words


def _names(deployers) -> str:
    words = _words(deployers)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _verb(verb_object: tuple, subjects: int) -> str:
    verb, obj = verb_object
    return f"{verb}{'s' if subjects == 1 else ''} {obj}"


def verdict(fact: str, chain: tuple | None, options: tuple, severity: Severity) -> tuple[Severity, str]:
    """(severity, text to add to the message) of a finding that holds for some deployers only.

    `chain` is the file's known deployer (steps in order), or None; `options` the deployers the
    file may go to when none is known. `severity` is the rule's: a verdict never raises it."""
    what, accept_verb, row = FACTS[fact]
    if chain:
        v = _chain_verdict(row, chain)
        who = LABELS[chain[-1] if v is None else next(s for s in chain if row.get(s) != K)]
        if v == R:
            return severity, f"{who} rejects {what}"
        if v == A:
            return min(severity, Severity.INFO), f"{who} {_verb(accept_verb, 1)}"
        return min(severity, Severity.WARNING), f"what {who} does with {what} is not established"
    rejecting = [d for d in options if row.get(d) == R]
    one = len(_words(rejecting)) == 1
    if rejecting and len(rejecting) == len(options):
        return severity, f"{_names(rejecting)} reject{'s' if one else ''} {what}"
    accepting = [d for d in options if row.get(d) == A]
    text = f"{_names(rejecting)} reject{'s' if one else ''} {what}" if rejecting else ""
    if accepting:
        text += ("; " if text else "") + f"{_names(accepting)} {_verb(accept_verb, len(_words(accepting)))}"
    return min(severity, Severity.WARNING), text or f"whether {what} is accepted depends on the deployer"


def parse_chain(value) -> tuple:
    """A `deploy-with:` value (a name, or a list of steps in order) → a chain tuple."""
    return tuple(value) if isinstance(value, list) else (value,)


def codedeploy_placeholder(data) -> str | None:
    """The first container image that is CodeDeploy's `<IMAGEn_NAME>` placeholder, if any."""
    import re

    containers = data.get("containerDefinitions") if isinstance(data, dict) else None
    for c in containers if isinstance(containers, list) else ():
        image = c.get("image") if isinstance(c, dict) else None
        if isinstance(image, str) and re.fullmatch(r"<IMAGE[0-9]+_NAME>", image):
            return image
    return None
