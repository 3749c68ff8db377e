"""Lint a set of paths: discover files, lint each (in one process or a pool), then run the
cross-document stage, and return findings in a deterministic order."""

from __future__ import annotations

import os

from ecslint.engine import FileResult, ReadError, cross_document, discover, lint_file

# A pool costs ~50 ms (fork, pickling): worth it past this many files, or this many bytes
# (100 CloudFormation templates of ten task definitions each are few files but much work).
POOL_THRESHOLD = 200
POOL_BYTES = 1_000_000
CHUNK = 16


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _lint_one(args):
    path, display, settings = args
    try:
        if settings.fix_in_lint is not None and path != "-":  # --fix: ecslint.fix_apply.LintFix
            return settings.fix_in_lint.lint_file(path, display, settings)
        return lint_file(path, settings, display)
    except ReadError as exc:
        return str(exc)


_SETTINGS = None


def _init_worker(settings):
    global _SETTINGS
    import signal

    # Ctrl-C is the parent's to handle (one line, exit 130): a worker that took it too
    # printed its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SETTINGS = settings


def _lint_chunk(chunk):
    try:
        return [_lint_in_worker(item) for item in chunk]
    finally:
        _finish(_SETTINGS)


def _in_order(items, settings):
    """One process's outcomes, file by file (a generator: closed early, it still finishes)."""
    try:
        for path, display in items:
            yield _lint_one((path, display, settings))
    finally:
        _finish(settings)


def _finish(settings) -> None:
    if settings is not None and settings.fix_in_lint is not None:
        settings.fix_in_lint.finish()  # --fix: the spare of its writes (ecslint.fix_writes)


def _lint_in_worker(item):
    path, display = item
    return _lint_one((path, display, _SETTINGS))


def run(paths, settings, jobs=None, excluded=None, stdin_name="-", gitignore=True, listener=None):
    """(results, findings, errors): per-file results, all findings sorted, read errors.

    `listener`, when given, hears the run as it goes (the CLI's progress line and streamed
    text): listener.started(number of files), then listener.arrived(outcome) with each
    file's FileResult or read error (a str) in input order as it arrives, then
    listener.pairing() before the cross-document stage."""
    from ecslint.model import Finding

    from dataclasses import replace

    from ecslint.deployer_detection import deployments

    walk_errors: list = []
    items = [(p, stdin_name if p == "-" else os.path.normpath(p))
             for p in discover(paths, excluded, gitignore, walk_errors)]
    settings = replace(settings, deployments=deployments(list(paths), items, settings.deploy_with))
    jobs = jobs or default_jobs()
    keep = _keeper(len(items))
    if jobs > 1 and "-" not in paths and (len(items) >= POOL_THRESHOLD or _size(items) >= POOL_BYTES):
        outcomes = _parallel(items, settings, jobs)
    else:
        outcomes = _in_order(items, settings)
    if listener is not None:
        listener.started(len(items))
        outcomes = _told(outcomes, listener)
    results, errors = _collect(outcomes, keep)
    del items  # the results name their files; a large run needs the memory for its pair stage
    if listener is not None:
        listener.pairing()
    errors = walk_errors + errors
    findings = [f for r in results for f in r.findings]
    context: list = []
    if any(r.services for r in results) and settings.pairs:  # (pairs imports the service checks)
        from ecslint import pair_lookup  # a staged service's task definition, when it was not staged

        stopped: list = []
        context, unpaired = pair_lookup.find(results, paths, settings, excluded, gitignore, stopped)
        _note_lookups(results, context, unpaired)
        for note in stopped:  # -v shows it with the service's pairing notes
            next(r for r in results if r.services).pair_notes.append(note)
    # The pairs stay in this process: measured, a second pool stage saved nothing (0.48 s
    # against 0.45 s for 10,000 services), the blobs cost as much to send as to check.
    findings.extend(cross_document(results + context, settings))
    findings.sort(key=Finding.sort_key)
    return results, findings, errors


