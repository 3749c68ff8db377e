"""Run the rules: per file (parse, classify, validate, check), then across documents.

`lint_file` is a pure function of a path and the settings, so it can run in a worker process;
it returns findings already placed in the file, plus what the cross-document stage needs.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ecslint.ecs.arns import task_definition_family
from ecslint.ecs.secrets import redact_secrets
from ecslint.identity import finding_identity
from ecslint.model import SERVICE, TASK_DEFINITION, Finding, Origin, Problem, Region, pointer_str
from ecslint.registry import Rule
from ecslint.settings import Context, Settings

# Engine-produced rules (metadata in rules/*.yaml, template "engine").
UNPARSABLE = "ECS001"
DUPLICATE_KEY = "ECS002"
SCHEMA_RULES = {
    "unknown-property": "ECS101",
    "missing-required": "ECS102",
    "wrong-type": "ECS103",
    "invalid-value": "ECS104",
}
DESCRIBE_FIELDS = "ECS105"
UNRENDERED = "ECS006"


@dataclass
class FileResult:
    """One file's outcome, and what the later stages need of it, so that none of them reads
    the file again (it may be stdin, or rendered with --var). Picklable and small: it is
    what a worker process sends back."""

    path: str
    findings: list
    documents: int = 0
    skipped: str = ""  # reason, when the file holds no ECS document
    directives: list = field(default_factory=list)  # suppression comments (suppress.Directive)
    # For the pair stage: the text as linted (--var applied) and how it parsed, kept only for
    # a file with services, whose pair findings are placed in it after every file is linted
    # (read it with linted_text(): compact() moves it to a spill).
    text: str | None = None
    fmt: str = ""
    snippets: bool = False  # whether pair findings keep their source text (SARIF, text unchanged by --var)
    # --show-source: the text's lines as linted with every document's credentials blanked
    # (None when the file is not shown: changed by --var, or a credential that cannot be blanked).
    frame_lines: list | None = None
    # (family, data blob, origin, from a template resource)
    task_definitions: list = field(default_factory=list)
    pair_notes: list = field(default_factory=list)  # why a service was not paired (for -v)
    # (parsed index, document position, data blob, origin, the family its taskDefinition names:
    # worked out once here, not by unpickling the blob in the pair lookup and the pair stage)
    services: list = field(default_factory=list)
    deployer: str = ""  # which deployer's verdicts applied, and why (for -v)
    # CloudFormation links: (doc index, logical id) → (task definition blob, origin), and
    # position in `services` → (doc index, logical id of the task definition it references).
    linked_task_definitions: dict = field(default_factory=dict)
    service_refs: dict = field(default_factory=dict)
    # For the Auto Scaling links of CLI input across files (ecslint.scaling_links): the
    # services' ResourceIds, and the unlinked targets and policies.
    scaling_services: list = field(default_factory=list)  # (ResourceId, service blob)
    scaling: list = field(default_factory=list)  # (parsed index, position, kind, ResourceId, blob)
    # the cluster files' associations, for ecslint.cluster_links: (cluster, replaces, providers)
    cluster_providers: list = field(default_factory=list)
    # --fix while linting (ecslint.fix_apply.lint_and_fix): the fixes applied to the file,
    # or why it was left alone, or that its fixes were tried and none read back as described
    # (the pass after the run need not try them again)
    fixed: int = 0
    fix_refused: str | None = None
    fix_tried: bool = False

    def __getstate__(self):  # the parsed documents stay in the process that parsed them
        state = dict(self.__dict__)
        state.pop("_parsed", None)
        for name in _MAPPINGS:
            if isinstance(state[name], MappingProxyType):
                state[name] = {}
        return state

    def compact(self, spill) -> None:
        """Hold only what the later stages read, small (a large run holds every file's result
        until its pair stage): the pair blobs and the text go to `spill` (ecslint.spill; one
        reference for a blob kept twice), the parsed documents are dropped (placed_documents
        parses the text again for a service with pair findings), an empty container becomes
        one shared empty value, and the deployer line is interned (most files share it)."""
        self.__dict__.pop("_parsed", None)
        refs: dict = {}

        def put(blob):
            if id(blob) not in refs:
                refs[id(blob)] = spill.put(blob)
            return refs[id(blob)]

        if spill is not None:
            self.task_definitions = [(f, put(b), o, r) for f, b, o, r in self.task_definitions]
            self.linked_task_definitions = {k: (put(b), o) for k, (b, o) in self.linked_task_definitions.items()}
            self.services = [(i, p, put(b), o, f) for i, p, b, o, f in self.services]
            self.scaling_services = [(rid, put(b)) for rid, b in self.scaling_services]
            self.scaling = [(i, p, k, rid, put(b)) for i, p, k, rid, b in self.scaling]
            if isinstance(self.text, str):
                self.text = spill.put(self.text.encode("utf-8", "surrogatepass"))
        for name in _SEQUENCES:  # a tuple: no room kept for growth
            setattr(self, name, tuple(getattr(self, name)))
        for name in _MAPPINGS:
            if not getattr(self, name):
                setattr(self, name, _NO_ENTRIES)
        self.deployer = sys.intern(self.deployer)

    def linted_text(self) -> str:
        """The text as linted (kept for a file with services), wherever compact() put it."""
        from ecslint.spill import text_of

        return text_of(self.text) or ""

    def placed_documents(self, index: int, settings: Settings):
        """(place, documents, parsed value or None) of the file's parsed value `index`, where
        place(source pointer) → (path, region): kept from lint_text in this process, else worked
        out again from the carried text (a worker linted the file)."""
        cache = self.__dict__.setdefault("_parsed", {})
        if index not in cache:
            if is_terraform(self.path):
                cache[0] = (*_terraform_documents(self.path, self.linted_text(), settings)[:2], None)
            else:
                from ecslint import inputs
                from ecslint.source import parse

                source = parse(self.path, self.linted_text(), self.fmt or "auto")
                for parsed in source.documents:
                    cache[parsed.index] = (_placer(self.path, parsed.locator),
                                           inputs.classify(parsed.value, settings.kind)[0], parsed)
        return cache.get(index, (None, [], None))

    def document_placer(self, index: int, position: int, settings: Settings):
        """(the document at `position` of parsed value `index`, place(problem, rule, severity)
        → the Finding in this file): how the cross-document stages (pairs, Auto Scaling and
        cluster links) place what they find, one shape for all three."""
        place, documents, parsed = self.placed_documents(index, settings)
        doc = documents[position]
        snippet_from = (self.linted_text(), parsed) if self.snippets and parsed is not None else None

        def placed(problem, rule, severity) -> Finding:
            return _place(place, doc, problem, rule, severity, snippet_from=snippet_from)

        return doc, placed


# FileResult.compact: the fields a lint fills in and nothing adds to afterwards, held as tuples
# (pair_notes grows in the pair stage; findings stay a list, which callers concatenate).
_SEQUENCES = ("directives", "task_definitions", "services", "scaling_services", "scaling",
              "cluster_providers")
_MAPPINGS = ("linked_task_definitions", "service_refs")
_NO_ENTRIES: MappingProxyType = MappingProxyType({})


def _finding(path, region, rule: Rule, severity, message, pointer, fix=None) -> Finding:
    return Finding(path, region, rule.id, rule.name, severity, message, pointer_str(pointer), fix=fix)


def _placed_fix(problem: Problem, rule: Rule, doc, parsed, text: str, fixable: bool):
    """The problem's fix placed in the user's file, when the rule declares one and the text
    is what was linted (no --var substitution changed it)."""
    if problem.fix is None or not fixable:
        return None
    from ecslint.fix_edits import place
    from ecslint.fixes import safety_of

    safety = safety_of(rule)
    return place(problem.fix, doc, parsed, text, safety) if safety else None  # type: ignore[arg-type]


def _placed_hcl_fix(problem: Problem, rule: Rule, doc, evaluated: dict, text: str):
    """The problem's fix as edits of the `.tf` file (ecslint.fix_hcl), when the rule declares one."""
    if problem.fix is None:
        return None
    from ecslint.fix_hcl import place
    from ecslint.fixes import safety_of

    safety = safety_of(rule)
    src = doc.to_source(problem.pointer)
    ev = evaluated.get(src[0]) if src else None
    return place(problem.fix, doc, ev, text, safety) if safety and ev is not None else None  # type: ignore[arg-type]


