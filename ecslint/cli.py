"""The command line. The only module that calls sys.exit; every failure that is not a
finding becomes a message on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import os
import sys
import click

from ecslint import __version__
from ecslint.config import PRESETS
from ecslint.formatters import FORMATS
from ecslint.model import KINDS, EcslintError
from ecslint.report import DEFAULT_FAIL_ON, Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
FAIL_ON = ("error", "warning", "info", "never")


def _version_text() -> str:
    try:
        from ecslint.schema import botocore_version

        model = botocore_version()
    except Exception:  # noqa: BLE001 - --version must never fail
        model = "unknown"
    return f"ecslint {__version__} (ECS API model: botocore {model})"


class EcslintGroup(click.Group):
    """Maps ecslint's own errors to exit code 2 with a one-line message."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EcslintError as exc:
            _note(f"ecslint: error: {exc}")
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:  # before click turns it into "Aborted!" and exit 1
            sys.stderr.write("ecslint: interrupted\n")
            ctx.exit(EXIT_INTERRUPTED)


def _echo_version(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(0)


def _allow_extends_outside(ctx, param, value):
    if value:
        from ecslint.config import ALLOW_OUTSIDE_ENV

        os.environ[ALLOW_OUTSIDE_ENV] = "1"


def _no_plugins(ctx, param, value):
    if value:
        from ecslint.registry import disable_plugins

        disable_plugins()


@click.group(cls=EcslintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_echo_version,
              help="Show the version and the ECS API model version, then exit.")
@click.option("--no-plugins", is_flag=True, expose_value=False, is_eager=True, callback=_no_plugins,
              help="Do not load rules from installed plugins (ecslint.rules entry points).")
@click.option("--allow-extends-outside", is_flag=True, expose_value=False, is_eager=True,
              callback=_allow_extends_outside,
              help="Let a config's `extends` name a file outside the repository.")
def cli():
    """Lint Amazon ECS task definitions and service definitions.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 ecslint
    could not do its job (usage, config, unreadable path, internal error).
    """


def _settings(config_path, preset, select, ignore, kind, max_bytes, start=".", policies=()):
    from ecslint import api

    conf = api.configure(config_path, preset=preset, select=select, ignore=ignore, kind=kind,
                         max_file_size=max_bytes, policies=policies, start=start)
    return conf.config, conf.registry, conf.settings


def _variables(pairs) -> dict:
    """--var NAME=VALUE options → {NAME: VALUE}; a malformed one is a usage error (exit 2)."""
    import re

    out = {}
    for pair in pairs:
        # The value is often a secret (a registry token, an image with credentials): errors
        # name at most the variable, never the value.
        name, sep, value = pair.partition("=")
        if not sep:
            raise EcslintError("--var: expected NAME=VALUE; one of the --var options has no \"=\" (its text is not shown)")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            shown = f'"{name}"' if len(name) <= 40 else f"of {len(name):,} characters"
            raise EcslintError(f"--var: expected NAME=VALUE with NAME made of letters, digits and _, got the name {shown}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EcslintError(f"--var {name}: the value is not valid UTF-8 (the value is not shown)") from None
        out[name] = value
    return out


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--output-format", "output_formats", multiple=True, metavar="FORMAT:PATH",
              help="Also write a report in FORMAT to PATH, in the same run (repeatable): "
                   "--output-format sarif:ecslint.sarif --output-format junit:ecslint.xml.")
@click.option("--sarif-all-rules", is_flag=True,
              help="In SARIF, describe every enabled rule, not only the rules with results.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help=f"Lowest severity that makes the exit code 1 [default: {DEFAULT_FAIL_ON}].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest .ecslint.yaml).")
@click.option("--preset", type=click.Choice(PRESETS), default=None,
              help="Rule set to start from [default: recommended].")
@click.option("--select", multiple=True, help="Run only these rules (ids, names, id prefixes, categories; comma-separated).")
@click.option("--ignore", multiple=True, help="Do not run these rules (ids, names, id prefixes, categories).")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Treat every file as this kind instead of detecting it.")
@click.option("--stdin-filename", default=None, help="Name to report for '-' (stdin).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None,
              help="Largest file to read, in bytes [default: 5 MiB].")
@click.option("--policy", "policies", multiple=True, type=click.Path(),
              help="Policy file, directory or glob to add (repeatable); see docs/writing-policies.md.")
@click.option("--show-suppressed", is_flag=True, help="Also print suppressed findings.")
@click.option("--statistics", is_flag=True,
              help="Text output: one line per rule (count, id, name, what --fix would fix) instead of the findings.")
@click.option("--show-source", is_flag=True,
              help="Text output: the source line(s) under each finding with carets, and the rule's docs URL.")
@click.option("--color/--no-color", "colour", default=None, help="Colour the text output [default: on a terminal].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to lint with [default: the number of cores; one for small runs].")
@click.option("-v", "--verbose", is_flag=True,
              help="List every skipped file and why (named files always are), and which deployer's "
                   "verdicts applied to each file and why.")
@click.option("-q", "--quiet", is_flag=True,
              help="Show no progress line (on a terminal, a run that lasts over about two seconds shows "
                   "files done / total and the rate on stderr).")
@click.option("--gitignore/--no-gitignore", default=True, show_default=True,
              help="Skip what .gitignore excludes when walking a directory.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Substitute ${NAME}, {{ .NAME }}, {{ must_env `NAME` }} and {{ env `NAME` }} "
                   "before parsing (repeatable); the value is inserted verbatim.")
@click.option("--tf-var-file", "tf_var_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Terraform variables file (.tfvars or .tfvars.json) applied after the module's own "
                   "terraform.tfvars and *.auto.tfvars (repeatable).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Write today's findings to this baseline file (then report none of them).")
@click.option("--fix", "fix", is_flag=True, help="Apply the safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change behaviour.")
@click.option("--diff", "diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
def check(paths, fmt, output, output_formats, sarif_all_rules, fail_on, config_path, preset, select, ignore, kind, stdin_filename,
          max_file_size, policies, show_suppressed, statistics, show_source, colour, jobs, verbose, gitignore, variables, tf_var_files,
          baseline_path,
          write_baseline, fix=False, unsafe_fixes=False, diff=False, quiet=False):
    """Lint the ECS documents in PATHS (files, directories, or - for stdin; default: the
    current directory). After `--`, every argument is a path, even one that starts with -."""
    from ecslint.globs import excluder
    from ecslint.model import Finding
    from ecslint.runner import run

    paths = paths or (".",)
    for p in paths:
        if p != "-" and not os.path.lexists(p):
            raise EcslintError(f"{p}: no such file or directory")
    if fix and "-" in paths and not diff:
        raise EcslintError("--fix cannot write back to stdin; use --diff to see the fixes")
    if unsafe_fixes and not (fix or diff):
        raise click.UsageError("--unsafe-fixes applies with --fix or --diff")
    reports = [(fmt, output), *map(_output_format, output_formats)]
    sarif = any(form == "sarif" for form, _ in reports)
    for flag, on in (("--statistics", statistics), ("--show-source", show_source)):
        if on and not any(form == "text" for form, _ in reports):
            raise click.UsageError(f"{flag} applies to the text output; drop --format {fmt} or add "
                                   "--output-format text:PATH")
    cfg, registry, settings = _settings(config_path, preset, select, ignore, kind, max_file_size, policies=policies)
    settings.variables = _variables(variables)
    settings.fixes = fix or diff or sarif or statistics  # SARIF offers the safe fixes; --statistics counts them
    settings.snippets = sarif  # SARIF carries each finding's source text (region.snippet)
    settings.frames = show_source  # the text format shows it, credentials blanked
    settings.tf_var_files = tuple(os.path.abspath(f) for f in tf_var_files)
    if fix and not diff and not (baseline_path or write_baseline) and "-" not in paths:
        from ecslint.fix_apply import LintFix

        # each file fixed and written where it is linted; the pass after the run below then
        # has only what the whole run decides (pair findings with fixes, none today)
        settings.fix_in_lint = LintFix(unsafe_fixes, cfg, registry)
    fail_on = fail_on or cfg.fail_on or DEFAULT_FAIL_ON
    from ecslint import gc_policy

    # A process-wide policy, so set here at the entry point rather than in the runner.
    gc_policy.for_a_run()
    stdin_name = stdin_filename or "-"
    # --diff on stdin needs its bytes again (the fixed text is diffed against them).
    stdin_data = _buffer_stdin(settings.max_bytes) if "-" in paths and (fix or diff) else None
    if colour is None:  # --color/--no-color win; then FORCE_COLOR, NO_COLOR, a terminal
        if os.environ.get("FORCE_COLOR"):
            colour = output is None
        else:
            colour = (output is None and _is_terminal(sys.stdout) and not os.environ.get("NO_COLOR"))
    # Text on a terminal prints each file's final findings as it finishes (ecslint.text_stream);
    # not when only the whole run decides them (a baseline, --fix) or shows them (--statistics).
    stream = None
    if (fmt == "text" and output is None and _is_terminal(sys.stdout) and not (statistics or fix or diff)
            and not (baseline_path or write_baseline) and "-" not in paths):
        from ecslint.text_stream import TextStream

        stream = TextStream(cfg, registry, colour=colour, show_suppressed=show_suppressed, show_source=show_source,
                            rules=settings.rules)
    watch = None
    progress_to = sys.stderr if not quiet and _is_terminal(sys.stderr) else None
    if stream is not None or progress_to is not None:
        from ecslint.terminal import RunWatch

        watch = RunWatch(progress_to, stream, write_stdout)
    try:
        results, findings, errors = run(paths, settings, jobs, excluder(cfg), stdin_name, gitignore, watch)
    finally:
        if watch is not None:
            watch.close()
    findings, baselined, baseline_stale = _filter(findings, cfg, settings, registry, results, baseline_path,
                                                  write_baseline, _inputs(paths, results))
    fixed = None
    if fix or diff:
        from ecslint import fix_apply

        from ecslint.runner import default_jobs

        for r in results:
            if r.fix_refused is not None:
                _note(f"ecslint: not fixed: {r.path}: {r.fix_refused}")
        outcome = fix_apply.fix_results([r for r in _with_filtered(results, findings) if not r.fix_tried],
                                        settings, unsafe_fixes, write=not diff,
                                        stdin=(stdin_name, stdin_data) if stdin_data is not None else None,
                                        jobs=jobs or default_jobs())
        for path, reason in outcome.refused:
            _note(f"ecslint: not fixed: {path}: {reason}")
        if diff:
            click.echo(fix_apply.unified_diff(outcome), nl=False)
            n, files = outcome.fixed, len(outcome.files)
            click.echo(f"ecslint: would fix {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
                       + ("" if unsafe_fixes else " (safe fixes only; --unsafe-fixes for all)"), err=True)
            sys.exit(EXIT_FINDINGS if n else EXIT_OK)
        fixed = outcome.fixed + sum(r.fixed for r in results)
        if outcome.files:
            results, findings = _relint(results, outcome, settings)
            findings, baselined, baseline_stale = _filter(findings, cfg, settings, registry, results, baseline_path,
                                                          None, _inputs(paths, results))
    findings.sort(key=Finding.sort_key)
    report = Report(
        findings=findings,
        files=len(results),
        documents=sum(r.documents for r in results),
        skipped=[(r.path, r.skipped) for r in results if r.skipped],
        errors=errors,
        colour=colour and fmt == "text",
        show_suppressed=show_suppressed,
        statistics=statistics,
        show_source=show_source,
        sources={r.path: r.frame_lines for r in results if r.frame_lines is not None},
        rules=settings.rules,
        paths=[r.path for r in results],
        baseline_stale=baseline_stale,
        baselined=baselined,
        fail_on=fail_on,
        fixed=fixed,
        root=_report_root(),
        sarif_all_rules=sarif_all_rules,
    )
    from ecslint.formatters import render

    from ecslint.output_files import write_report_atomically

    inputs = _inputs(paths, results)
    for i, (form, path) in enumerate(reports):
        # the report on stdout, when its findings streamed during the run: what is left of it
        text = stream.rest(report) if stream is not None and i == 0 else render(form, report)
        if path:
            write_report_atomically(path, text, inputs=inputs)
        else:
            write_stdout(text)
    named = {os.path.normpath(p) for p in paths if p != "-" and not os.path.isdir(p)} | (
        {stdin_filename or "-"} if "-" in paths else set())
    reported = {f.path for f in findings}  # a template that is not JSON until rendered has its finding
    for path, reason in report.skipped:
        if verbose or (path in named and path not in reported):  # a named file is never skipped in silence
            _note(f"ecslint: skipped {path}: {reason}")
    if not report.documents and not findings and not errors:
        where = ", ".join(paths)
        _note(f"ecslint: warning: no ECS documents found in {where}")
    if verbose:
        for r in results:
            if r.deployer:
                _note(f"ecslint: deployer {r.path}: {r.deployer}")
            for note in r.pair_notes:
                _note(f"ecslint: not paired {r.path}: {note}")
    if baseline_stale:
        _note(f"ecslint: {baseline_stale} baseline entr{'ies' if baseline_stale != 1 else 'y'} no longer "
              f"match a finding (fixed or moved); refresh with --write-baseline")
    for message in errors:
        _note(f"ecslint: error: {message}")
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.failing() else EXIT_OK)


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # closed
        return False


def _report_root() -> str:
    """What report paths are relative to: the repository around the working directory (code
    scanning and GitLab resolve paths from there, whichever directory ecslint ran in), else
    the working directory itself."""
    from ecslint.repository import git_root

    try:
        here = os.getcwd()
    except OSError:  # the working directory was removed
        return "."
    return git_root(here) or "."


def _inputs(paths, results) -> list:
    """Every file this run read: a report or baseline must never be written over one."""
    return [p for p in paths if p != "-"] + [r.path for r in results]


def _note(line: str) -> None:
    """One line on stderr, repository-controlled parts made visible (ecslint.escape)."""
    from ecslint.escape import visible

    click.echo(visible(line), err=True)


def write_stdout(text: str) -> None:
    """The report on stdout; a closed stdout, a full disk or a closed pipe is one error line
    (exit 2): the report did not reach its reader, so a 0 or 1 would be a lie."""
    stream = sys.stdout
    try:
        if stream is None:  # started with stdout closed
            raise OSError(9, "Bad file descriptor")
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(text.encode(stream.encoding or "utf-8", "backslashreplace"))
        else:
            stream.write(text)
        stream.flush()
    except OSError as exc:
        _silence_stdout()
        raise EcslintError(f"cannot write the report to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit


def _with_filtered(results, findings):
    """The file results with the findings after suppression (fixes skip suppressed ones)."""
    from dataclasses import replace

    by_path: dict = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    return [replace(r, findings=by_path.get(r.path, [])) for r in results]


def _relint(results, outcome, settings):
    """Results and findings after fixing: the fixed files' last lint, the others unchanged,
    then the service/task-definition pairs again (a fix may change either side)."""
    from ecslint.engine import check_pairs_in_file, pair_jobs
    from ecslint.model import Finding

    fixed = {f.path: f.result for f in outcome.files}
    results = [fixed.get(r.path) or r for r in results]
    findings = [f for r in results for f in r.findings]
    findings.extend(f for job in pair_jobs(results, settings) for f in check_pairs_in_file(job, settings))
    findings.sort(key=Finding.sort_key)
    return results, findings


def _output_format(value: str) -> tuple[str, str]:
    """--output-format FORMAT:PATH → (format, path); anything else is a usage error (exit 2)."""
    form, sep, path = value.partition(":")
    if not sep or form not in FORMATS or not path:
        raise EcslintError(f'--output-format: expected FORMAT:PATH with FORMAT one of {", ".join(FORMATS)}, got "{value}"')
    return form, path


def _buffer_stdin(max_bytes):
    """Read stdin once (up to the size limit, plus one byte so the engine can report it as too
    large) and put it back, so --diff can compare the fixed text with the same bytes."""
    import io

    data = sys.stdin.buffer.read(max_bytes + 1)
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    return data


def _filter(findings, cfg, settings, registry, results, baseline_path, write_baseline, inputs=()):
    """After checking, before reporting: suppressions (config ignores, YAML directives), then
    the baseline. Returns (findings, findings the baseline matched, its stale entries or None)."""
    from ecslint import suppress

    findings = suppress.apply(findings, cfg, settings, registry, results)
    if not (baseline_path or write_baseline):
        return findings, [], None
    from ecslint import baseline

    # what this run speaks for: the files it linted and the directories it walked
    scope = baseline.Scope([r.path for r in results], [p for p in inputs if os.path.isdir(p)])
    if write_baseline:
        count, kept = baseline.write(write_baseline, findings, inputs, scope)
        _note(f"ecslint: wrote {count} finding{'s' if count != 1 else ''} to baseline {write_baseline}"
              + (f" ({kept} of them from files this run did not lint)" if kept else ""))
    stale, matched = None, []
    for path in dict.fromkeys(p for p in (write_baseline, baseline_path) if p):
        findings, more, stale = baseline.apply(path, findings, scope)
        matched += more
    return findings, matched, stale


SCHEMA_FILES = {"task-definition": ("register-task-definition.json",), "service": ("create-service.json",),
                "cluster": ("create-cluster.json",), "capacity-provider": ("create-capacity-provider.json",),
                "cluster-capacity-providers": ("put-cluster-capacity-providers.json",),
                "task-set": ("create-task-set.json",),
                "scalable-target": ("register-scalable-target.json",), "scaling-policy": ("put-scaling-policy.json",),
                "config": ("ecslint", "config.schema.json"), "report": ("ecslint", "report.schema.json")}


@cli.command()
@click.argument("kind", type=click.Choice(sorted(SCHEMA_FILES)))
def schema(kind):
    """Print the JSON Schema for KIND: task-definition, service, scalable-target,
    scaling-policy, cluster, capacity-provider, cluster-capacity-providers, task-set and config for editors (VS Code json.schemas,
    yaml-language-server); report for scripts that read --format json."""
    from ecslint.resources import data_path

    node = data_path("schemas")
    for part in SCHEMA_FILES[kind]:
        node = node / part
    click.echo(node.read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--preset", type=click.Choice(PRESETS), default=None)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--policy", "policies", multiple=True, type=click.Path(),
              help="Policy file, directory or glob to add (repeatable); see docs/writing-policies.md.")
def rules(fmt, preset, config_path, policies):
    """List the rules with their effective severity."""
    from ecslint import docgen

    cfg, registry, settings = _settings(config_path, preset or "all", (), (), None, None, policies=policies)
    _, _, effective = _settings(config_path, preset, (), (), None, None, policies=policies)
    # A compliance preset lists only its rules, each with the controls it stands for.
    compliance = (preset or cfg.extends) == "security-hub"
    click.echo(docgen.rules_listing(registry, effective.rules, fmt, only_enabled=compliance), nl=False)


@cli.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--policy", "policies", multiple=True, type=click.Path(),
              help="Policy file, directory or glob to add (repeatable); see docs/writing-policies.md.")
def explain(rule, config_path, policies):
    """Print the documentation of RULE (an id such as ECS201, or a name)."""
    from ecslint import docgen

    _, registry, _ = _settings(config_path, None, (), (), None, None, policies=policies)
    found = registry.get(rule)
    if found is None:
        raise EcslintError(f'unknown rule "{rule}"{registry.suggest(rule)}')
    click.echo(docgen.rule_page(found), nl=False)


@cli.command()
def server():
    """Run the language server over stdio, for editors (needs: pip install 'ecslint[lsp]')."""
    try:
        from ecslint.lsp import main as serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        raise EcslintError(f"the language server needs pygls and lsprotocol ({exc.name} is missing): "
                           "pip install 'ecslint[lsp]'") from None
    serve()


@cli.group()
def policy():
    """Organisation policies: policy files and their tests."""


@policy.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Config whose `policies:` to test when no PATHS are given.")
def policy_test(paths, config_path):
    """Run the `tests:` of the policies in PATHS (files, directories, globs; default: the
    config's `policies:`). Exit 0 when all pass, 1 when any fails or a policy has no tests,
    2 on an invalid policy file or when PATHS hold no policy file."""
    from ecslint.config import Config, find_config, load_config
    from ecslint.cases import describe_failure
    from ecslint.policies import expand, load_policies, policy_files, run_tests
    from ecslint.registry import default_registry

    if paths:
        files = expand(paths)
    else:
        path = config_path or find_config(".")
        files = policy_files(load_config(path) if path else Config())
        if not files:
            raise click.UsageError("give policy files or directories, or list them under `policies:` in .ecslint.yaml")
    if not files:
        raise EcslintError(f"no policy files (*.yaml, *.yml) in {', '.join(paths)}")
    policies = load_policies(files, default_registry())
    results = run_tests(policies)
    for r in results:
        click.echo(f"{r.label} {'PASSED' if r.passed else 'FAILED'}")
        if not r.passed:
            click.echo(describe_failure(r))
    # A policy nobody tested may never fire (a wrong pointer, a schema that always holds):
    # it fails the run like a failing case, so CI cannot pass on it unnoticed.
    untested = [p for p in policies if not p.tests]
    for p in untested:
        click.echo(f"{p.path}::{p.rule.id} {p.rule.name} FAILED")
        click.echo("    no tests: add `tests:` with a case that fires and one that must stay silent")
    passed = sum(1 for r in results if r.passed)
    failed = len(results) - passed + len(untested)
    summary = f"{passed} passed, {failed} failed"
    if untested:
        summary += (f"; {len(untested)} polic{'y' if len(untested) == 1 else 'ies'} without tests "
                    f"({', '.join(p.rule.id for p in untested)})")
    click.echo(summary + f" in {len(files)} file{'s' if len(files) != 1 else ''}")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def main():
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)  # KeyboardInterrupt from here on
    try:
        cli(prog_name="ecslint")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ecslint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError as exc:  # the reader of stdout went away (`| head`)
        _silence_stdout()
        try:
            sys.stderr.write(f"ecslint: error: cannot write the output: {exc.strerror or exc}\n")
        except (OSError, ValueError, AttributeError):
            pass
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - an internal error is exit 2, not a traceback
        import traceback

        from ecslint.escape import visible

        if os.environ.get("ECSLINT_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(f"ecslint: internal error: {type(exc).__name__}: {visible(exc)}\n"
                         "Set ECSLINT_DEBUG=1 to see the traceback, and please report it.\n")
        sys.exit(EXIT_ERROR)
