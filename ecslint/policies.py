"""Organisation policies as data: policy files (YAML) → `Rule` values of category "policy".

A policy file holds `policies: [...]`; each policy runs a template with `params`, or the
select + assert mechanism the built-in declarative rules use, and may carry `tests` that
`ecslint policy test` runs. Every mistake in a policy file is an `EcslintError` at the
file:line:col of the offending node (exit code 2), found before any document is linted.
"""

from __future__ import annotations

import glob
import json
import os
import re
import string
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ecslint.model import EcslintError
from ecslint.schema_errors import first_error, where

if TYPE_CHECKING:
    from ecslint.cases import CaseResult
    from ecslint.registry import Rule

PLACEHOLDERS = ("container", "family", "service", "key", "pointer", "value")
POLICY_KEYS = ("id", "name", "severity", "applies-to", "summary", "remediation", "help-uri", "docs",
               "template", "params", "select", "assert", "when", "message", "tests")


@dataclass
class Policy:
    rule: Rule
    tests: list = field(default_factory=list)
    path: str = ""
    index: int = 0  # position in the file's policies list


@cache
def _schema():
    from ecslint.resources import data_path

    return json.loads((data_path("schemas") / "ecslint" / "policy.schema.json").read_text(encoding="utf-8"))


class _File:
    """One parsed policy file and a way to raise errors placed in it."""

    def __init__(self, path):
        from ecslint.source import load_yaml_file

        self.path = path
        parsed = load_yaml_file(path, "policy file")
        if len(parsed.documents) != 1 or parsed.documents[0].value is None:
            raise EcslintError("a policy file holds exactly one YAML document with a \"policies\" list", path)
        doc = parsed.documents[0]
        self.value, self.locator = doc.value, doc.locator
        if doc.duplicates:
            ptr, key = doc.duplicates[0]
            raise self.error(ptr, f'key "{key}" appears more than once')

    def error(self, tokens, message):
        return EcslintError(message, self.path, self.locator.region(tuple(tokens)))


def _check_shape(f: _File):
    """Clear messages for the mistakes people make, then the strict JSON Schema."""
    value = f.value
    for key in value if isinstance(value, dict) else ():
        if key != "policies":
            raise f.error((key,), f'unknown key "{key}" at the top level of a policy file; expected "policies"')
    if not isinstance(value, dict) or not isinstance(value.get("policies"), list):
        raise f.error((), 'a policy file needs a top-level "policies" list')
    for i, p in enumerate(value["policies"]):
        if not isinstance(p, dict):
            raise f.error(("policies", i), "a policy must be a mapping")
        for key in p:
            if key not in POLICY_KEYS:
                raise f.error(("policies", i, key), f'unknown key "{key}" in policy; expected one of: {", ".join(POLICY_KEYS)}')
        if "template" in p:
            both = [k for k in ("select", "assert", "when", "message") if k in p]
            if both:
                raise f.error(("policies", i, both[0]), f'"{both[0]}" belongs to select + assert policies; '
                                                        'a policy uses either template + params or select + assert + message')
        elif "select" in p or "assert" in p:
            for k in ("select", "assert", "message"):
                if k not in p:
                    raise f.error(("policies", i), f'a select + assert policy needs "{k}"')
            if "params" in p:
                raise f.error(("policies", i, "params"), '"params" belongs to template policies, not select + assert')
        else:
            raise f.error(("policies", i), 'a policy needs "template" (with "params") or "select" + "assert" + "message"')
        if isinstance(p.get("id"), str) and p["id"].upper().startswith("ECS"):
            raise f.error(("policies", i, "id"), f'policy id "{p["id"]}" starts with ECS, which is reserved for '
                                                 'built-in rules; use your own prefix such as ORG-001')
    err = first_error(_schema(), value)
    if err is not None:
        tokens, message = err
        raise f.error(tokens, f"invalid policy at {where(tokens)}: {message}")