def _placer(path, locator):
    """place(source pointer) → (path, region) for a file whose documents all lie in it. A
    container's findings mostly share one pointer (the element): each region is found once."""
    regions: dict = {}

    def place(src):
        region = regions.get(src)
        if region is None:
            region = regions[src] = locator.region(src)
        return path, region
    return place


# One document's (source pointer, its text, identity, container name) by API pointer: a
# document's findings are placed together, and share pointers (seven of a bare container's
# eight are at the element itself). One slot holding (document, memo), read once: two
# threads placing findings (the language server) may each replace it, never mix them.
_about_memo: list = [(None, {})]


def _about(doc, pointer: tuple) -> tuple:
    owner, memo = _about_memo[0]
    if owner is not doc:  # the slot holds its document, so `is` cannot match a new one
        memo = {}
        _about_memo[0] = (doc, memo)
    about = memo.get(pointer)
    if about is None:
        src = tuple(doc.to_source(pointer))
        about = memo[pointer] = (src, pointer_str(src), finding_identity(doc, pointer),
                                 _container_name(doc.data, pointer))
    return about


def _place(place, doc, problem: Problem, rule: Rule, severity, fix=None, snippet_from=None) -> Finding:
    """A document's problem as a finding in the user's file: its path and region, and the
    container it is about (read from the API form, whatever the file's own spelling).
    `snippet_from`: (the file's text, its parsed value) when the finding keeps the source of
    its region (SARIF region.snippet); _suppress redacts it as it redacts the message."""
    src, src_text, identity, container = _about(doc, problem.pointer)
    path, region = place(src)
    extra = {}
    if snippet_from is not None:
        from ecslint import snippets

        text = snippets.source_for(snippet_from[0], snippet_from[1], src, doc, problem.pointer)
        extra = snippets.extra(text, region) if text is not None else {}
    finding = Finding(path, region, rule.id, rule.name, severity, problem.message, src_text, extra=extra,
                      fix=fix, container=container, identity=identity)
    return _suppress(doc, finding)