def _note_lookups(results, context, unpaired: dict) -> None:
    """-v says where a service's task definition came from when it was not a linted file.
    `unpaired`: {family: [service file]} as pair_lookup.find worked it out."""
    where: dict = {}
    for res in context:
        for family, *_ in res.task_definitions:
            where.setdefault(family, []).append(res.path)
    if not where:
        return
    by_path: dict = {}
    for r in results:
        by_path.setdefault(r.path, r)
    for family, services in unpaired.items():
        for path in dict.fromkeys(services):
            res = by_path[path]
            if family in where:
                res.pair_notes.append(f'task definitions of family "{family}" not among the files given were read '
                                      f'for the cross-document checks: {", ".join(sorted(where[family]))}')


def _told(outcomes, listener):
    try:
        for out in outcomes:
            listener.arrived(out)
            yield out
    except BaseException:
        # Ctrl-C or a failed write in the listener: close the pool's generator now, so it
        # stops its workers before the error is reported, not whenever it is collected.
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()
        raise


# Past this many files a run holds each result compactly, its pair-stage blobs in a temporary
# file (FileResult.compact, ecslint.spill): 100,000 files held in full took 565 MB (2 jobs)
# to 1 GB (1 job). Below it, a one-process run keeps the parsed documents for the pair stage.
COMPACT_FILES = 5_000


def _keeper(files: int):
    """What _collect does to each result of a run of `files` files: nothing (None) below
    COMPACT_FILES, else compact it, all into one spill."""
    if files < COMPACT_FILES:
        return None
    from ecslint.spill import open_spill

    store = open_spill()
    return lambda res: res.compact(store)


def _collect(outcomes, keep=None):
    results: list = []
    errors: list = []
    for out in outcomes:
        if isinstance(out, str):
            errors.append(out)
            continue
        if keep is not None:
            keep(out)
        results.append(out)
    return results, errors


def _size(items) -> int:
    total = 0
    for path, _ in items:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
        if total >= POOL_BYTES:
            break
    return total


def _parallel(items, settings, jobs):
    """Outcomes in input order from a process pool. A worker that dies (the OOM killer, a
    kill -9) breaks the pool: multiprocessing.Pool then waited for ever, while
    ProcessPoolExecutor fails every unfinished chunk, and those files are reported as not
    linted (exit 2) instead of hanging the run."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(settings,))
    import signal

    # The workers are forked at the first submit: ignoring Ctrl-C across it means none of them
    # can take one before its initializer has turned it off for good.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread (a library caller): its signals are not ours
        previous = None
    try:
        futures = [pool.submit(_lint_chunk, chunks[0])] if chunks else []
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    try:
        futures += [pool.submit(_lint_chunk, chunk) for chunk in chunks[1:]]
        lost: list = []
        for chunk, future in zip(chunks, futures):  # in order, so output does not depend on scheduling
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                lost.extend(display for _, display in chunk)
                continue
            yield from outcomes
        if lost:
            shown = ", ".join(lost[:10]) + (f" and {len(lost) - 10:,} more" if len(lost) > 10 else "")
            yield (f"a worker process died (killed, or out of memory); {len(lost):,} "
                   f"file{'s were' if len(lost) != 1 else ' was'} not linted: {shown}")
    except BaseException:
        # Ctrl-C or an error here: stop the workers now rather than wait for their chunks.
        results = getattr(pool, "_result_queue", None)  # shutdown drops both
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        _release_results(results, manager)
        raise
    pool.shutdown()


def _release_results(results, manager) -> None:
    """A worker terminated while it wrote a result leaves the pool's manager thread waiting
    for the rest of that message, and the interpreter joins the thread at exit: the process
    hung after "ecslint: interrupted". With this process's end of the result pipe closed
    too, the read ends (EOF) once the workers are gone, and the thread stops. It is waited
    for here (boundedly): stopping, it closes its wake-up pipe, and if that happened while
    the interpreter's exit hook was waking it, Python 3.11 printed an EBADF traceback after
    the one line. CPython internals (ProcessPoolExecutor has no way to stop its workers
    before 3.14), so tried, never relied on."""
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass
    if manager is not None and hasattr(manager, "join"):
        manager.join(timeout=5)


__all__ = ["run", "default_jobs", "FileResult"]
