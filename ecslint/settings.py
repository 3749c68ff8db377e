"""What a run is configured with (after config and command line are merged), and the context
a check receives. Importable without the engine: config, policies and suppression build or
read settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ecslint.model import MAX_FILE_BYTES, SCALABLE_TARGET, SCALING_POLICY, SERVICE


@dataclass
class Settings:
    """Everything a run needs, after config and command line are merged (picklable)."""

    rules: dict  # rule id → (Rule, Severity, params)
    kind: str | None = None
    max_bytes: int = MAX_FILE_BYTES
    subnet_azs: dict = field(default_factory=dict)
    variables: dict = field(default_factory=dict)
    fixes: bool = False  # place the rules' fixes on findings (costs time per fixable finding)
    snippets: bool = False  # keep each finding's source text (SARIF region.snippet), redacted as messages are
    frames: bool = False  # keep each file's text, credentials blanked, for --show-source code frames
    tf_var_files: tuple = ()  # --tf-var-file, applied after the module's own .tfvars
    # display path → (deployer chain, why): from `deploy-with:` and the repository (ecslint.deployer_detection)
    deployments: dict = field(default_factory=dict)
    deploy_with: list = field(default_factory=list)  # Config.deploy_with
    # --fix that writes each file as it is linted (ecslint.fix_apply.LintFix), None otherwise
    fix_in_lint: object = None

    @property
    def pairs(self) -> bool:
        """Whether any enabled rule needs a service together with its task definition."""
        return bool(self.plan(None))

    @property
    def may_pair(self) -> bool:
        """Whether pair rules may run (they apply to services), decided without importing
        any template: a run over task definitions alone never imports the service rules.
        Asked once per document, so worked out once per run."""
        cached = self.__dict__.get("_may_pair")
        if cached is None:
            cached = self._may_pair = any(SERVICE in r.applies_to for r, _, _ in self.rules.values())
        return cached

    @property
    def may_link(self) -> bool:
        """Whether Auto Scaling rules may run, so that CLI input files are linked across the run."""
        cached = self.__dict__.get("_may_link")
        if cached is None:
            cached = self._may_link = any(k in r.applies_to for r, _, _ in self.rules.values()
                                          for k in (SCALABLE_TARGET, SCALING_POLICY))
        return cached

    def __getstate__(self):  # the plan cache holds templates (functions): rebuild, never pickle
        state = dict(self.__dict__)
        state.pop("_plans", None)
        return state

    def plan(self, kind):
        """[(rule, severity, params, template)] of the template rules for one document kind
        (None: the pair rules), worked out once per run rather than once per document."""
        plans = self.__dict__.setdefault("_plans", {})
        if kind not in plans:
            out = []
            for rule, sev, params in self.rules.values():
                if kind not in rule.applies_to and (kind is not None or SERVICE not in rule.applies_to):
                    continue  # decided before the template is imported (pair rules apply to services)
                from ecslint.registry import template

                tmpl = template(rule.template)
                if tmpl.engine or tmpl.pair != (kind is None):
                    continue
                out.append((rule, sev, params, tmpl))
            plans[kind] = out
        return plans[kind]

    def plan_part(self, kind, fixing: bool):
        """The plan's rules that may offer a fix (`fixing`), or those that never do: --fix lints
        a file with the first part, and with the rest only when the file stays as it is
        (ecslint.fix_apply.lint_and_fix); a fixed file is linted again whole."""
        plans = self.__dict__.setdefault("_plans", {})
        key = (kind, fixing)
        if key not in plans:
            from ecslint.fixes import safety_of

            plans[key] = [p for p in self.plan(kind) if (safety_of(p[0]) is not None) == fixing]
        return plans[key]

    def added_by_links(self, kind, alone, linked, ctx):
        """(problem, rule, severity) that the rules for `kind` find in `linked` (a document's
        view with what other files link to it) and not in `alone` (the same view unlinked):
        what the links of a cross-document stage add to the file's own lint."""
        for rule, sev, params, tmpl in self.plan(kind):
            before = set(tmpl.check(alone, params, ctx))
            for problem in tmpl.check(linked, params, ctx):
                if problem not in before:
                    yield problem, rule, sev


class Context:
    """What a template sees besides the document view and its params: the run's settings
    (what the document itself says, and what its origin means, are on the view)."""

    __slots__ = ("settings",)

    def __init__(self, settings: Settings):
        self.settings = settings