def _container_name(data, pointer) -> str | None:
    if len(pointer) < 2 or pointer[0] != "containerDefinitions" or not isinstance(pointer[1], int):
        return None
    containers = data.get("containerDefinitions")
    if isinstance(containers, list) and 0 <= pointer[1] < len(containers) and isinstance(containers[pointer[1]], dict):
        name = containers[pointer[1]].get("name")
        return name if isinstance(name, str) else None
    return None


def _suppress(doc, finding: Finding) -> Finding:
    """Blank out the document's sensitive texts and anything secret-looking from the message,
    and mark the finding suppressed when the document's own metadata ignores its rule."""
    message = redact_secrets(finding.message)
    if message != finding.message:
        finding = replace(finding, message=message)
    snippet = finding.extra.get("snippet")
    if snippet is not None:
        from ecslint import snippets

        shown = snippets.redact(doc, snippet)
        if shown != snippet:
            extra = {k: v for k, v in finding.extra.items() if k != "snippet"}
            finding = replace(finding, extra={**extra, "snippet": shown} if shown else extra)
    if doc.redact:  # a Redactor (ecslint.redact): whole texts and cut prefixes, linear time
        if not callable(doc.redact):  # a front end that listed the texts: index them once
            from ecslint.redact import Redactor

            doc.redact = Redactor(doc.redact)
        message = doc.redact(finding.message)
        if message is not finding.message:
            finding = replace(finding, message=message)
    for rule, reason in doc.suppressions:
        if rule in (finding.rule, finding.name) and finding.suppressed is None:
            return replace(finding, suppressed=reason)
    return finding


def _format_for(path: str) -> str:
    low = path.lower()
    if low.endswith(".json") or low.endswith(".json.tpl"):
        return "json"
    if low.endswith((".yaml", ".yml")):
        return "yaml"
    return "auto"


