"""Values shared by every stage: severities, regions, origins, documents, check templates,
problems and findings. Importing it pulls in nothing else of ecslint.

Findings are plain immutable values; no stage keeps hidden state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, word: str) -> Severity:
        return cls[word.upper()]

    def __str__(self) -> str:
        return self.name.lower()


# Kinds of document ecslint lints; rules declare which of them they apply to.
TASK_DEFINITION = "task-definition"
SERVICE = "service"
SCALABLE_TARGET = "scalable-target"  # Application Auto Scaling: RegisterScalableTarget
SCALING_POLICY = "scaling-policy"  # Application Auto Scaling: PutScalingPolicy
# The resources around a service (issue 15): linted on their own, and read by template and
# module rules for what a service or task definition references.
CLUSTER = "cluster"
CAPACITY_PROVIDER = "capacity-provider"
CLUSTER_CAPACITY_PROVIDERS = "cluster-capacity-providers"  # PutClusterCapacityProviders / the association resources
TASK_SET = "task-set"
KINDS = (TASK_DEFINITION, SERVICE, SCALABLE_TARGET, SCALING_POLICY, CLUSTER, CAPACITY_PROVIDER,
         CLUSTER_CAPACITY_PROVIDERS, TASK_SET)
DEFAULT_KINDS = (TASK_DEFINITION, SERVICE)  # what a rule or template without `applies-to`/kinds judges
MAX_FILE_BYTES = 5 * 1024 * 1024  # default --max-file-size: a larger file is a read error


class Origin(Enum):
    """How a document was written. Rules never compare origins: they ask the view for what
    an origin means (`task_level_known`, `partial`, `observed`, `direct_request`)."""

    REGISTER = "register-input"  # register-task-definition (or a console export), register-scalable-target or put-scaling-policy input
    DESCRIBE = "describe-output"  # describe-task-definition output, wrapped or flattened
    CONTAINER_DEFINITIONS = "container-definitions"  # a bare containerDefinitions array (Terraform)
    CLOUDFORMATION = "cloudformation"  # a resource of a CloudFormation template (also SAM, CDK output)
    TERRAFORM_PLAN = "terraform-plan"  # a resource of `terraform show -json` output
    CREATE = "create-input"  # create-service (create-cluster, create-task-set...) input
    UPDATE = "update-input"  # update-service input
    DESCRIBE_SERVICES = "describe-services"  # one service of describe-services output

    @property
    def task_level_known(self) -> bool:
        """False for a bare container array: its task-level fields live elsewhere."""
        return self is not Origin.CONTAINER_DEFINITIONS

    @property
    def partial(self) -> bool:
        """update-service input carries only what changes: an absent field is "unchanged"."""
        return self is Origin.UPDATE

    @property
    def observed(self) -> bool:
        """describe output: state AWS reports, not a request anyone wrote."""
        return self is Origin.DESCRIBE or self is Origin.DESCRIBE_SERVICES

    @property
    def direct_request(self) -> bool:
        """The file is the API request itself, so no deployer's default fills what it omits
        (CloudFormation and Terraform have their own defaults)."""
        return self is Origin.REGISTER or self is Origin.CREATE

    @property
    def holds_unknowns(self) -> bool:
        """Values may be the UNKNOWN sentinel (intrinsics, "known after apply")."""
        return self is Origin.CLOUDFORMATION or self is Origin.TERRAFORM_PLAN


@dataclass
class Document:
    """One ECS document as a front end found it: its value in the ECS API form (what
    RegisterTaskDefinition / CreateService take) and a map from pointers in that form back
    to pointers in the user's file, so findings land on the user's own lines."""

    kind: str  # one of KINDS
    origin: Origin
    data: dict  # the ECS API form
    to_source: Callable[[tuple], tuple]  # API pointer tokens → source pointer tokens
    label: str = ""  # "task definition web" / "service api"
    schema: str = ""  # schema name to validate `data` against
    schema_root: tuple = ()  # where in `data` the schema applies
    extra_fields: list = field(default_factory=list)  # describe-output fields found (API pointers)
    unknown: object = None  # predicate: API pointer tokens → value cannot be known (templating)
    # Infrastructure-as-code facts (ecslint.inputs): CloudFormation sets them, others keep the defaults.
    not_required: frozenset = frozenset()  # root API members the format supplies itself (CFN: family)
    logical_id: str | None = None  # the template resource this document came from
    address: str | None = None  # what names it in its file whatever its position (ecslint.identity)
    task_definition_ref: str | None = None  # service → logical id of its task definition resource
    subnet_azs: dict = field(default_factory=dict)  # subnet → AZ facts from the same template
    # In-file suppressions [(rule id or name, reason)], e.g. a CloudFormation resource's
    # Metadata.ecslint.ignore; the engine marks matching findings as suppressed with the reason.
    suppressions: list = field(default_factory=list)
    # sensitive texts (Terraform sensitive values) never to echo in a message: a Redactor
    redact: object = ()
    miscased: list = field(default_factory=list)  # CloudFormation keys in the wrong case: (API pointer, key, spelling)
    # Application Auto Scaling links within a template or module (ecslint.ecs.scaling): the
    # resource this document is (logical id or address), what it references ("service",
    # "target"; "external": a target from outside the file), and the links made from them.
    resource_ref: str | None = None
    scaling_refs: dict = field(default_factory=dict)
    links: object = None  # ecslint.ecs.scaling.Links
    # API pointer → the resource of the same template/module the value there references
    # (ecslint.inputs.related: a container's log group, its image's repository)
    related: dict = field(default_factory=dict)
    # Whether `data` may hold the UNKNOWN sentinel: None leaves it to the origin; a front end
    # that knows (the CloudFormation mapper saw no intrinsic) says False, and the schema
    # step then validates the value as it is instead of copying it without the unknowns.
    holds_unknowns: bool | None = None


def longest_mapped_prefix(pmap: dict, tokens: tuple):
    """(source pointer of the longest mapped prefix of `tokens`, the unmapped rest), or
    (None, tokens): how the CloudFormation and Terraform mappers place an API pointer."""
    for i in range(len(tokens), -1, -1):
        hit = pmap.get(tokens[:i])
        if hit is not None:
            return hit, tokens[i:]
    return None, tokens


class Template:
    """A check implemented once in Python (`ecslint/checks/` or `ecslint/templates/`), run by
    the rules that name it with their params."""

    def __init__(self, name, check, params_schema=None, pair=False, engine=False, kinds=None):
        self.name = name
        # document kinds check() accepts; by default the two ECS kinds, whose views it reads
        self.kinds = tuple(kinds) if kinds else DEFAULT_KINDS
        self.check = check  # check(view, params, ctx) or, for pair templates, check(svc, td, params, ctx)
        self.params_schema = params_schema or {"type": "object", "additionalProperties": False}
        self.pair = pair  # runs on a service together with its task definition
        self.engine = engine  # findings are produced by the engine itself (parse, schema)


@dataclass(frozen=True, slots=True)
class Region:
    """1-based start and end position in the user's file (end column is exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self):
        # A slots dataclass pickles field by field through Python code (13 µs a Region on 3.11);
        # every finding crosses the pool's pipe, so rebuild from the values instead.
        return Region, (self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule reports: where (JSON pointer tokens into the ECS API form) and what.

    `pointer` is a tuple of tokens (str keys, int indexes) in the normalised document.
    """

    pointer: tuple
    message: str
    fact: str | None = None  # deployer-dependent (ecslint.deployers): the engine sets the severity
    fix: object = field(default=None, compare=False)  # an ecslint.fixes.Fix the rule proposes


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem placed in the user's file by the engine."""

    path: str
    region: Region
    rule: str
    name: str
    severity: Severity
    message: str
    pointer: str  # JSON pointer in the user's own file
    suppressed: str | None = None  # the reason, when a suppression matched
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    fix: object = field(default=None, compare=False, hash=False)  # ecslint.fixes.SourceFix
    # The name of the container the finding is about (resolved when it is placed, from the
    # document in the API form); config ignores scoped to a `container:` match it.
    container: str | None = field(default=None, compare=False, hash=False)
    identity: str | None = field(default=None, compare=False, hash=False)  # ecslint.identity; None: not in a document

    @property
    def suppression_kind(self) -> str | None:
        """How the finding was suppressed: "inSource" (a comment directive in the file) or
        "external" (a config `ignore:` entry, the document's own metadata); None if it is not."""
        if self.suppressed is None:
            return None
        return self.extra.get("suppression", "external")

    def __reduce__(self):  # as Region.__reduce__: 38 µs a finding (dump and load) became 14
        r = self.region
        return _finding, (self.path, r.line, r.column, r.end_line, r.end_column, self.rule, self.name,
                          int(self.severity), self.message, self.pointer, self.suppressed, self.extra, self.fix,
                          self.container, self.identity)

    def sort_key(self):
        r = self.region
        return (self.path, r.line, r.column, self.rule, self.pointer, self.message)

    def as_json(self) -> dict:
        r = self.region
        return {
            "path": self.path,
            "line": r.line,
            "column": r.column,
            "end_line": r.end_line,
            "end_column": r.end_column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "pointer": self.pointer,
        }


def pointer_str(tokens) -> str:
    """Tokens → RFC 6901 JSON pointer text."""
    if not tokens:
        return ""
    text = "/" + "/".join(map(str, tokens))
    if "~" not in text and text.count("/") == len(tokens):
        return text  # no token needs escaping: the common case, without a per-token pass
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def pointer_tokens(text: str) -> tuple:
    """RFC 6901 pointer text → tokens (digits become ints so they index lists)."""
    if not text:
        return ()
    out = []
    for raw in text.split("/")[1:]:
        tok = raw.replace("~1", "/").replace("~0", "~")
        # Only ASCII digits without a leading zero index a list (RFC 6901): int("²") raises,
        # and "01" is a key that must not be looked up as "1".
        is_index = tok.isascii() and tok.isdigit() and (tok == "0" or tok[0] != "0")
        out.append(int(tok) if is_index else tok)
    return tuple(out)


_SEVERITIES = {int(s): s for s in Severity}


def _finding(path, line, column, end_line, end_column, rule, name, severity, message, pointer, suppressed, extra,
             fix, container, identity) -> Finding:
    """A pickled Finding rebuilt (Finding.__reduce__)."""
    return Finding(path, Region(line, column, end_line, end_column), rule, name, _SEVERITIES[severity], message,
                   pointer, suppressed, extra, fix, container, identity)


class EcslintError(Exception):
    """ecslint could not do its job (exit code 2): bad usage, config, policy or path."""

    def __init__(self, message: str, path: str | None = None, region: Region | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.region = region

    def __str__(self) -> str:
        from ecslint.escape import visible  # paths and quoted config values reach stderr

        where = ""
        if self.path:
            where = visible(self.path)
            if self.region:
                where += f":{self.region.line}:{self.region.column}"
            where += ": "
        return where + visible(self.message)


def require_kind(kind: str | None) -> None:
    """A forced document kind (`--kind`, the API's `kind`) must be one of KINDS."""
    if kind is not None and kind not in KINDS:
        raise EcslintError(f'unknown kind "{kind}"; expected one of: {", ".join(KINDS)}')
