"""`.ecslint.yaml`: discovery, validation against its own JSON Schema, and the precedence
built-in defaults < preset (`extends`) < config file < command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ecslint.model import EcslintError, Region, Severity, pointer_tokens

CONFIG_NAMES = (".ecslint.yaml", ".ecslint.yml")
PRESETS = ("recommended", "all")


@dataclass
class Config:
    path: str | None = None
    extends: str = "recommended"
    rules: dict = field(default_factory=dict)  # selector → "off" | severity | {severity, options}
    fail_on: str | None = None
    subnet_azs: dict = field(default_factory=dict)
    exclude: list = field(default_factory=list)
    policies: list = field(default_factory=list)  # policy file paths/globs, relative to the config file
    raw: dict = field(default_factory=dict)
    locator: object = None  # to place errors found after schema validation


def find_config(start: str) -> str | None:
    """The nearest .ecslint.yaml from `start` upward, stopping at the repository root."""
    d = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(d, name)
            if os.path.isfile(candidate):
                return candidate
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


def load_config(path: str) -> Config:
    from ecslint.source import decode, parse_yaml, ParseError

    try:
        with open(path, "rb") as fh:
            text = decode(fh.read())
    except OSError as exc:
        raise EcslintError(f"cannot read config: {exc.strerror}", path) from None
    except ParseError as exc:
        raise EcslintError(exc.message, path, exc.region) from None
    parsed = parse_yaml(path, text)
    if parsed.error:
        raise EcslintError(parsed.error.message, path, parsed.error.region)
    if not parsed.documents or parsed.documents[0].value is None:
        return Config(path=path)
    doc = parsed.documents[0]
    value = doc.value
    _validate(value, path, doc.locator)
    return Config(
        path=path,
        extends=value.get("extends", "recommended"),
        rules=value.get("rules") or {},
        fail_on=value.get("fail-on"),
        subnet_azs=value.get("subnet-azs") or {},
        exclude=value.get("exclude") or [],
        policies=value.get("policies") or [],
        raw=value,
        locator=doc.locator,
    )


def _validate(value, path, locator):
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(_schema())
    errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.instance_path)))
    if errors:
        err = errors[0]
        tokens = tuple(err.instance_path)
        region = locator.region(tokens) if locator else None
        where = "/" + "/".join(map(str, tokens)) if tokens else "the top level"
        raise EcslintError(f"invalid config at {where}: {err.message}", path, region)


def config_error(cfg: Config, pointer: str, message: str) -> EcslintError:
    region = cfg.locator.region(pointer_tokens(pointer)) if cfg.locator else None
    return EcslintError(message, cfg.path, region)


def build_settings(registry, cfg: Config, preset=None, select=(), ignore=(), kind=None, max_bytes=None):
    """Effective rules: {id: (Rule, Severity, params)} after preset, config and command line."""
    from ecslint.engine import Settings
    from ecslint.registry import template

    preset = preset or cfg.extends
    if preset not in PRESETS:
        raise EcslintError(f'unknown preset "{preset}"; expected one of: {", ".join(PRESETS)}', cfg.path)
    enabled = {r.id: [r, r.severity, dict(r.params)] for r in registry.rules
               if preset == "all" or r.preset == "recommended"}
    for selector, setting in (cfg.rules or {}).items():
        matched = registry.match(selector)
        if not matched:
            raise config_error(cfg, f"/rules/{selector}", f'unknown rule "{selector}" in config')
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
                entry[2].update(options)
    if select:
        chosen = set()
        for sel in select:
            matched = registry.match(sel)
            if not matched:
                raise EcslintError(f'--select: unknown rule, name or prefix "{sel}"')
            chosen.update(r.id for r in matched)
        enabled = {rid: enabled.get(rid) or [registry.get(rid), registry.get(rid).severity,
                                             dict(registry.get(rid).params)] for rid in sorted(chosen)}
    for sel in ignore:
        matched = registry.match(sel)
        if not matched:
            raise EcslintError(f'--ignore: unknown rule, name or prefix "{sel}"')
        for r in matched:
            enabled.pop(r.id, None)
    rules = {}
    for rid, (rule, sev, params) in sorted(enabled.items()):
        _check_params(rule, params, template(rule.template), cfg)
        rules[rid] = (rule, sev, params)
    settings = Settings(rules=rules, kind=kind, subnet_azs=dict(cfg.subnet_azs))
    if max_bytes:
        settings.max_bytes = max_bytes
    return settings


def _check_params(rule, params, tmpl, cfg):
    if tmpl.engine or not params:
        return
    import jsonschema_rs

    err = next(iter(jsonschema_rs.validator_for(tmpl.params_schema).iter_errors(params)), None)
    if err is not None:
        raise config_error(cfg, f"/rules/{rule.id}", f'invalid options for rule {rule.id} {rule.name}: {err.message}')