def lint_text(display: str, text: str, settings: Settings, fmt: str = "auto", source=None,
              rest: list | None = None) -> FileResult:
    """One file's findings and what the later stages need of it. `source`: the text's parse
    (a SourceFile) when the caller has it (--fix re-lints the text it has just parsed).
    `rest`: a list when only the checks that may offer a fix are to run (--fix, whose fixed
    files are linted again whole); each document's remaining checks are appended to it, for
    lint_rest to run if the file stays as it is."""
    from ecslint import cluster_links, inputs, scaling_links
    from ecslint.inputs import rendering
    from ecslint.source import parse

    if fmt == "auto" and not parsed_as_source(display):
        if is_terraform(display):
            return _lint_terraform(display, text, settings)
        if display.lower().endswith(".tfvars"):
            return FileResult(display, [], skipped="a Terraform variables file (read with the module it sets)")
        return _lint_jsonnet(display, text, settings)
    if fmt == "auto":
        fmt = _format_for(display)
    linted = rendering.substitute(text, settings.variables)  # --var NAME=VALUE
    # Fixes are placed only when asked for (--fix, --diff, SARIF, the server); a fix edits only
    # what the user wrote, so never after a --var substitution changed the text.
    unchanged = linted is text or linted == text
    fixable = settings.fixes and unchanged
    # Snippets only of what the file says: a --var value (often a secret) is never copied out.
    snippets = settings.snippets and unchanged
    text = linted
    directives = _directives(display, text)
    if source is None or not unchanged or source.text != text:
        source = parse(display, text, fmt)
    rules = settings.rules
    findings = []
    if (source.error and (not source.error.limit or source.error.budget) and settings.kind is None
            and not inputs.looks_like_ecs(text)):
        why = source.error.message if source.error.budget else f"not valid {source.fmt.upper()}"
        return FileResult(display, [], skipped=f"{why}, and nothing in it looks like ECS", directives=directives)
    if source.error:
        # A file that is JSON/YAML only once rendered gets one clear finding, not a syntax error.
        if source.fmt == "json":
            hit = rendering.unrendered(text)
        else:
            hit = rendering.unrendered_yaml(text, source.error.region.line)
        if hit is not None:
            if UNRENDERED in rules:
                from ecslint.source import _region_at

                rule, sev, _ = rules[UNRENDERED]
                start, placeholder = hit
                findings.append(Finding(display, _region_at(text, start, start + len(placeholder)), rule.id,
                                        rule.name, sev, rendering.message(placeholder, source.fmt), ""))
            return FileResult(display, findings, skipped="a templated file that is not JSON until rendered",
                              directives=directives)
    if source.error:
        if UNPARSABLE in rules:
            rule, sev, _ = rules[UNPARSABLE]
            findings.append(Finding(display, source.error.region, rule.id, rule.name, sev, source.error.message, ""))
        return FileResult(display, findings, directives=directives)
    result = FileResult(display, findings, directives=directives)
    kept = {}  # parsed index → (place, documents) of the values holding services
    reasons = []
    shown_documents: list = []
    for parsed in source.documents:
        documents, reason = inputs.classify(parsed.value, settings.kind)
        if not documents:
            reasons.append(reason)
            continue
        locator = parsed.locator
        place = _placer(display, locator)
        snippet_from = (source.text, parsed) if snippets else None
        if DUPLICATE_KEY in rules:
            rule, sev, _ = rules[DUPLICATE_KEY]
            for ptr, key in parsed.duplicates:
                findings.append(_finding(display, locator.region(ptr), rule, sev,
                                         f'key "{key}" appears more than once; AWS keeps only the last value', ptr))
        shown_documents.extend(documents)
        for position, doc in enumerate(documents):
            result.documents += 1
            deployment = deployment_of(doc, settings.deployments.get(display), source.fmt)
            if not result.deployer:
                result.deployer = describe_deployment(deployment)
            for problem, rule, sev in check_document(doc, settings, deployment, None if rest is None else FIXING):
                fix = _placed_fix(problem, rule, doc, parsed, source.text, fixable)
                findings.append(_place(place, doc, problem, rule, sev, fix, snippet_from))
            if rest is not None:
                rest.append((place, doc, deployment, snippet_from))
            # kept pickled: small, and cheap to send back from a worker; a service's one blob
            # serves both its pairing and its scaling links (which pickle their own without pairs)
            blob = pickle.dumps(doc.data, 5) if settings.may_pair and doc.kind in (TASK_DEFINITION, SERVICE) else None
            if settings.may_link and doc.origin is not Origin.CLOUDFORMATION and scaling_links.record(
                    result, parsed.index, position, doc, blob):
                kept[parsed.index] = (place, documents, parsed)
            if settings.may_pair:
                cluster_links.record(result, doc)
                if doc.kind == TASK_DEFINITION:
                    result.task_definitions.append((doc.data.get("family"), blob, doc.origin,
                                                    doc.logical_id is not None))
                    if doc.logical_id is not None:
                        result.linked_task_definitions[(parsed.index, doc.logical_id)] = (blob, doc.origin)
                elif doc.kind == SERVICE:
                    if doc.task_definition_ref is not None:
                        result.service_refs[len(result.services)] = (parsed.index, doc.task_definition_ref)
                    result.services.append((parsed.index, position, blob, doc.origin, _named_family(doc)))
                    kept[parsed.index] = (place, documents, parsed)
    if settings.frames and unchanged and result.documents:
        result.frame_lines = _frame_lines(source.text, shown_documents)
    if kept:  # the pair stage places its findings from these, never from the file read again
        result.text, result.fmt, result.snippets = source.text, source.fmt, snippets
        result.__dict__["_parsed"] = kept
    if not result.documents:
        result.skipped = reasons[0] if reasons else "empty file"
    findings.sort(key=Finding.sort_key)
    return result


def lint_rest(result: FileResult, rest: list, settings: Settings) -> FileResult:
    """`result` completed with the checks lint_text left in `rest` (the rules that never offer
    a fix), for a --fix file that stays as linted: the same findings as one whole lint."""
    if rest:
        for place, doc, deployment, snippet_from in rest:
            for problem, rule, sev in check_document(doc, settings, deployment, REST):
                result.findings.append(_place(place, doc, problem, rule, sev, None, snippet_from))
        result.findings.sort(key=Finding.sort_key)
    return result


def is_terraform(path: str) -> bool:
    """Terraform source (.tf, .tf.json): read by the HCL front end, never as YAML."""
    return path.lower().endswith((".tf", ".tf.json"))


def parsed_as_source(path: str) -> bool:
    """Whether lint_text reads the file with source.parse (JSON, YAML), not a front end of its
    own (Terraform, .tfvars, Jsonnet)."""
    return not (is_terraform(path) or path.lower().endswith((".tfvars", ".jsonnet", ".libsonnet")))


