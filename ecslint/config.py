"""`.ecslint.yaml`: discovery, validation against its own JSON Schema, and the precedence
built-in defaults < preset (`extends`) < config file < command line.

`extends` is a preset name or the path of another config file (relative to the file that
names it); the extended file is loaded first and this file's settings override it: `rules`
and `subnet-azs` merge key by key, `exclude` and `ignore` add up, `fail-on` replaces.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecslint.model import EcslintError, Region, Severity, pointer_tokens

if TYPE_CHECKING:
    from ecslint.source import Locator

CONFIG_NAMES = (".ecslint.yaml", ".ecslint.yml")
PYPROJECT = "pyproject.toml"  # its [tool.ecslint] table, when it has one
PRESETS = ("recommended", "all", "security-hub")
SECURITY_HUB = "security-hub"  # the rules mapped to Security Hub ECS controls (peers: security-hub)


@dataclass
class Config:
    path: str | None = None
    extends: str = "recommended"
    rules: dict = field(default_factory=dict)  # selector → "off" | severity | {severity, options}
    fail_on: str | None = None
    subnet_azs: dict = field(default_factory=dict)
    exclude: list = field(default_factory=list)
    policies: list = field(default_factory=list)  # policy file paths/globs, relative to the config file
    plugins: bool = True  # load installed plugins' rules (`plugins: false` turns them off)
    raw: dict = field(default_factory=dict)
    locator: Locator | None = None  # to place errors found after schema validation
    ignore: list = field(default_factory=list)  # Ignore entries, from extended files first
    rule_origins: dict = field(default_factory=dict)  # rules selector → (config path, its Locator)
    # `deploy-with:` [(base directory, glob, deployer chain, config path)], this file's first
    deploy_with: list = field(default_factory=list)


@dataclass(frozen=True)
class Ignore:
    """One scoped suppression from `ignore:` in a config file."""

    rule: str  # id or name, as written
    reason: str
    paths: tuple = ()  # globs relative to `base`; empty = every file
    pointer: str | None = None  # JSON pointer prefix; `*` matches any one segment
    container: str | None = None  # container name
    base: str = "."  # directory of the config file that holds the entry
    source: str | None = None  # that config file
    region: Region | None = None  # where the entry is
    rule_region: Region | None = None  # where its `rule` value is
    index: int = 0  # position in that file's `ignore` list


def find_config(start: str) -> str | None:
    """The nearest .ecslint.yaml (or pyproject.toml with a [tool.ecslint] table) from `start`
    upward, stopping at the repository root."""
    d = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES + (PYPROJECT,):
            candidate = os.path.join(d, name)
            if os.path.isfile(candidate) and (name != PYPROJECT or _pyproject_table(candidate) is not None):
                rel = os.path.relpath(candidate)  # messages name it as the user sees it
                return candidate if rel.startswith("..") else rel
        if os.path.exists(os.path.join(d, ".git")):
            return None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _schema():
    import json

    from ecslint.resources import data_path

    return json.loads((data_path("schemas") / "ecslint" / "config.schema.json").read_text(encoding="utf-8"))


class _NoLocator:
    """pyproject.toml is read with tomllib, which keeps no positions: errors name the file only."""

    def region(self, tokens):
        return None


def _pyproject_table(path: str):
    """The [tool.ecslint] table of a pyproject.toml, None when it has none or is not TOML."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    if b"ecslint" not in raw:  # no table of ours, in any TOML spelling: the parser is not loaded
        return None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    table = data.get("tool", {}).get("ecslint") if isinstance(data.get("tool"), dict) else None
    return table if isinstance(table, dict) else None


def _read(path: str):
    """(value, locator) of a config file: YAML, or a pyproject.toml's [tool.ecslint] table."""
    if os.path.basename(path) == PYPROJECT:
        import tomllib

        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise EcslintError(f"cannot read config: {exc.strerror or exc}", path) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise EcslintError(f"not valid TOML: {exc}", path) from None
        table = (data.get("tool") or {}).get("ecslint") if isinstance(data.get("tool"), dict) else None
        if not isinstance(table, dict):
            raise EcslintError("has no [tool.ecslint] table", path)
        return table, _NoLocator()
    from ecslint.source import load_yaml_file

    parsed = load_yaml_file(path, "config")
    if not parsed.documents or parsed.documents[0].value is None:
        return None, None
    return parsed.documents[0].value, parsed.documents[0].locator


