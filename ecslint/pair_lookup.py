"""Task definitions a run was not given: pre-commit passes only the staged files, so a staged
service whose task definition did not change would otherwise skip every cross-document
check. For such a service the repository around it is searched for task definitions of its
family (JSON and YAML files; `.gitignore` and the config's excludes apply); they serve the
pairing only and are never reported on.

The search reads a file's bytes and parses it only when the family's name is in them, so a
repository's other files cost a read each; a run that walked the repository already (a
directory given that holds it) does not search again.
"""

from __future__ import annotations

import os
import pickle

from ecslint.engine import FileResult, discover
from ecslint.model import TASK_DEFINITION
from ecslint.settings import Settings

_PARSED_SUFFIXES = (".json", ".yaml", ".yml")
# A bound on the search, so a huge repository cannot make a one-file hook run slow: past it
# the search stops (pairs found so far still count) and -v says so.
MAX_FILES_READ = 5_000
MAX_BYTES_READ = 200 * 1024 * 1024


def unpaired_families(results: list[FileResult]) -> dict:
    """{family: [service file paths]} of services that name a family by name (not a template
    resource) with no task definition of it among `results`."""
    have = {family for r in results for family, *_ in r.task_definitions if isinstance(family, str)}
    wanted: dict = {}
    for r in results:
        for pos, (*_, family) in enumerate(r.services):
            if pos in r.service_refs:
                continue
            if family and family not in have:
                wanted.setdefault(family, []).append(r.path)
    return wanted


def find(results: list[FileResult], paths, settings: Settings, excluded=None, gitignore=True,
         notes: list | None = None) -> tuple[list[FileResult], dict]:
    """(FileResults holding only the task definitions found for the unpaired families (no
    findings, no services): what the pair stage needs, nothing to report; the unpaired
    families, {family: [service file]}). `notes` gets a line when the search stopped at
    its bound."""
    wanted = unpaired_families(results)
    return (_search(results, paths, settings, excluded, gitignore, notes, wanted) if wanted else []), wanted


def _search(results, paths, settings, excluded, gitignore, notes, wanted) -> list[FileResult]:
    from ecslint.repository import git_root

    walked = [os.path.abspath(p) for p in paths if p != "-" and os.path.isdir(p)]
    roots = set()
    for files in wanted.values():
        for path in files:
            root = git_root(os.path.dirname(os.path.abspath(path)) or ".") if path != "-" else None
            if root and not any(_within(root, w) for w in walked):
                roots.add(root)
    linted = {os.path.realpath(r.path) for r in results if r.path != "-"}
    needles = [f.encode("utf-8", "surrogatepass") for f in wanted]
    found: list[FileResult] = []
    budget = [MAX_FILES_READ, MAX_BYTES_READ]
    for root in sorted(roots):
        for path in discover([root], excluded, gitignore):
            if not path.lower().endswith(_PARSED_SUFFIXES) or os.path.realpath(path) in linted:
                continue
            if budget[0] <= 0 or budget[1] <= 0:
                if notes is not None:
                    notes.append(f"the search for task definitions stopped after {MAX_FILES_READ:,} files or "
                                 f"{MAX_BYTES_READ // 1024 // 1024} MiB under {root}; stage the task definition "
                                 f"with its service to pair them for sure")
                return found
            definitions = _task_definitions(path, settings, needles, wanted, budget)
            if definitions:
                found.append(FileResult(os.path.relpath(path), [], task_definitions=definitions))
    return found


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _task_definitions(path: str, settings: Settings, needles: list, wanted: dict, budget: list) -> list:
    """(family, blob, origin, from a template resource) of the file's task definitions of a
    wanted family; nothing for a file that cannot be read or parsed (it is not being linted)."""
    from ecslint import inputs
    from ecslint.source import ParseError, decode, parse, read_bytes

    budget[0] -= 1
    try:
        data = read_bytes(path, settings.max_bytes)
    except (OSError, ValueError):
        return []
    budget[1] -= len(data)
    if not any(n in data for n in needles):
        return []
    try:
        text = decode(data)
    except ParseError:
        return []
    source = parse(path, text, "json" if path.lower().endswith(".json") else "yaml")
    if source.error:
        return []
    out = []
    for parsed in source.documents:
        for doc in inputs.classify(parsed.value, None)[0]:
            family = doc.data.get("family")
            # A template's resource pairs only with a service of its own template.
            if doc.kind == TASK_DEFINITION and family in wanted and doc.logical_id is None:
                out.append((family, pickle.dumps(doc.data, 5), doc.origin, False))
    return out