def _terraform_documents(display: str, text: str, settings: Settings):
    """(place, documents, module, tf_file, reason, evaluated resources by address) of a
    Terraform file: the HCL front end evaluates the file within its module (sibling files, .tfvars)."""
    from ecslint.inputs import terraform_hcl as tfh

    module, tf_file = tfh.load_module(display, text, settings)
    pairs, reason = tfh.documents(module, tf_file, settings.kind)
    evaluated = {ev.address: ev for _, ev in pairs}
    placer = tfh.Placer(display, evaluated)
    return placer.place, [doc for doc, _ in pairs], module, tf_file, reason, evaluated


def _frame_lines(text: str, documents) -> list | None:
    """The file's lines for --show-source, redacted for each of its documents as SARIF
    snippets are (ecslint.snippets.redact); None when a credential cannot be blanked surely."""
    from ecslint import snippets
    from ecslint.source import normalise_newlines

    shown: str | None = text
    for doc in documents:
        shown = snippets.redact(doc, shown) if shown is not None else None
    return None if shown is None else normalise_newlines(shown).split("\n")


def _lint_terraform(display: str, text: str, settings: Settings) -> FileResult:
    from ecslint.inputs import terraform_hcl as tfh

    if not tfh.declares_ecs(text):  # decided without importing the parser
        return FileResult(display, [], skipped="a Terraform file without ECS resources")
    place, documents, module, tf_file, reason, evaluated = _terraform_documents(display, text, settings)
    fixable = settings.fixes and tf_file.error is None  # a fix of a file that parses in part is never checked
    findings: list = []
    result = FileResult(display, findings, directives=_directives(display, text))
    if tf_file.error is not None and UNPARSABLE in settings.rules:
        rule, sev, _ = settings.rules[UNPARSABLE]
        region, message = tf_file.error
        findings.append(Finding(display, region, rule.id, rule.name, sev, message, ""))
    for position, doc in enumerate(documents):
        result.documents += 1
        for problem, rule, sev in check_document(doc, settings):
            fix = _placed_hcl_fix(problem, rule, doc, evaluated, text) if fixable else None
            findings.append(_place(place, doc, problem, rule, sev, fix))
        if settings.may_pair:
            blob = pickle.dumps(doc.data, 5)
            if doc.kind == TASK_DEFINITION:
                result.task_definitions.append((doc.data.get("family"), blob, doc.origin, doc.logical_id is not None))
                if doc.logical_id is not None:
                    result.linked_task_definitions[(0, doc.logical_id)] = (blob, doc.origin)
            elif doc.kind == SERVICE and doc.task_definition_ref is None:
                result.services.append((0, position, blob, doc.origin, _named_family(doc)))  # paired by family after every file
            elif doc.kind == SERVICE and settings.pairs:
                # The module names the resource: pair it here, where the documents and their
                # positions already are, instead of evaluating the module again later.
                ref = doc.task_definition_ref
                linked_doc = next((d for d in documents if d.logical_id == ref and d.kind == TASK_DEFINITION), None)
                linked = linked_doc.data if linked_doc else tfh.task_definition_data(module, ref)  # or another file of the module
                if linked is not None:
                    from ecslint.ecs.views import ServiceView, TaskDefinitionView

                    td_origin = linked_doc.origin if linked_doc is not None else doc.origin
                    pair = ServiceView(doc.data, doc.origin), TaskDefinitionView(linked, td_origin)
                    for problem, rule, sev in check_pair(*pair, settings):
                        findings.append(_place(place, doc, problem, rule, sev))
    if result.services:  # the pair stage places its findings from these
        result.text = text
        result.__dict__["_parsed"] = {0: (place, documents, None)}
    if not result.documents and not findings:
        result.skipped = reason or "empty file"
    findings.sort(key=Finding.sort_key)
    return result


def _lint_jsonnet(display: str, text: str, settings: Settings) -> FileResult:
    """Lint what the Jsonnet evaluates to; findings keep their pointers, and sit at the top of
    the file (the evaluated JSON's lines are not the user's)."""
    from ecslint.inputs import jsonnet

    rendered, why = jsonnet.evaluate(display, text, settings.variables)
    if rendered is None:
        return FileResult(display, [], skipped=why)
    result = lint_text(display, rendered, settings, "json")
    top = Region(1, 1, 1, 1)
    result.findings = [replace(f, region=top) for f in result.findings]
    result.services = []  # pair findings would be placed in the evaluated JSON, not the user's file
    return result


class ReadError(Exception):
    """A path could not be read (exit code 2); the message names the file and the reason."""


def lint_file(path: str, settings: Settings, display: str | None = None) -> FileResult:
    display = display or path
    read = read_text(path, settings, display)
    return read if isinstance(read, FileResult) else lint_text(display, read[1], settings)