def load_config(path: str, _chain: tuple = ()) -> Config:
    value, locator = _read(path)
    if value is None:
        return Config(path=path)
    _validate(value, path, locator)
    chain = _chain + (os.path.realpath(path),)
    extends = value.get("extends", "recommended")
    base = Config()
    if extends not in PRESETS:
        base = _load_extended(path, extends, chain, locator)
        extends = base.extends
    here = os.path.dirname(os.path.abspath(path))
    rules = dict(base.rules)
    origins = dict(base.rule_origins)
    for selector, setting in (value.get("rules") or {}).items():
        rules.pop(selector, None)  # re-insert: this file's order and value win
        rules[selector] = setting
        origins[selector] = (path, locator)
    exclude = [_rebase(p, base.path, here) for p in base.exclude] + list(value.get("exclude") or [])
    ignores = list(base.ignore)
    for i, entry in enumerate(value.get("ignore") or []):
        ignores.append(Ignore(
            rule=entry["rule"], reason=entry["reason"].strip(), paths=tuple(entry.get("paths") or ()),
            pointer=entry.get("pointer"), container=entry.get("container"), base=here, source=path,
            region=locator.region(("ignore", i)), rule_region=locator.region(("ignore", i, "rule")), index=i))
    from ecslint.deployers import parse_chain

    deploy_with = [(here, glob, parse_chain(chain), path) for glob, chain in (value.get("deploy-with") or {}).items()]
    return Config(
        path=path,
        extends=extends,
        deploy_with=deploy_with + list(base.deploy_with),
        rules=rules,
        fail_on=value.get("fail-on", base.fail_on),
        plugins=value.get("plugins", base.plugins),
        subnet_azs={**base.subnet_azs, **(value.get("subnet-azs") or {})},
        exclude=exclude,
        # Policy paths are relative to the file that lists them; an extended file's stay its own.
        policies=[*base.policies, *(os.path.join(os.path.dirname(os.path.abspath(path)), p)
                                    for p in value.get("policies") or [])],
        raw=value,
        locator=locator,
        ignore=ignores,
        rule_origins=origins,
    )


MAX_EXTENDS = 32  # config files in one `extends` chain; real ones have two or three
ALLOW_OUTSIDE_ENV = "ECSLINT_ALLOW_EXTENDS_OUTSIDE"  # set by --allow-extends-outside


def repository_root(path: str) -> str | None:
    """The nearest directory above `path` holding .git, or None outside any repository."""
    from ecslint.repository import git_root

    return git_root(os.path.dirname(os.path.realpath(path)))


def _load_extended(path, target, chain, locator) -> Config:
    where = locator.region(("extends",))
    if len(chain) >= MAX_EXTENDS:
        raise EcslintError(f"extends: more than {MAX_EXTENDS} config files in one chain", path, where)
    full = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), target))
    # A committed config must not make ecslint read (and quote in errors) any file on the
    # machine: `extends` stays inside the repository of the first config unless the runner
    # opts in. The target's content is never shown.
    root = repository_root(chain[0])
    if (root is not None and not os.environ.get(ALLOW_OUTSIDE_ENV)
            and not (os.path.realpath(full) + os.sep).startswith(root + os.sep)):
        raise EcslintError(f'extends: "{target}" is outside the repository ({root}); pass '
                           f"--allow-extends-outside to read it", path, where)
    if not os.path.isfile(full):
        from ecslint.schema_errors import did_you_mean

        raise EcslintError(f'extends: "{target}" is neither a preset ({", ".join(PRESETS)}) nor a config file'
                           + did_you_mean(target, PRESETS), path, where)
    if os.path.realpath(full) in chain:
        top = os.path.dirname(chain[0])
        cycle = " -> ".join(os.path.relpath(p, top) for p in chain + (os.path.realpath(full),))
        raise EcslintError(f"extends: cycle: {cycle}", path, where)
    return load_config(full, chain)


def _rebase(pattern: str, from_file, to_dir: str) -> str:
    """An exclude glob of an extended file, made relative to the extending file's directory."""
    if not from_file:
        return pattern
    rel = os.path.relpath(os.path.dirname(os.path.abspath(from_file)), to_dir).replace(os.sep, "/")
    return pattern if rel == "." else f"{rel}/{pattern}"


def _validate(value, path, locator):
    from ecslint.schema_errors import first_error, where

    err = first_error(_schema(), value)
    if err is not None:
        tokens, message = err
        raise EcslintError(f"invalid config at {where(tokens)}: {message}", path, locator.region(tokens) if locator else None)


def config_error(cfg: Config, pointer: str, message: str) -> EcslintError:
    tokens = pointer_tokens(pointer)
    if len(tokens) >= 2 and tokens[0] == "rules" and str(tokens[1]) in cfg.rule_origins:
        origin, locator = cfg.rule_origins[str(tokens[1])]  # maybe set in an extended file
        return EcslintError(message, origin, locator.region(tokens))
    region = cfg.locator.region(tokens) if cfg.locator else None
    return EcslintError(message, cfg.path, region)


