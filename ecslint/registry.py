"""The rule registry: every rule is one YAML file (metadata, docs, and the check it runs).

Rules are data in `rules/`, read through importlib.resources. A rule's logic is the check
named after it (`ecslint/checks/<rule_name>.py`) or, when its YAML names a `template:`, a
reusable template (`ecslint/templates/<name>.py`); either is imported lazily the first time
a rule that uses it runs.
Registration is pull-based: the registry lists files and modules; nothing registers itself
by import side effect. User policies (and plugins) produce Rule values of the same shape.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache

from ecslint.model import DEFAULT_KINDS, KINDS, EcslintError, Severity, Template

CATEGORIES = ("engine", "schema", "fargate", "networking", "resources", "security", "reliability",
              "logging", "service", "policy")
RULE_KEYS = {"id", "name", "severity", "category", "applies-to", "summary", "template", "params",
             "remediation", "references", "peers", "security-severity", "docs", "aliases",
             "message", "select", "assert", "when", "help-uri", "preset", "options", "fix"}
SECURITY = "security"  # the category of the security rules
DOCS_URL = "https://github.com/ecslint/ecslint/blob/main/docs/rules/{id}.md"


def docs_url(rule_id: str, help_uri: str = "") -> str | None:
    """Where a rule is documented: its own `help-uri`, else the generated page of a built-in
    rule (ids starting with ECS are reserved for them); None for a policy or plugin rule
    without one (there is no page to link)."""
    if help_uri:
        return help_uri
    return DOCS_URL.format(id=rule_id) if rule_id.startswith("ECS") else None


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    category: str
    applies_to: tuple
    summary: str
    template: str
    # What the check runs with: the rule's fixed wiring plus each option's default. A config
    # may change only the declared `options` (name → JSON Schema with default and description).
    params: dict = field(default_factory=dict, hash=False, compare=False)
    options: dict = field(default_factory=dict, hash=False, compare=False)
    remediation: str = ""
    references: tuple = ()
    peers: dict = field(default_factory=dict, hash=False, compare=False)
    security_severity: float | None = None
    docs: dict = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple = ()
    help_uri: str = ""
    preset: str = "recommended"  # "recommended" rules are on by default; "all" only with --preset all
    source: str = ""  # file the rule was read from
    raw: dict = field(default_factory=dict, hash=False, compare=False)  # the whole definition

    @property
    def security(self) -> bool:
        """A security rule: its `category` is security (every rule with a security-severity
        is one). Reports that sort findings by kind use this (GitLab's Security category)."""
        return self.category == SECURITY

    @property
    def docs_url(self) -> str | None:
        return docs_url(self.id, self.help_uri)


_ENGINE = Template("engine", None, engine=True)


PACKAGES = ("ecslint.checks", "ecslint.templates")  # one rule's check, then reusable templates


@cache
def template(name: str) -> Template:
    """The check or template called `name`: `ecslint/checks/`, `ecslint/templates/`, then plugins."""
    if name == "engine":
        return _ENGINE
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise EcslintError(f'"{name}" is not a template name')
    for package in PACKAGES:
        module_name = f"{package}.{name.replace('-', '_')}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the module exists but an import inside it failed
            continue
        return module.TEMPLATE
    found = plugins()[1].get(name)  # templates that installed plugins provide
    if found is None:
        raise EcslintError(f'unknown template "{name}"')
    return found


def template_names(packages=PACKAGES) -> list[str]:
    import importlib
    import pkgutil

    names = []
    for package in packages:
        pkg = importlib.import_module(package)
        names += [m.name.replace("_", "-") for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")]
    return sorted(names)


def rule_from_dict(d: dict, source: str, namespace_check=None) -> Rule:
    """Build a Rule from its definition; raise EcslintError naming what is wrong."""
    unknown = set(d) - RULE_KEYS
    if unknown:
        raise EcslintError(f"unknown key {sorted(unknown)[0]!r} in rule definition", source)
    for key in ("id", "name", "severity", "summary"):
        if not isinstance(d.get(key), str):
            raise EcslintError(f'rule definition needs a string "{key}"', source)
    applies = d.get("applies-to", list(DEFAULT_KINDS))
    if not isinstance(applies, list) or not set(applies) <= set(KINDS):
        raise EcslintError(f'"applies-to" must list kinds from {list(KINDS)}', source)
    try:
        sev = Severity.parse(d["severity"])
    except KeyError:
        raise EcslintError(f'severity "{d["severity"]}" is not one of error, warning, info', source) from None
    if d.get("fix") not in (None, "safe", "unsafe"):
        raise EcslintError('"fix" must be safe or unsafe (whether the rule\'s fix keeps what AWS deploys)', source)
    # Without `template:` a rule runs select-assert (when it has `select`) or the check named after it.
    tmpl = d.get("template") or ("select-assert" if "select" in d else d["name"])
    options = d.get("options") or {}
    if not isinstance(options, dict) or not all(isinstance(spec, dict) for spec in options.values()):
        raise EcslintError('"options" must map each option name to its JSON Schema', source)
    fixed = dict(d.get("params") or {})
    both = sorted(set(fixed) & set(options))
    if both:
        raise EcslintError(f'"{both[0]}" is both fixed in params and a user option', source)
    params = {name: spec["default"] for name, spec in options.items() if "default" in spec}
    params.update(fixed)
    if "select" in d:
        params.update({"select": d["select"], "assert": d.get("assert", {}), "message": d.get("message", "")})
        if d.get("when") is not None:
            params["when"] = d["when"]
    return Rule(
        id=d["id"], name=d["name"], severity=sev, category=d.get("category", "policy"),
        applies_to=tuple(applies), summary=d["summary"], template=tmpl, params=params, options=dict(options),
        remediation=d.get("remediation", ""), references=tuple(d.get("references") or ()),
        peers=dict(d.get("peers") or {}), security_severity=d.get("security-severity"),
        docs=dict(d.get("docs") or {}), aliases=tuple(d.get("aliases") or ()),
        help_uri=d.get("help-uri", ""), preset=d.get("preset", "recommended"), source=source, raw=d,
    )


def _load_yaml_file(path, text):
    from ecslint.source import parse_yaml

    parsed = parse_yaml(str(path), text)
    if parsed.error:
        raise EcslintError(parsed.error.message, str(path), parsed.error.region)
    return parsed


INDEX = "index.json"


def rule_definitions(folder, installed: bool = False) -> list[tuple[str, dict]]:
    """(file name, definition) for every rules/*.yaml, in name order.

    Parsing ~100 YAML files costs more than the whole lint of a small file, so the parsed
    definitions are cached in rules/index.json keyed by each file's content hash
    (`scripts/gen_docs.py` writes it, a test keeps it current). A file whose hash does not
    match is parsed from its YAML, so an edit is never hidden by a stale cache. `installed`:
    the rules a wheel ships, whose index was built with them, are read from it alone (reading
    and hashing 160 files was 4-5 ms of every start-up).
    """
    import json

    try:
        cached = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = {}
    if installed and cached:
        return [(name, d) for name in sorted(cached) for d in cached[name]["definitions"]]
    import hashlib

    out: list = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = entry.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        hit = cached.get(entry.name)
        if hit and hit.get("sha256") == digest:
            out.extend((entry.name, d) for d in hit["definitions"])
            continue
        parsed = _load_yaml_file(entry.name, data.decode("utf-8"))
        out.extend((entry.name, doc.value) for doc in parsed.documents)
    return out


def rule_index(folder) -> dict:
    """The content of rules/index.json for the YAML files in `folder`."""
    import hashlib

    index = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            data = entry.read_bytes()
            parsed = _load_yaml_file(entry.name, data.decode("utf-8"))
            index[entry.name] = {"sha256": hashlib.sha256(data).hexdigest(),
                                 "definitions": [d.value for d in parsed.documents]}
    return index


@cache
def builtin_rules() -> tuple[Rule, ...]:
    from ecslint.resources import data_path

    folder = data_path("rules")
    installed = folder.parent.name == "_data"  # inside the wheel (ecslint.resources), not a checkout
    return tuple(rule_from_dict(d, f"rules/{name}") for name, d in rule_definitions(folder, installed))


@cache
def plugins() -> tuple[tuple[Rule, ...], dict]:
    """(rules, {template name: Template}) from installed packages' `ecslint.rules` entry points.

    An entry point names an iterable, or a callable returning one, of `Rule` values, rule
    definitions (dicts in the rules/*.yaml format) and `Template` objects. A plugin rule runs
    a template by name: a built-in one or one its plugin provides (see docs/writing-policies.md).
    """
    if os.environ.get(NO_PLUGINS_ENV) or not _declares_entry_points("ecslint.rules"):
        return (), {}
    from importlib.metadata import distributions

    found: dict = {}
    for dist in distributions(path=installed_path()):
        for ep in dist.entry_points:
            if ep.group == "ecslint.rules":
                found.setdefault(ep.name, ep)  # the first on the path wins, as for imports
    rules, templates = [], {}
    for ep in sorted(found.values(), key=lambda e: e.name):
        where = f"plugin {ep.name} ({ep.value})"
        try:
            provided = _load_installed(ep)
            items = list(provided() if callable(provided) else provided)
        except Exception as exc:  # noqa: BLE001 - a broken plugin is a clear error, not a traceback
            raise EcslintError(f"cannot load {where}: {type(exc).__name__}: {exc}") from None
        for item in items:
            if isinstance(item, Template):
                if item.name in templates or _is_builtin_template(item.name):
                    raise EcslintError(f'{where}: template "{item.name}" is already defined')
                templates[item.name] = item
            elif isinstance(item, dict):
                rules.append(rule_from_dict(item, where))
            elif isinstance(item, Rule):
                rules.append(item)
            else:
                raise EcslintError(f"{where}: provides {type(item).__name__}; expected Rule, Template or a rule dict")
    for r in rules:
        if r.id.startswith("ECS"):
            raise EcslintError(f'{where}: rule id "{r.id}" starts with ECS, which is reserved for built-in rules')
    return tuple(rules), templates


def _is_builtin_template(name: str) -> bool:
    return name == "engine" or name in template_names()


def plugin_rules() -> tuple[Rule, ...]:
    return plugins()[0]


NO_PLUGINS_ENV = "ECSLINT_NO_PLUGINS"  # set by --no-plugins and `plugins: false` (workers inherit it)


def disable_plugins() -> None:
    os.environ[NO_PLUGINS_ENV] = "1"
    plugins.cache_clear()
    default_registry.cache_clear()


def installed_path() -> list:
    """sys.path without the current directory: plugins come from the installed environment,
    never from the checkout being linted (`python -m ecslint` puts "" first, and a
    `*.dist-info` committed there would otherwise be loaded)."""
    here = os.getcwd()
    return [p for p in sys.path if p and os.path.abspath(p) != here]


def _load_installed(ep):
    """ep.load() with the current directory off sys.path, so the plugin's module (and what it
    imports) cannot be shadowed by a file of the same name in the checkout."""
    saved = sys.path[:]
    sys.path[:] = installed_path()
    try:
        return ep.load()
    finally:
        sys.path[:] = saved


def _declares_entry_points(group: str) -> bool:
    """Whether any installed distribution declares `group`, without importing
    importlib.metadata (15-60 ms, a third of a small run): a scan of the dist-info
    folders on sys.path for the group's header in entry_points.txt."""
    header = f"[{group}]"
    for folder in installed_path():
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                        if header in fh.read():
                            return True
                except OSError:
                    continue
    return False


class Registry:
    """All known rules, looked up by id, name or alias."""

    def __init__(self, rules):
        self.rules = tuple(sorted(rules, key=lambda r: r.id))
        self.by_key: dict = {}
        for r in self.rules:
            for key in (r.id, r.name, *r.aliases):
                if key in self.by_key and self.by_key[key] is not r:
                    raise EcslintError(f'rule id or name "{key}" is defined twice ({self.by_key[key].source}, {r.source})')
                self.by_key[key] = r

    def get(self, key: str) -> Rule | None:
        return self.by_key.get(key) or self.by_key.get(key.upper())

    def match(self, selector: str) -> list[Rule]:
        """Rules a selector names: an id, a name, an alias, a category, or an id prefix."""
        rule = self.get(selector)
        if rule:
            return [rule]
        if selector in CATEGORIES:
            return [r for r in self.rules if r.category == selector]
        prefix = selector.upper()
        return [r for r in self.rules if r.id.startswith(prefix) and len(prefix) >= 3]

    def suggest(self, selector: str) -> str:
        """'; did you mean "X"?' for an unknown selector: the closest id, name, alias or category."""
        from ecslint.schema_errors import did_you_mean

        return (did_you_mean(selector, [*self.by_key, *CATEGORIES])
                or did_you_mean(selector.upper(), [r.id for r in self.rules]))


@cache
def default_registry() -> Registry:
    return Registry(builtin_rules() + plugin_rules())