def read_text(path: str, settings: Settings, display: str):
    """(the file's bytes, its decoded text), or the FileResult of a file that does not decode;
    ReadError when it cannot be read."""
    from ecslint.source import ParseError, decode, read_bytes

    try:
        if path != "-" and not stat.S_ISREG(os.stat(path).st_mode):
            raise ValueError("not a regular file")  # never open a FIFO or device: it may block
        data = read_bytes(path, settings.max_bytes)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ReadError(f"{display}: cannot read: {reason}") from None
    try:
        return data, decode(data)
    except ParseError as exc:
        return _unparsable(display, exc.message, exc.region, settings)


def _directives(display: str, text: str) -> list:
    """Suppression comments of a YAML or Terraform file (`#` comments; JSON has none), from
    the text linted."""
    if not display.lower().endswith((".yaml", ".yml", ".tf")) or "ecslint:" not in text:
        return []
    from ecslint.suppress import scan

    return scan(display, text)


def _unparsable(display, message, region, settings) -> FileResult:
    findings = []
    if UNPARSABLE in settings.rules:
        rule, sev, _ = settings.rules[UNPARSABLE]
        findings.append(Finding(display, region, rule.id, rule.name, sev, message, ""))
    return FileResult(display, findings)


_IMPLIED = {Origin.CLOUDFORMATION: ("cloudformation", "a CloudFormation template resource"),
            Origin.TERRAFORM_PLAN: ("terraform", "a Terraform plan"),
            Origin.CONTAINER_DEFINITIONS: ("terraform", "a container-definitions array (Terraform's container_definitions)")}


def deployment_of(doc, known, fmt: str) -> tuple:
    """(chain or None, deployers the file may go to, why) for one document: the format's own
    deployer (a CloudFormation resource goes to CloudFormation), else the configured or
    detected one, else CodeDeploy when an image is its <IMAGEn_NAME> placeholder."""
    from ecslint import deployers

    implied = _IMPLIED.get(doc.origin)
    if implied is not None:
        return (implied[0],), (implied[0],), implied[1]
    options = deployers.candidates(doc.kind, fmt)
    if known is not None:
        return known[0], options, known[1]
    if doc.kind == TASK_DEFINITION:
        hit = deployers.codedeploy_placeholder(doc.data)
        if hit is not None:
            return (deployers.CODEDEPLOY,), options, f'an image is the CodeDeploy placeholder "{hit}"'
    return None, options, ""


def describe_deployment(deployment) -> str:
    chain, options, why = deployment
    if chain is None:
        return ("deployer unknown (none in deploy-with, none detected): a verdict that depends on the deployer "
                "is a warning naming who rejects it; possible: " + ", ".join(options))
    return " then ".join(chain) + f" ({why})"


def _with_verdict(problem: Problem, sev, deployment):
    """The severity and message of a deployer-dependent problem for this document's deployer."""
    from ecslint.deployers import verdict

    chain, options, _ = deployment
    assert problem.fact is not None
    sev, text = verdict(problem.fact, chain, options, sev)
    return Problem(problem.pointer, f"{problem.message}; {text}", problem.fact, problem.fix), sev


# check_document's parts: the checks that may offer a fix (the schema's, the describe-output
# fields', and the template rules with a `fix:`), and the template rules that never do.
FIXING, REST = "fixing", "rest"


def check_document(doc, settings: Settings, deployment=None, part: str | None = None):
    """(Problem, Rule, Severity) for one document: schema rules, then every template rule
    (`part`: only those of FIXING or of REST)."""
    deployment = deployment or deployment_of(doc, None, "json")
    for problem, rule, sev in _check_document(doc, settings, part):
        if problem.fact is not None:
            problem, sev = _with_verdict(problem, sev, deployment)
        yield problem, rule, sev


def _check_document(doc, settings: Settings, part: str | None = None):
    from ecslint.ecs.views import view_of

    if doc.subnet_azs:  # the template's own subnet facts; the config's map still wins
        settings = replace(settings, subnet_azs={**doc.subnet_azs, **settings.subnet_azs})
    if part != REST:
        yield from _schema_checks(doc, settings.rules)
    view = view_of(doc)
    ctx = Context(settings)
    plan = settings.plan(doc.kind) if part is None else settings.plan_part(doc.kind, part == FIXING)
    for rule, sev, params, tmpl in plan:
        for problem in tmpl.check(view, params, ctx):
            yield problem, rule, sev