def _regex_values(schema, value, path=()):
    """(path, pattern) for every value the schema marks `"format": "regex"`."""
    if not isinstance(schema, dict):
        return
    if schema.get("format") == "regex" and isinstance(value, str):
        yield path, value
    if isinstance(value, dict):
        for k, sub in (schema.get("properties") or {}).items():
            if k in value:
                yield from _regex_values(sub, value[k], path + (k,))
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(value):
            yield from _regex_values(schema["items"], v, path + (i,))


def check_params(tmpl, params, fail):
    """Params against the template's params_schema, then every regex compiled by Python's re."""
    one_of = [r["required"][0] for r in tmpl.params_schema.get("anyOf", ()) if len(r.get("required", ())) == 1]
    if one_of and isinstance(params, dict) and not any(k in params for k in one_of):
        fail((), f'template "{tmpl.name}" needs at least one of: ' + ", ".join(f'"{k}"' for k in one_of))
    err = first_error(tmpl.params_schema, params)
    if err is not None:
        tokens, message = err
        fail(tokens, f'invalid params for template "{tmpl.name}" at {where(tokens)}: {message}')
    from ecslint.user_regex import UserRegexError, compile_user

    for path, pattern in _regex_values(tmpl.params_schema, params):
        try:
            compile_user(pattern)
        except UserRegexError as exc:
            fail(path, f'invalid regular expression "{pattern}": {exc}')


def check_select_assert(p: dict, fail):
    """select + assert definitions (policies and built-in rules alike): local $refs only, Python-valid
    patterns, valid JSON Schema fragments of known keywords, known message placeholders.
    `fail(tokens, message)` raises."""
    import jsonschema_rs

    from ecslint.schema_errors import explain
    from ecslint.schema_keywords import subschemas, unknown_keyword

    for key in ("assert", "when"):
        if key not in p:
            continue
        try:
            jsonschema_rs.meta.validate(p[key])
        except jsonschema_rs.ValidationError as exc:
            tokens, message = explain(exc, {}, p[key])
            fail((key,) + tokens, f'"{key}" is not a valid JSON Schema at {where(tokens)}: {message}')
        unknown = unknown_keyword(p[key])
        if unknown is not None:
            fail((key,) + unknown[0], f'in "{key}": {unknown[1]}')
        for path, node in subschemas(p[key]):
            for ref_key in ("$ref", "$dynamicRef"):
                ref = node.get(ref_key)
                if isinstance(ref, str) and not ref.startswith("#"):
                    fail((key,) + path + (ref_key,),
                         f'"{ref_key}" "{ref}" points outside the policy; only local references (#/...) are allowed')
            patterns = [(path + ("pattern",), node["pattern"])] if isinstance(node.get("pattern"), str) else []
            patterns += [(path + ("patternProperties", k), k) for k in node.get("patternProperties") or {}]
            for at, pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    fail((key,) + at, f'invalid regular expression "{pattern}": {exc}')
        try:
            jsonschema_rs.validator_for(p[key])
        except Exception as exc:  # noqa: BLE001 - jsonschema-rs raises several kinds for bad schemas
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            fail((key,), f'"{key}" is not a valid JSON Schema: {first}')
    _check_message(p["message"], lambda message: fail(("message",), message))


def _check_message(message, fail):
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        fail(f"invalid message: {exc}; write a literal brace as {{{{ or }}}}")
        return
    from ecslint.schema_errors import did_you_mean

    for name, spec, conv in fields:
        if name not in PLACEHOLDERS or spec or conv:
            close = did_you_mean(name, PLACEHOLDERS).replace('"', '"{', 1).replace('"?', '}"?')
            fail(f'unknown placeholder "{{{name}}}" in message' + (close or "; available: " + ", ".join(
                "{" + p + "}" for p in PLACEHOLDERS)))