def _rule_options(cfg: Config, selector: str, rule, options: dict) -> dict:
    """The options a config sets for `rule`, each declared by the rule and valid against its
    schema; anything else (a rule's fixed wiring included) is a config error."""
    from ecslint.model import pointer_str
    from ecslint.schema_errors import first_error

    for name, value in options.items():
        at = pointer_str(("rules", selector, "options", name))
        spec = rule.options.get(name)
        if spec is None:
            from ecslint.schema_errors import did_you_mean

            hint = (did_you_mean(name, rule.options) or
                    (f'; it has: {", ".join(sorted(rule.options))}' if rule.options else "; it has none"))
            raise config_error(cfg, at, f'rule {rule.id} {rule.name} has no option "{name}"{hint}')
        err = first_error(spec, value)
        if err is not None:
            tokens, message = err
            raise config_error(cfg, at + pointer_str(tokens),
                               f'invalid option "{name}" for rule {rule.id} {rule.name}: {message}')
    return options


def build_settings(registry, cfg: Config, preset=None, select=(), ignore=(), kind=None, max_bytes=None):
    """Effective rules: {id: (Rule, Severity, params)} after preset, config and command line."""
    from ecslint.settings import Settings
    from ecslint.registry import template

    from ecslint.model import require_kind

    require_kind(kind)  # the CLI's choice checks it; the API's callers too
    preset = preset or cfg.extends
    if preset not in PRESETS:
        raise EcslintError(f'unknown preset "{preset}"; expected one of: {", ".join(PRESETS)}', cfg.path)
    check_ignores(registry, cfg)
    enabled = _preset_rules(registry, preset)
    for selector, setting in (cfg.rules or {}).items():
        matched = registry.match(selector)
        if not matched:
            raise config_error(cfg, f"/rules/{selector}",
                                   f'unknown rule "{selector}" in rules{registry.suggest(selector)}')
        for rule in matched:
            sev, options = (setting, None) if isinstance(setting, str) else (
                setting.get("severity"), setting.get("options"))
            if sev == "off":
                enabled.pop(rule.id, None)
                continue
            entry = enabled.setdefault(rule.id, [rule, rule.severity, dict(rule.params)])
            if sev:
                entry[1] = Severity.parse(sev)
            if options:
                entry[2].update(_rule_options(cfg, selector, rule, options))
    if select:
        chosen: set = set()
        for sel in select:
            matched = registry.match(sel)
            if not matched:
                raise EcslintError(f'--select: unknown rule, name, id prefix or category "{sel}"{registry.suggest(sel)}')
            chosen.update(r.id for r in matched)
        enabled = {rid: enabled.get(rid) or [registry.get(rid), registry.get(rid).severity,
                                             dict(registry.get(rid).params)] for rid in sorted(chosen)}
    for sel in ignore:
        matched = registry.match(sel)
        if not matched:
            raise EcslintError(f'--ignore: unknown rule, name, id prefix or category "{sel}"{registry.suggest(sel)}')
        for r in matched:
            enabled.pop(r.id, None)
    rules = {}
    for rid, (rule, sev, params) in sorted(enabled.items()):
        # A built-in rule's params are checked by the test suite and its options above; importing
        # its template here only to check them again would cost every run every template's import.
        if not rule.source.startswith("rules/"):
            _check_params(rule, params, template(rule.template), cfg)
        rules[rid] = (rule, sev, params)
    settings = Settings(rules=rules, kind=kind, subnet_azs=dict(cfg.subnet_azs), deploy_with=list(cfg.deploy_with))
    if max_bytes:
        settings.max_bytes = max_bytes
    return settings


def security_hub_controls(rule) -> list:
    """The Security Hub ECS controls a rule is mapped to (its `peers: security-hub:`)."""
    return list(rule.peers.get(SECURITY_HUB) or ())


def _preset_rules(registry, preset: str) -> dict:
    """{id: [Rule, Severity, params]} a preset turns on. `security-hub` is exactly the rules
    mapped to a Security Hub ECS control, each at least a warning (a control that fails is a
    finding the default gate must not let through)."""
    if preset == SECURITY_HUB:
        return {r.id: [r, max(r.severity, Severity.WARNING), dict(r.params)] for r in registry.rules
                if security_hub_controls(r)}
    return {r.id: [r, r.severity, dict(r.params)] for r in registry.rules
            if preset == "all" or r.preset == "recommended"}


def _check_params(rule, params, tmpl, cfg):
    if tmpl.engine or not params:
        return
    from ecslint.schema_errors import first_error, where

    err = first_error(tmpl.params_schema, params)
    if err is not None:
        tokens, message = err
        raise config_error(cfg, f"/rules/{rule.id}",
                           f'invalid options for rule {rule.id} {rule.name} at {where(tokens)}: {message}')


def check_ignores(registry, cfg: Config) -> None:
    """Every `ignore` entry must name a known rule (by id, name or alias)."""
    for entry in cfg.ignore:
        if registry.get(entry.rule) is None:
            raise EcslintError(f'unknown rule "{entry.rule}" in ignore{registry.suggest(entry.rule)}',
                               entry.source, entry.rule_region)