def _schema_checks(doc, rules):
    """The document's describe-output fields, miscased properties and schema violations."""
    from ecslint.deployers import DESCRIBE_FIELD, MISCASED_PROPERTY
    from ecslint.unknowns import validate_known

    if DESCRIBE_FIELDS in rules and doc.extra_fields:
        rule, sev, _ = rules[DESCRIBE_FIELDS]
        names = ", ".join(p[0] for p in doc.extra_fields)
        what = "describe-task-definition" if doc.kind == TASK_DEFINITION else "describe-services"
        first = doc.extra_fields[0]
        from ecslint.fixes import Fix, Op

        fix = Fix(f"remove the {what} output fields", tuple(Op("remove", p) for p in doc.extra_fields))
        yield Problem(first, f"{doc.label} has fields that only {what} output carries ({names})",
                      DESCRIBE_FIELD, fix), rule, sev
    if doc.miscased and SCHEMA_RULES["unknown-property"] in rules:
        rule, sev, _ = rules[SCHEMA_RULES["unknown-property"]]
        for ptr, key, spelt in doc.miscased:
            yield Problem(ptr, f'unknown property "{key}"; CloudFormation property names are case-sensitive: '
                               f'did you mean "{spelt}"?', MISCASED_PROPERTY), rule, sev
    data = doc.data
    target = data
    for tok in doc.schema_root:
        target = target[tok]
    extra = {p[0] for p in doc.extra_fields}
    unknowns = doc.origin.holds_unknowns if doc.holds_unknowns is None else doc.holds_unknowns
    for err in validate_known(doc.schema, target, unknowns):
        rid = SCHEMA_RULES[err.kind]
        if rid not in rules:
            continue
        ptr = tuple(doc.schema_root) + tuple(err.pointer)
        if err.kind == "unknown-property" and len(ptr) == 1 and ptr[0] in extra:
            continue  # already reported once as describe-output fields
        if err.kind == "missing-required" and not ptr and doc.kind == SERVICE and err.field in ("serviceName", "service"):
            continue  # deploy tools (ecspresso, the ECS deploy action) and the CLI's --service supply the name
        if err.kind == "missing-required" and not ptr and err.field in doc.not_required:
            continue  # the format supplies it (CloudFormation generates a family when none is given)
        rule, sev, _ = rules[rid]
        from ecslint.fixes import prefixed

        yield Problem(ptr, err.message, err.fact, prefixed(err.fix, tuple(doc.schema_root))), rule, sev


def check_pair(svc, td, settings: Settings):
    """(Problem, Rule, Severity) for a service and the task definition it runs (their views)."""
    ctx = Context(settings)
    for rule, sev, params, tmpl in settings.plan(None):
        for problem in tmpl.check(svc, td, params, ctx):
            yield problem, rule, sev


def pair_jobs(results: list[FileResult], settings: Settings):
    """Per file with services, in order: (its FileResult, [(service index in the file, document
    index, document position, service blob, service origin, (task definition blob, origin))])
    for each service whose task definition is in the run: the one task definition of its
    family, or the template resource it references. A generator: a large run's jobs are
    checked one by one, never all held at once."""
    if not any(res.services for res in results) or not settings.pairs:
        return
    families: dict = {}
    for res in results:
        for family, blob, origin, resource in res.task_definitions:
            if isinstance(family, str):
                families.setdefault(family, []).append((res.path, (blob, origin), resource))
    for res in results:
        pairs = []
        for pos, (index, position, blob, origin, fam) in enumerate(res.services):
            if pos in res.service_refs:  # a template's service runs the resource it references
                linked = res.linked_task_definitions.get(res.service_refs[pos])
                candidates = [linked] if linked is not None else []
            else:
                candidates = _nearest(res, fam, families.get(fam, []))
            if len(candidates) == 1:  # absent, or ambiguous (several variants of one family)
                pairs.append((pos, index, position, blob, origin, candidates[0]))
        if pairs:
            yield res, pairs


def _named_family(doc) -> str | None:
    """The family a service document's taskDefinition names (family, family:revision, ARN)."""
    return task_definition_family(doc.data.get("taskDefinition"))


def _nearest(res: FileResult, family, found: list) -> list:
    """The (task definition blob, origin) a service naming `family` pairs with: a template
    resource only from the service's own file (another stack's resource of the same family is
    unrelated), then the nearest: the same file, else the same directory. When several remain,
    none, with a note for -v: an ambiguous pair is skipped rather than guessed."""
    found = [f for f in found if not f[2] or f[0] == res.path]
    if len(found) > 1:
        for near in (lambda p: p == res.path, lambda p: os.path.dirname(p) == os.path.dirname(res.path)):
            close = [f for f in found if near(f[0])]
            if close:
                found = close
                break
        else:  # then the one sharing the most of the service's directory (a repository search)
            depth = {f[0]: _shared_depth(f[0], res.path) for f in found}
            deepest = max(depth.values())
            found = [f for f in found if depth[f[0]] == deepest]
    if len(found) > 1:
        where = ", ".join(sorted({f[0] for f in found}))
        res.pair_notes.append(f'{len(found)} task definitions of family "{family}" are equally near ({where}); '
                              f"the service's cross-document checks are skipped")
    return [f[1] for f in found]


