"""Applying fixes: choose non-overlapping ones, edit the text, check the result parses to
exactly the value the operations describe, re-lint, and repeat a bounded number of times.

The file is written once, atomically, in its own encoding, byte order mark and line endings
(the linted text has LF line breaks; CRLF files get CRLF back, a file mixing both is left
alone). A file reached through a symbolic link is never written: the link's target may lie
outside what was linted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ecslint.fixes import ADD, REMOVE, RENAME, REPLACE, SAFE, SourceFix

MAX_PASSES = 5  # each pass applies every fix that does not overlap another; overlaps wait a pass


@dataclass
class FileFix:
    path: str
    # The file's text as decoded (its own line endings) and as fixed, for --diff; empty when
    # the file was written (a pool worker need not send 2 texts per file back for nothing).
    before: str
    after: str
    fixed: int
    result: object  # the FileResult of the last lint (of `after`)


@dataclass
class Outcome:
    files: list = field(default_factory=list)  # FileFix of each changed file
    refused: list = field(default_factory=list)  # (path, reason) of files with fixes left alone

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)


def eligible(findings, unsafe: bool) -> list:
    return [f for f in findings if f.fix is not None and f.suppressed is None
            and (unsafe or f.fix.safety == SAFE)]


def apply_edits(text: str, edits) -> str:
    """`text` with the (sorted, non-overlapping) edits made, from the end backwards."""
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def _choose(fixes: list) -> list:
    """Fixes whose edits overlap no earlier chosen one, in text order (deterministic)."""
    chosen: list = []
    taken: list = []
    for fix in sorted(fixes, key=lambda f: (f.edits[0].start, f.edits[0].end, f.title)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(s < te and ts < e or (s == e == ts == te) for s, e in spans for ts, te in taken):
            continue
        chosen.append(fix)
        taken.extend(spans)
    return chosen


def _expected(value, ops):
    """The parsed value after the operations (source pointers), to compare the edited text
    with. `value` is changed in place: it is a parse of its own (`verified`), never shared."""
    import copy

    for op in ops:
        parent = value
        for tok in op.pointer[:-1] if op.kind != ADD else op.pointer:
            parent = parent[tok]
        if op.kind == ADD:
            parent[op.key] = copy.deepcopy(op.value)
        elif op.kind == REMOVE:
            del parent[op.pointer[-1]]
        elif op.kind == REPLACE:
            parent[op.pointer[-1]] = copy.deepcopy(op.value)
        elif op.kind == RENAME:
            parent[op.key] = parent.pop(op.pointer[-1])
    return value


def _documents(display: str, text: str, fmt: str):
    """(format, [(document index, parsed value)], the SourceFile or None) of a text, None when
    it does not parse. A Terraform file's value is its resources' evaluated values by address
    (ecslint.fix_hcl)."""
    from ecslint.engine import is_terraform

    if is_terraform(display):
        from ecslint.fix_hcl import resource_values

        values = resource_values(display, text)
        return None if values is None else (fmt, [(0, values)], None)
    from ecslint.source import parse

    parsed = parse(display, text, fmt)
    return None if parsed.error else (parsed.fmt, [(d.index, d.value) for d in parsed.documents], parsed)


def verified(display: str, text: str, fmt: str, fixes: list) -> str | None:
    """`text` with the fixes applied, when the result parses to what their operations say
    (nothing else changed, nothing became invalid); None otherwise."""
    checked = _verified(display, text, fmt, fixes)
    return None if checked is None else checked[0]


def _verified(display: str, text: str, fmt: str, fixes: list, parsed=None):
    """(the fixed text, its parse or None) when the fixes verify (`verified`), else None. The
    parse is compared, never changed, so the re-lint of the fixed text reads it instead of
    parsing the text a third time. `parsed`: the SourceFile of `text` if the caller has it
    (the lint's own, which this changes)."""
    if parsed is not None and not parsed.error:
        before = (parsed.fmt, [(d.index, d.value) for d in parsed.documents], parsed)
    else:
        before = _documents(display, text, fmt)
    if before is None:
        return None
    new = apply_edits(text, [e for f in fixes for e in f.edits])
    after = _documents(display, new, before[0])
    if after is None or len(after[1]) != len(before[1]):
        return None
    ops: dict = {}
    for f in fixes:
        ops.setdefault(f.document, []).extend(f.ops)
    for (index, old), (_, now) in zip(before[1], after[1]):
        try:
            want = _expected(old, ops.get(index, ()))
        except (KeyError, IndexError, TypeError):
            return None
        if now != want or type(now) is not type(want):
            return None
    return new, after[2]


def fix_text(display: str, text: str, findings, settings, unsafe: bool, skip=frozenset(), before=None):
    """(text after fixing, fixes applied, the last FileResult or None) for one file's text
    (LF line breaks) and its findings. `skip` holds (rule, pointer) pairs never to fix (the
    suppressed findings of the first pass). `before`: the SourceFile of `text` when the
    caller parsed it, for the first pass; it is changed (the operations are made on it)."""
    from ecslint.engine import _format_for, lint_text

    fmt = _format_for(display)
    fixed, result = 0, None
    for _ in range(MAX_PASSES):
        todo = [f.fix for f in eligible(findings, unsafe) if (f.rule, f.pointer) not in skip]
        chosen = _choose(todo)
        checked = None
        if chosen and before is not None:
            checked = _verified(display, text, fmt, chosen, before)
        before = None  # used once: the operations changed it, and later passes parse their own
        # Nothing promises the lint left its parse's values as parsed: a failure on it is
        # checked again on a parse of its own before the fixes are given up.
        if chosen and checked is None:
            checked = _verified(display, text, fmt, chosen)
        if checked is None and len(chosen) > 1:  # one of them misbehaves: keep those that verify alone
            chosen = [f for f in chosen if verified(display, text, fmt, [f]) is not None]
            checked = _verified(display, text, fmt, chosen) if chosen else None
        if checked is None or checked[0] == text:
            break
        text, fixed = checked[0], fixed + len(chosen)
        result = lint_text(display, text, settings, source=checked[1])
        findings = result.findings
    return text, fixed, result


def _line_break(raw: str) -> str | None:
    if "\r" not in raw:
        return "\n"
    if raw.count("\r\n") == raw.count("\r") == raw.count("\n"):
        return "\r\n"
    return None  # mixed or old-Mac line breaks: an edit could not keep them


def _encoding(data: bytes) -> tuple[bytes, str]:
    from ecslint.source import _BOMS

    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


@dataclass(frozen=True)
class LintFix:
    """How --fix runs in the lint itself (Settings.fix_in_lint): each file is fixed and written
    by the process that linted it, so its result never crosses to another process and back
    with every fix on it. Only where a file's fixes depend on nothing but the file: no
    baseline (a whole-run filter) and not stdin; the config's ignores and the file's own
    directives are per file (suppress.mark)."""

    unsafe: bool
    config: object  # ecslint.config.Config: its `ignore:` entries
    registry: object  # ecslint.registry.Registry: rule names and aliases to ids

    def lint_file(self, path: str, display: str, settings):
        """What the runner calls for each file instead of engine.lint_file."""
        return lint_and_fix(path, display, settings)

    def finish(self) -> None:
        """What the runner calls after each chunk of files: the writes' spare is deleted."""
        from ecslint import fix_writes

        fix_writes.finish()


def lint_and_fix(path: str, display: str, settings):
    """The file linted, then fixed and written (Settings.fix_in_lint), reading it once and
    parsing it once for both: its result after fixing (the last lint of the fixed text,
    `fixed` set), or its result as linted (`fix_refused` set when its fixes were left alone).

    The first lint runs only the checks that may offer a fix: a fixed file is linted again
    whole, so the other rules' findings in the text before the fix would be thrown away. They
    run (engine.lint_rest) when the file stays as it is."""
    from dataclasses import replace

    from ecslint import suppress
    from ecslint.engine import FileResult, _format_for, lint_rest, lint_text, parsed_as_source, read_text
    from ecslint.source import parse

    read = read_text(path, settings, display)
    if isinstance(read, FileResult):
        return read
    data, raw = read
    source = None
    if "\r" not in raw and parsed_as_source(display):  # the text fix_text edits is the one linted
        source = parse(display, raw, _format_for(display))
    rest: list = []
    result = lint_text(display, raw, settings, source=source, rest=rest)
    how = settings.fix_in_lint
    marked = suppress.mark(result.findings, how.config, how.registry, result)
    if not eligible(marked, how.unsafe):
        return lint_rest(result, rest, settings)
    # The lint's parse is the first pass's "before": the lint is done with it, and the
    # verification edits it. Its result then keeps no parse: the pair stage parses again.
    result.__dict__.pop("_parsed", None)
    fixed, refused = _fix_one(replace(result, findings=marked), settings, how.unsafe, True, None,
                              read=(data, raw), before=source)
    if fixed is not None:
        fixed.result.fixed = fixed.fixed
        return fixed.result
    # Left as it is: linted whole, afresh (the verification may have changed the first parse).
    whole = lint_text(display, raw, settings)
    if refused is not None:
        whole.fix_refused = refused[1]
    whole.fix_tried = True
    return whole


def fix_results(results, settings, unsafe: bool, write: bool, stdin: tuple | None = None, jobs: int = 1) -> Outcome:
    """Fix every file of the run that has fixes to apply. `stdin` is (display name, bytes)
    of a '-' input, which is only ever diffed. Files are written only when `write`. Many
    files are fixed in a process pool (`jobs` workers): each file's fix, re-lint and write
    is its own, and the re-lint costs as much as the check did."""
    from ecslint import fix_writes
    from ecslint.runner import POOL_THRESHOLD

    todo = [res for res in results if eligible(res.findings, unsafe)]
    if jobs > 1 and stdin is None and len(todo) >= POOL_THRESHOLD:
        outcomes = _in_pool(todo, settings, unsafe, write, jobs)
    else:
        try:
            outcomes = [_fix_one(res, settings, unsafe, write, stdin) for res in todo]
        finally:
            fix_writes.finish()
    out = Outcome()
    for fixed, refused in outcomes:
        if fixed is not None:
            out.files.append(fixed)
        if refused is not None:
            out.refused.append(refused)
    return out


def _fix_one(res, settings, unsafe: bool, write: bool, stdin: tuple | None, read: tuple | None = None,
             before=None):
    """(FileFix or None, (path, why not) or None) for one file's result. `read`: the file's
    (bytes, decoded text) when the caller has just read them; `before`: its parse, which
    the verification may change (fix_text)."""
    from ecslint.source import ParseError, decode, read_bytes

    skip = frozenset((f.rule, f.pointer) for f in res.findings if f.suppressed is not None)
    from_stdin = stdin is not None and res.path == stdin[0]
    try:
        if stdin is not None and from_stdin:
            data = stdin[1]
        else:
            if os.path.islink(res.path):
                return None, (res.path, "a symbolic link; fix its target by name")
            # a buffer of the file's size, not the limit's
            data = read[0] if read is not None else read_bytes(res.path, settings.max_bytes)
        raw = read[1] if read is not None else decode(data)
    except (OSError, ValueError, ParseError) as exc:
        return None, (res.path, f"cannot read it again: {getattr(exc, 'strerror', None) or exc}")
    eol = _line_break(raw)
    if eol is None:
        return None, (res.path, "it mixes line endings")
    text, fixed, result = fix_text(res.path, raw.replace("\r\n", "\n"), res.findings, settings, unsafe, skip,
                                   before if eol == "\n" else None)
    if not fixed:  # it had fixes to apply (the callers' condition): none read back as described
        return None, (res.path, "its fixes did not read back as they describe; it was left as it is")
    after = text.replace("\n", eol) if eol != "\n" else text
    if write and not from_stdin:
        bom, name = _encoding(data)
        write_atomically(res.path, bom + after.encode(name))
        return FileFix(res.path, "", "", fixed, result), None
    return FileFix(res.path, raw, after, fixed, result), None


_POOL_ARGS: tuple = ()


def _init_fix_worker(args):
    global _POOL_ARGS
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _POOL_ARGS = args


def _fix_chunk(chunk):
    from ecslint import fix_writes

    settings, unsafe, write = _POOL_ARGS
    try:
        return [_fix_one(res, settings, unsafe, write, None) for res in chunk]
    finally:
        fix_writes.finish()


def _in_pool(todo, settings, unsafe: bool, write: bool, jobs: int):
    """Outcomes in input order from a process pool; a worker that dies makes the run an error
    (the files it had are named), never a hang."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ecslint.model import EcslintError
    from ecslint.runner import CHUNK

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method), initializer=_init_fix_worker,
                             initargs=((settings, unsafe, write),)) as pool:
        try:
            return [outcome for part in pool.map(_fix_chunk, chunks) for outcome in part]
        except BrokenProcessPool:
            raise EcslintError("a worker process died while fixing files (killed, or out of memory); "
                               "some files may be fixed, run ecslint check --fix again") from None


def write_atomically(path: str, data: bytes) -> None:
    """Replace `path` atomically (ecslint.fix_writes), keeping its permission bits."""
    from ecslint import fix_writes

    fix_writes.replace(path, data, f"{path}: cannot write the fixed file")


def unified_diff(outcome: Outcome) -> str:
    import difflib

    chunks: list = []
    for f in outcome.files:
        name = f.path.replace(os.sep, "/")
        chunks.extend(difflib.unified_diff(f.before.splitlines(keepends=True), f.after.splitlines(keepends=True),
                                           f"a/{name}", f"b/{name}"))
        if chunks and not chunks[-1].endswith("\n"):
            chunks[-1] += "\n\\ No newline at end of file\n"
    return "".join(chunks)


__all__ = ["Outcome", "FileFix", "SourceFix", "fix_results", "fix_text", "unified_diff", "eligible"]
