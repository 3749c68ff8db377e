"""ecslint's Python API, for tools that embed it (editors, language servers, CI bots).

This module is the public surface: its functions, and the types they return
(`ecslint.report.Report`, `ecslint.model.Finding`, `Region`, `Severity`), keep their meaning
across releases. Every other module of the package is internal and may change.

    from ecslint import api

    run = api.configure(select=["ECS201"])          # or configure() for .ecslint.yaml
    report = api.lint_paths(["deploy/"], run)        # files and directories, as the CLI
    report = api.lint_text(text, "td.json", run)     # a buffer an editor holds
    for f in report.findings:
        print(f.path, f.region.line, f.rule, f.severity, f.message, f.suppressed)

A problem with the configuration (or a policy file) raises `ecslint.model.EcslintError`;
a file that cannot be read is listed in `report.errors`; a file that does not parse is a
finding (ECS001), never an exception.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecslint.model import EcslintError, Finding
from ecslint.report import DEFAULT_FAIL_ON, Report

if TYPE_CHECKING:
    from ecslint.config import Config
    from ecslint.registry import Registry
    from ecslint.settings import Settings

__all__ = ["Configuration", "configure", "lint_paths", "lint_text", "apply_baseline", "EcslintError", "Finding",
           "Report"]


@dataclass(frozen=True)
class Configuration:
    """A run's configuration: the config file as read, the rules (with policies), and the
    merged settings. Build it with `configure`; reuse it for many lints."""

    config: Config
    registry: Registry
    settings: Settings


def configure(config: str | None = None, *, preset: str | None = None, select=(), ignore=(),
              kind: str | None = None, max_file_size: int | None = None, variables: dict | None = None,
              policies=(), tf_var_files=(), start: str = ".", find: bool = True) -> Configuration:
    """The configuration the CLI would build from the same options.

    `config`: a `.ecslint.yaml` path; None finds the nearest one from `start` (unless
    `find` is False, which uses none). `preset`: "recommended" or "all". `select`/`ignore`:
    rule ids, names, id prefixes or categories. `kind`: a document kind
    (`ecslint.model.KINDS`: "task-definition", "service", "cluster"...) to skip detection.
    `variables`: `--var` substitutions. `policies`: extra policy files.
    `tf_var_files`: `--tf-var-file` files for Terraform modules."""
    from ecslint.config import Config, build_settings, find_config, load_config
    from ecslint.registry import default_registry

    path = config or (find_config(start) if find else None)
    cfg = load_config(path) if path else Config()
    if not cfg.plugins:  # `plugins: false`: the installed plugins' rules are not loaded
        from ecslint.registry import disable_plugins

        disable_plugins()
    registry = default_registry()
    if cfg.policies or policies:  # the policy machinery (and its imports) only for a run that has some
        from ecslint.policies import registry_with_policies

        registry = registry_with_policies(registry, cfg, tuple(policies))
    settings = build_settings(registry, cfg, preset, _words(select), _words(ignore), kind, max_file_size)
    settings.variables = dict(variables or {})
    settings.tf_var_files = tuple(os.path.abspath(f) for f in tf_var_files)
    return Configuration(cfg, registry, settings)


def lint_paths(paths, configuration: Configuration | None = None, *, jobs: int | None = None,
               stdin_filename: str | None = None, baseline: str | None = None, gitignore: bool = True) -> Report:
    """Lint files and directories ("-" reads stdin, reported as `stdin_filename`), with the
    config's excludes, suppressions and, when given, a baseline file; directory walks skip
    what `.gitignore` ignores unless `gitignore` is False. Findings are sorted."""
    from ecslint.globs import excluder
    from ecslint.runner import run

    conf = configuration or configure()
    for p in paths:
        if p != "-" and not os.path.lexists(p):
            raise EcslintError(f"{p}: no such file or directory")
    results, findings, errors = run(list(paths), conf.settings, jobs, excluder(conf.config), stdin_filename or "-", gitignore)
    report = _report(conf, results, findings, errors)
    return apply_baseline(report, baseline) if baseline else report


def lint_text(text: str, filename: str = "-", configuration: Configuration | None = None, *,
              kind: str | None = None, fmt: str = "auto") -> Report:
    """Lint a text (an editor's buffer) as if it were the file `filename`: the name decides
    JSON or YAML (unless `fmt` is "json" or "yaml") and which config ignores apply; nothing
    is read from disk. `kind` overrides the configuration's."""
    from ecslint.engine import cross_document
    from ecslint.engine import lint_text as lint_one
    from ecslint.model import Finding as _Finding

    conf = configuration or configure()
    settings = conf.settings
    if kind is not None and kind != settings.kind:
        from ecslint.model import require_kind

        require_kind(kind)
        settings = dataclasses.replace(settings, kind=kind)
    result = lint_one(filename, text, settings, fmt)
    findings = sorted(result.findings + cross_document([result], settings), key=_Finding.sort_key)
    return _report(dataclasses.replace(conf, settings=settings), [result], findings, [])


def apply_baseline(report: Report, path: str) -> Report:
    """The report without the findings a baseline file (written by `--write-baseline`) lists
    (kept in `baselined`); only entries of the report's files can be stale."""
    from ecslint import baseline

    findings, matched, stale = baseline.apply(path, report.findings, baseline.Scope(report.paths))
    return dataclasses.replace(report, findings=findings, baselined=report.baselined + matched, baseline_stale=stale)


def _report(conf: Configuration, results, findings, errors) -> Report:
    from ecslint import suppress

    findings = sorted(suppress.apply(findings, conf.config, conf.settings, conf.registry, results),
                      key=Finding.sort_key)
    return Report(
        findings=findings,
        files=len(results),
        documents=sum(r.documents for r in results),
        skipped=[(r.path, r.skipped) for r in results if r.skipped],
        errors=list(errors),
        rules=conf.settings.rules,
        paths=[r.path for r in results],
        fail_on=conf.config.fail_on or DEFAULT_FAIL_ON,
    )


def _words(values) -> list:
    """Selectors as given: a list, or comma-separated strings ("ECS201,ECS301")."""
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out