def _shared_depth(a: str, b: str) -> int:
    """How many leading directories two files' paths share."""
    da = os.path.dirname(os.path.abspath(a)).split(os.sep)
    db = os.path.dirname(os.path.abspath(b)).split(os.sep)
    n = 0
    for x, y in zip(da, db):
        if x != y:
            break
        n += 1
    return n


def check_pairs_in_file(job, settings: Settings) -> list[Finding]:
    """Findings of the pair rules for the services of one file, placed in that file from
    what its FileResult carries."""
    from ecslint.ecs.views import ServiceView, TaskDefinitionView
    from ecslint.spill import load

    res, pairs = job
    findings: list[Finding] = []
    cached = "_parsed" in res.__dict__  # else parsed here for placing only: let it go after
    for _, index, position, blob, origin, (td_blob, td_origin) in pairs:
        svc = ServiceView(load(blob), origin)
        problems = list(check_pair(svc, TaskDefinitionView(load(td_blob), td_origin), settings))
        if not problems:
            continue
        _, placed = res.document_placer(index, position, settings)
        findings.extend(placed(problem, rule, sev) for problem, rule, sev in problems)
    if not cached:
        res.__dict__.pop("_parsed", None)
    return findings


def cross_document(results: list[FileResult], settings: Settings) -> list[Finding]:
    """Pair each service with the one task definition of its family linted in the same run,
    and link Auto Scaling input to the service and target files of the run, and services to
    the cluster files of the run."""
    from ecslint import cluster_links, scaling_links

    pairs = [f for job in pair_jobs(results, settings) for f in check_pairs_in_file(job, settings)]
    return pairs + scaling_links.findings(results, settings) + cluster_links.findings(results, settings)


def discover(paths, excluded=None, gitignore=True, errors=None):
    """Files to lint, in sorted order: named files as given, directories walked for
    .json/.yaml/.yml/.tf (.tf.json is .json); skips VCS folders, .terraform, node_modules, virtual environments, symlinks that
    leave the tree, anything that is not a regular file, and (with `gitignore`) what
    .gitignore excludes under a walked directory. A sub-directory that cannot be read (no
    permission, a path too long) is added to `errors`, never skipped in silence."""
    skip_dirs = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
                 ".terraform", ".mypy_cache", ".pytest_cache", "cdk.out.bak"}
    seen = set()
    for p in paths:
        if p == "-":
            yield p
            continue
        if os.path.isdir(p):
            root_real = os.path.realpath(p)
            ignored = None
            if gitignore:
                from ecslint.gitignore import Ignored

                ignored = Ignored(p)
            def unreadable(exc: OSError) -> None:
                if errors is not None:
                    errors.append(f"{exc.filename}: cannot read the directory: {exc.strerror or exc}")

            for dirpath, dirnames, filenames in os.walk(p, onerror=unreadable, followlinks=False):
                if ignored:
                    ignored.enter(dirpath, filenames)
                dirnames[:] = sorted(d for d in dirnames if d not in skip_dirs and not
                                     os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg"))
                                     and not (ignored and ignored.dir(os.path.join(dirpath, d))))
                for name in sorted(filenames):
                    # *.tpl.json and *.template.json end in .json already; *.template is
                    # CloudFormation's own suffix (JSON or YAML: told apart by content)
                    if not name.lower().endswith((".json", ".yaml", ".yml", ".tf", ".json.tpl", ".template")):
                        continue
                    if ignored and ignored.file(os.path.join(dirpath, name)):
                        continue
                    full = os.path.join(dirpath, name)
                    try:
                        st = os.lstat(full)  # one stat for a regular file; realpath only for links
                        if stat.S_ISLNK(st.st_mode):
                            real = os.path.realpath(full)
                            if not (real + os.sep).startswith(root_real + os.sep):
                                continue  # a link out of the tree
                            st = os.stat(real)
                    except OSError:
                        continue  # dangling link, link loop
                    if not stat.S_ISREG(st.st_mode):
                        continue  # FIFO, device, a link to a directory
                    key: tuple = (st.st_dev, st.st_ino)
                    if key in seen:
                        continue  # a file already read (through a symlink or a hard link)
                    if excluded and excluded(full):
                        continue
                    seen.add(key)
                    yield full
        else:
            # Named paths are read as given (even a link out of the tree: the user named it);
            # a path that cannot be stat'ed is yielded so lint_file reports why.
            key = _file_key(p) or ("path", os.path.realpath(p))
            if key in seen:
                continue
            seen.add(key)
            yield p


def _file_key(path):
    """(device, inode): the same for a file reached through a symlink or a hard link, which
    realpath alone does not catch for hard links."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