def load_policy_file(path: str, taken: dict) -> list[Policy]:
    """Policies of one file. `taken` maps ids and names already in use to where they come from."""
    from ecslint.registry import rule_from_dict, template

    f = _File(path)
    _check_shape(f)
    out = []
    for i, p in enumerate(f.value["policies"]):
        for key in ("id", "name"):
            other = taken.get(p[key]) or taken.get(p[key].upper())
            if other:
                raise f.error(("policies", i, key), f'policy {key} "{p[key]}" is already used by {other}')
        if "template" in p:
            try:
                tmpl = template(p["template"])
                if getattr(tmpl.check, "__module__", "").startswith("ecslint.checks."):
                    raise EcslintError("a built-in rule's own check, not a template")
            except EcslintError:
                from ecslint.registry import plugins, template_names

                available = sorted({*template_names(("ecslint.templates",)), *plugins()[1]} - {"engine"})
                raise f.error(("policies", i, "template"), f'unknown template "{p["template"]}"; available: '
                                                           + ", ".join(available)) from None
            if tmpl.engine:
                raise f.error(("policies", i, "template"), 'the "engine" template is not available to policies')
            wrong = [k for k in p["applies-to"] if k not in tmpl.kinds or (tmpl.pair and k != "service")]
            if wrong:
                raise f.error(("policies", i, "applies-to"), f'template "{tmpl.name}" does not check {wrong[0]} '
                                                             f'documents; it checks: {", ".join(tmpl.kinds)}')

            def fail(tokens, message, _i=i):
                raise f.error(("policies", _i, "params") + tuple(tokens), message)

            check_params(tmpl, p.get("params") or {}, fail)
        else:
            def fail_sa(tokens, message, _i=i):
                raise f.error(("policies", _i) + tuple(tokens), message)

            check_select_assert(p, fail_sa)
        d = {k: v for k, v in p.items() if k != "tests"}
        d["category"] = "policy"
        rule = rule_from_dict(d, path)
        taken[rule.id] = f"{path} (policy {rule.id})"
        taken[rule.name] = f"{path} (policy {rule.id})"
        out.append(Policy(rule, list(p.get("tests") or []), path, i))
    return out


def expand(patterns, base=None) -> list[str]:
    """Policy files named by paths, globs (`**` allowed) or directories (their *.yaml/*.yml)."""
    files = []
    for pattern in patterns:
        full = pattern if base is None or os.path.isabs(pattern) else os.path.join(base, pattern)
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(full) else [full]
        if not matches:
            raise EcslintError(f'policy path "{pattern}" matches no file')
        for m in matches:
            if os.path.isdir(m):
                for dirpath, dirnames, names in os.walk(m):
                    dirnames.sort()
                    files += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
            elif os.path.exists(m):
                files.append(m)
            else:
                raise EcslintError(f"{pattern}: no such policy file")
    seen, out = set(), []
    for p in files:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(os.path.normpath(p))
    return out


def load_policies(files, registry) -> list[Policy]:
    taken = {}
    for r in registry.rules:
        for key in (r.id, r.name, *r.aliases):
            taken[key] = f"{'built-in rule' if r.id.startswith('ECS') else 'rule'} {r.id} {r.name}"
    out = []
    for path in files:
        out.extend(load_policy_file(path, taken))
    return out


def policy_files(cfg, cli_paths=()) -> list[str]:
    """Files from `policies:` in the config (relative to it) and from --policy (relative to cwd)."""
    files = []
    if getattr(cfg, "policies", None):
        base = os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else os.getcwd()
        files += expand(cfg.policies, base)
    files += expand(cli_paths)
    return files


def registry_with_policies(registry, cfg, cli_paths=()):
    """The registry for one run: built-ins and plugins plus the policies the run names."""
    from ecslint.registry import Registry

    files = policy_files(cfg, cli_paths)
    if not files:
        return registry
    policies = load_policies(files, registry)
    return Registry(registry.rules + tuple(p.rule for p in policies))


# ---------------------------------------------------------------- tests inside policy files

def run_case(policy: Policy, case: dict) -> CaseResult:
    """One `tests:` case of a policy, through the runner the built-in rule cases use; a
    policy's expectation may leave out `message`."""
    from ecslint.cases import run_case as run
    from ecslint.settings import Settings

    rule = policy.rule
    settings = Settings(rules={rule.id: (rule, rule.severity, dict(rule.params))}, kind=case.get("kind"))
    return run(rule, case, settings, messages_required=False, where=policy.path, subject="policy")


def run_tests(policies) -> list[CaseResult]:
    return [run_case(p, c) for p in policies for c in p.tests]
