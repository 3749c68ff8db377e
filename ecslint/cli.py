"""The command line. The only module that calls sys.exit; every failure that is not a
finding becomes a message on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import click

from ecslint import __version__
from ecslint.model import EcslintError, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


def _version_text() -> str:
    try:
        from ecslint.schema import botocore_version

        model = botocore_version()
    except Exception:  # noqa: BLE001 - --version must never fail
        model = "unknown"
    return f"ecslint {__version__} (ECS API model: botocore {model})"


@dataclass
class Report:
    """What formatters receive: sorted findings and run facts."""

    findings: list
    files: int = 0
    documents: int = 0
    skipped: list = field(default_factory=list)  # (path, reason)
    errors: list = field(default_factory=list)  # messages of files that could not be read
    colour: bool = False
    show_suppressed: bool = False
    version: str = __version__
    rules: dict = field(default_factory=dict)  # enabled rule id → (Rule, Severity, params)
    root: str = "."

    def counts(self):
        c = {s: 0 for s in Severity}
        for f in self.findings:
            if f.suppressed is None:
                c[f.severity] += 1
        return c

    def summary(self) -> dict:
        c = self.counts()
        return {
            "files": self.files,
            "documents": self.documents,
            "skipped": len(self.skipped),
            "errors": c[Severity.ERROR],
            "warnings": c[Severity.WARNING],
            "info": c[Severity.INFO],
            "suppressed": sum(1 for f in self.findings if f.suppressed is not None),
        }

    def summary_line(self) -> str:
        s = self.summary()
        total = s["errors"] + s["warnings"] + s["info"]
        if not total:
            head = "No problems found"
        else:
            head = f"Found {total} problem{'s' if total != 1 else ''} ({s['errors']} error{'s' if s['errors'] != 1 else ''}, {s['warnings']} warning{'s' if s['warnings'] != 1 else ''}, {s['info']} info)"
        tail = f" in {s['documents']} document{'s' if s['documents'] != 1 else ''} from {s['files']} file{'s' if s['files'] != 1 else ''}"
        if s["skipped"]:
            tail += f"; {s['skipped']} file{'s' if s['skipped'] != 1 else ''} skipped (not ECS)"
        return head + tail


class EcslintGroup(click.Group):
    """Maps ecslint's own errors to exit code 2 with a one-line message."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EcslintError as exc:
            click.echo(f"ecslint: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


def _echo_version(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(0)


@click.group(cls=EcslintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_echo_version,
              help="Show the version and the ECS API model version, then exit.")
def cli():
    """Lint Amazon ECS task definitions and service definitions.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 ecslint
    could not do its job (usage, config, unreadable path, internal error).
    """


def _settings(config_path, preset, select, ignore, kind, max_bytes, start="."):
    from ecslint.config import Config, build_settings, find_config, load_config
    from ecslint.registry import default_registry

    path = config_path or find_config(start)
    cfg = load_config(path) if path else Config()
    registry = default_registry()
    settings = build_settings(registry, cfg, preset, _split(select), _split(ignore), kind, max_bytes)
    return cfg, registry, settings


def _split(values):
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _excluder(cfg):
    if not cfg.exclude:
        return None
    import fnmatch

    base = os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else os.getcwd()
    patterns = list(cfg.exclude)

    def excluded(path):
        rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*") for p in patterns)

    return excluded


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest .ecslint.yaml).")
@click.option("--preset", type=click.Choice(["recommended", "all"]), default=None,
              help="Rule set to start from [default: recommended].")
@click.option("--select", multiple=True, help="Run only these rules (ids, names, id prefixes, categories; comma-separated).")
@click.option("--ignore", multiple=True, help="Do not run these rules (ids, names, id prefixes, categories).")
@click.option("--kind", type=click.Choice(["task-definition", "service"]), default=None,
              help="Treat every file as this kind instead of detecting it.")
@click.option("--stdin-filename", default=None, help="Name to report for '-' (stdin).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None,
              help="Largest file to read, in bytes [default: 5 MiB].")
@click.option("--show-suppressed", is_flag=True, help="Also print suppressed findings.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the text output [default: on a terminal].")
@click.option("-v", "--verbose", is_flag=True, help="List skipped files and why.")
def check(paths, fmt, output, fail_on, config_path, preset, select, ignore, kind, stdin_filename,
          max_file_size, show_suppressed, colour, verbose):
    """Lint the ECS documents in PATHS (files, directories, or - for stdin)."""
    from ecslint.engine import ReadError, cross_document, discover, lint_file
    from ecslint.model import Finding

    if not paths:
        raise click.UsageError("give at least one path (a file, a directory, or - for stdin)")
    for p in paths:
        if p != "-" and not os.path.lexists(p):
            raise EcslintError(f"{p}: no such file or directory")
    cfg, registry, settings = _settings(config_path, preset, select, ignore, kind, max_file_size)
    fail_on = fail_on or cfg.fail_on or "error"
    results, errors = [], []
    for path in discover(paths, _excluder(cfg)):
        display = (stdin_filename or "-") if path == "-" else os.path.normpath(path)
        try:
            results.append(lint_file(path, settings, display))
        except ReadError as exc:
            errors.append(str(exc))
    findings = [f for r in results for f in r.findings]
    findings.extend(cross_document(results, settings))
    findings.sort(key=Finding.sort_key)
    if colour is None:
        colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(
        findings=findings,
        files=len(results),
        documents=sum(r.documents for r in results),
        skipped=[(r.path, r.skipped) for r in results if r.skipped],
        errors=errors,
        colour=colour and fmt == "text",
        show_suppressed=show_suppressed,
        rules=settings.rules,
    )
    from ecslint.formatters import render

    text = render(fmt, report)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:  # a user's path, not an internal error
            raise EcslintError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)
    if verbose:
        for path, reason in report.skipped:
            click.echo(f"skipped {path}: {reason}", err=True)
    for message in errors:
        click.echo(f"ecslint: error: {message}", err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if fail_on != "never":
        threshold = Severity.parse(fail_on)
        if any(f.suppressed is None and f.severity >= threshold for f in findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--preset", type=click.Choice(["recommended", "all"]), default=None)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def rules(fmt, preset, config_path):
    """List the rules with their effective severity."""
    from ecslint import docgen

    cfg, registry, settings = _settings(config_path, preset or "all", (), (), None, None)
    _, _, effective = _settings(config_path, preset, (), (), None, None)
    click.echo(docgen.rules_listing(registry, effective.rules, fmt), nl=False)


@cli.command()
@click.argument("rule")
def explain(rule):
    """Print the documentation of RULE (an id such as ECS201, or a name)."""
    from ecslint import docgen
    from ecslint.registry import default_registry

    registry = default_registry()
    found = registry.get(rule)
    if found is None:
        import difflib

        close = difflib.get_close_matches(rule, list(registry.by_key), n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        raise EcslintError(f'unknown rule "{rule}"{hint}')
    click.echo(docgen.rule_page(found), nl=False)


def main():
    try:
        cli(prog_name="ecslint")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ecslint: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # noqa: BLE001 - an internal error is exit 2, not a traceback
        import traceback

        if os.environ.get("ECSLINT_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(f"ecslint: internal error: {type(exc).__name__}: {exc}\n"
                         "Set ECSLINT_DEBUG=1 to see the traceback, and please report it.\n")
        sys.exit(EXIT_ERROR)
