"""`ecslint server`: the Language Server Protocol over stdio (pygls, the optional `lsp` extra).

Diagnostics for every open document ecslint can read, with the workspace's `.ecslint.yaml`
(suppressions and comment directives included) and its service/task-definition pairing; code
actions from the rules' fixes and "ignore this finding" (a YAML comment directive, or an entry
in the config's `ignore:`); hover with the rule's summary and documentation link.

A change re-lints that one document only, after a short debounce that collapses a burst of
keystrokes into one run. The task definitions of the workspace are read once, at the first
lint, so that a service is paired with its task definition without opening it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types as lsp
from pygls import uris
from pygls.lsp.server import LanguageServer

from ecslint import __version__
from ecslint.model import Severity

DEBOUNCE_SECONDS = 0.02  # a burst of keystrokes becomes one lint; well under the 50 ms target
LINTED = (".json", ".yaml", ".yml", ".tf")  # what `ecslint check` reads in a directory
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}


@dataclass
class Linted:
    text: str  # the text these findings were computed from
    findings: list
    diagnostics: list = field(default_factory=list)


class EcslintServer(LanguageServer):
    def __init__(self):
        super().__init__("ecslint", __version__)
        self.root: str = os.getcwd()
        self.cfg: Any = None
        self.registry: Any = None
        self.settings: Any = None
        self.linted: dict[str, Linted] = {}  # uri → last lint
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.workspace_results: dict | None = None  # path → FileResult of workspace task definitions
        self.debounce = DEBOUNCE_SECONDS

    # --- configuration and the workspace -----------------------------------------------

    def configure(self) -> str | None:
        """(Re)build the settings from the workspace's config; the error text, if it is invalid."""
        from ecslint import api
        from ecslint.model import EcslintError

        try:
            conf = api.configure(start=self.root)
            self.cfg, self.registry, self.settings = conf.config, conf.registry, conf.settings
            self.settings.fixes = True
        except EcslintError as exc:  # lint with the defaults until the config is fixed
            from ecslint.config import Config, build_settings
            from ecslint.registry import default_registry

            self.cfg, self.registry = Config(), default_registry()
            self.settings = build_settings(self.registry, self.cfg)
            self.settings.fixes = True
            return str(exc)
        return None

    def _workspace(self) -> dict:
        """Path → FileResult for the workspace's files, read once: the pairing needs the task
        definitions that are not open."""
        if self.workspace_results is None:
            from ecslint.globs import excluder
            from ecslint.engine import ReadError, discover, lint_file

            found = {}
            for path in discover([self.root], excluder(self.cfg)):
                try:
                    res = lint_file(path, self.settings)
                except ReadError:
                    continue
                if res.task_definitions:
                    found[os.path.abspath(path)] = res
            self.workspace_results = found
        return self.workspace_results

    # --- linting -------------------------------------------------------------------------

    def lint(self, uri: str) -> None:
        from ecslint import suppress
        from ecslint.engine import check_pairs_in_file, lint_text, pair_jobs

        self.pending.pop(uri, None)
        doc = self.workspace.get_text_document(uri)
        path = uris.to_fs_path(uri) or uri
        if not path.lower().endswith(LINTED):
            return
        text = doc.source
        result = lint_text(path, text, self.settings)
        findings = list(result.findings)
        if result.services and self.settings.pairs:
            others = [r for p, r in self._workspace().items() if p != os.path.abspath(path)]
            for job in pair_jobs([result, *others], self.settings):
                if job[0] is result:
                    findings.extend(check_pairs_in_file(job, self.settings))
        if result.task_definitions and self.workspace_results is not None:
            self.workspace_results[os.path.abspath(path)] = result  # later pairings see the edit
        findings = suppress.apply(findings, self.cfg, self.settings, self.registry, [result])
        findings = [f for f in findings if f.path == path and f.suppressed is None]
        findings.sort(key=lambda f: f.sort_key())
        linted = Linted(text, findings, [self._diagnostic(doc, f, i) for i, f in enumerate(findings)])
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=linted.diagnostics))

    def schedule(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(self.debounce, self.lint, uri)

    def _range(self, doc, region) -> lsp.Range:
        """A finding's 1-based code-point region as the client's 0-based range (UTF-16 by default)."""
        rng = lsp.Range(lsp.Position(region.line - 1, region.column - 1),
                        lsp.Position(region.end_line - 1, region.end_column - 1))
        return doc.range_to_client_units(rng)

    def _diagnostic(self, doc, finding, index: int) -> lsp.Diagnostic:
        rule = self.registry.get(finding.rule) if self.registry else None
        return lsp.Diagnostic(
            range=self._range(doc, finding.region),
            message=f"{finding.name}: {finding.message}",
            severity=_SEVERITY[finding.severity],
            code=finding.rule,
            code_description=lsp.CodeDescription(href=rule.docs_url) if rule and rule.docs_url else None,
            source="ecslint",
            data={"index": index, "rule": finding.rule, "pointer": finding.pointer},
        )

    # --- code actions and hover ------------------------------------------------------------

    def code_actions(self, params: lsp.CodeActionParams) -> list:
        from ecslint.engine import _format_for
        from ecslint.fix_apply import verified

        uri = params.text_document.uri
        linted = self.linted.get(uri)
        doc = self.workspace.get_text_document(uri)
        if linted is None or linted.text != doc.source:
            return []  # a lint is on its way; its actions follow with it
        path = uris.to_fs_path(uri) or uri
        actions = []
        for diag, finding in self._hits(linted, params.range, params.context.diagnostics):
            fix = finding.fix
            if fix is not None and verified(path, linted.text, _format_for(path), [fix]) is not None:
                edits = [lsp.TextEdit(self._range(doc, e.region), e.text) for e in fix.edits]
                unsafe = fix.safety != "safe"
                actions.append(lsp.CodeAction(
                    title=f"{fix.title} ({finding.rule}{', unsafe: changes behaviour' if unsafe else ''})",
                    kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=not unsafe,
                    edit=lsp.WorkspaceEdit(changes={uri: edits})))
            ignore = self._ignore_action(uri, path, doc, linted.text, finding, diag)
            if ignore is not None:
                actions.append(ignore)
        return actions

    def _hits(self, linted: Linted, rng: lsp.Range, asked):
        """(diagnostic, finding) for the diagnostics the client sent, else those in the range."""
        pairs = []
        wanted = {(d.code, d.range.start.line, d.range.start.character) for d in asked}
        for diag, finding in zip(linted.diagnostics, linted.findings):
            key = (diag.code, diag.range.start.line, diag.range.start.character)
            if (wanted and key in wanted) or (not wanted and _overlaps(diag.range, rng)):
                pairs.append((diag, finding))
        return pairs

    def _ignore_action(self, uri, path, doc, text, finding, diag):
        """A YAML comment directive above the finding's line, or a config `ignore:` entry for
        JSON (which has no comments). The reason is left for the user to write."""
        title = f"Ignore {finding.name} here (with a reason)"
        if path.lower().endswith((".yaml", ".yml")):
            line = finding.region.line - 1
            lines = text.split("\n")
            current = lines[line] if line < len(lines) else ""
            indent = current[:len(current) - len(current.lstrip())]
            # alone on the line above, a directive covers the finding's line
            comment = f"{indent}# ecslint: ignore={finding.name} -- REASON\n"
            edit = lsp.TextEdit(lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)), comment)
            return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                                  edit=lsp.WorkspaceEdit(changes={uri: [edit]}))
        return self._config_ignore(path, finding, diag, title)

    def _config_ignore(self, path, finding, diag, title):
        config = os.path.abspath((self.cfg.path if self.cfg is not None and self.cfg.path else None)
                                 or os.path.join(self.root, ".ecslint.yaml"))
        rel = os.path.relpath(path, os.path.dirname(os.path.abspath(config))).replace(os.sep, "/")
        entry = [f"rule: {finding.name}", f"paths: [{_quoted(rel)}]"]
        if finding.pointer:
            entry.append(f"pointer: {_quoted(finding.pointer)}")
        entry.append("reason: REASON")
        config_uri = uris.from_fs_path(config) or config
        try:
            with open(config, encoding="utf-8") as fh:
                existing = fh.read()
        except OSError:
            existing = None
        if existing is None:
            body = "ignore:\n  - " + "\n    ".join(entry) + "\n"
            changes: list[Any] = [lsp.CreateFile(uri=config_uri, kind="create"),
                       lsp.TextDocumentEdit(lsp.OptionalVersionedTextDocumentIdentifier(uri=config_uri, version=None),
                                            [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), body)])]
        else:
            lines = existing.split("\n")
            at = next((i for i, line in enumerate(lines) if line.rstrip() == "ignore:"), None)
            if at is None:  # no ignore list yet: one at the end of the file
                prefix = "" if existing.endswith("\n") or not existing else "\n"
                body = prefix + "ignore:\n  - " + "\n    ".join(entry) + "\n"
                pos = lsp.Position(len(lines) - 1, len(lines[-1]))
            else:
                following = next((line for line in lines[at + 1:] if line.strip()), "  - ")
                dash = following[:len(following) - len(following.lstrip())] if following.lstrip().startswith("-") else "  "
                body = f"{dash}- " + f"\n{dash}  ".join(entry) + "\n"
                pos = lsp.Position(at + 1, 0)
            changes = [lsp.TextDocumentEdit(lsp.OptionalVersionedTextDocumentIdentifier(uri=config_uri, version=None),
                                            [lsp.TextEdit(lsp.Range(pos, pos), body)])]
        return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                              edit=lsp.WorkspaceEdit(document_changes=changes))

    def hover(self, params: lsp.HoverParams):
        linted = self.linted.get(params.text_document.uri)
        if linted is None:
            return None
        pos = params.position
        here = lsp.Range(pos, pos)
        parts = []
        for diag, finding in zip(linted.diagnostics, linted.findings):
            if _overlaps(diag.range, here):
                rule = self.registry.get(finding.rule)
                if rule is None:
                    continue
                text = f"**{rule.id} {rule.name}**: {rule.summary}."
                if rule.remediation:
                    text += f"\n\n{rule.remediation}"
                if finding.fix is not None:
                    text += f"\n\nFix available ({finding.fix.safety}): {finding.fix.title}."
                parts.append(text + (f"\n\n[Documentation]({rule.docs_url})" if rule.docs_url else ""))
        if not parts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p):
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def build() -> EcslintServer:
    server = EcslintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams):
        folders = params.workspace_folders or []
        root = (uris.to_fs_path(folders[0].uri) if folders else None) or (
            uris.to_fs_path(params.root_uri) if params.root_uri else None) or params.root_path
        if root:
            server.root = root
        options = params.initialization_options or {}
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            server.debounce = max(0.0, options["debounceMs"] / 1000)
        error = server.configure()
        if error:
            server.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"ecslint: {error}"))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams):
        server.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: lsp.DidChangeTextDocumentParams):
        server.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams):
        path = uris.to_fs_path(params.text_document.uri) or ""
        if os.path.basename(path) == ".ecslint.yaml":
            server.configure()
            for uri in list(server.linted):
                server.lint(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        server.linted.pop(uri, None)
        handle = server.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(params: lsp.CodeActionParams):
        return server.code_actions(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(params: lsp.HoverParams):
        return server.hover(params)

    return server


def main() -> None:
    build().start_io()
