"""Find who deploys each file: `deploy-with:` globs of the config, then what the repository says.

Detected from the repository (read only, never run):
* GitHub workflow steps of aws-actions/amazon-ecs-deploy-task-definition and
  amazon-ecs-render-task-definition whose `task-definition:` input names the file (relative to
  the repository root, which is GITHUB_WORKSPACE); a deploy step fed by a render step's output
  makes the chain render → deploy;
* ecspresso config files (`ecspresso*.yml|yaml|json`) naming it as `task_definition` or
  `service_definition` (relative to the config file).
CodeDeploy's `<IMAGE1_NAME>` is seen in the file itself (the engine does that).
"""

from __future__ import annotations

import fnmatch
import os
import re

from ecslint import deployers as d

_MAX_BYTES = 1_000_000  # a workflow or ecspresso config larger than this is not read
_STEP_OUTPUT = re.compile(r"\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.task-definition\s*\}\}")
_V1 = re.compile(r"v1(\.[0-5](\.\d+)?)?\Z")  # releases up to v1.5.x use SDK v2
_ACTIONS = "aws-actions/amazon-ecs-"  # both deploy actions' names start so; a workflow without it deploys no ECS file
_ECSPRESSO = re.compile(r"\.?ecspresso[^/]*\.(ya?ml|json)\Z", re.IGNORECASE)


def _load(path: str, needle: str | None = None):
    """The file's first document, or None; with `needle`, None at once for a file whose text
    does not contain it (most workflows deploy nothing to ECS: no YAML parser is loaded)."""
    from ecslint.source import ParseError, decode, parse

    try:
        if os.path.getsize(path) > _MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            text = decode(fh.read())
    except (OSError, ParseError):
        return None
    if needle is not None and needle not in text:
        return None
    source = parse(path, text, "json" if path.lower().endswith(".json") else "yaml")
    if source.error or not source.documents:
        return None
    return source.documents[0].value


def repository_root(path: str) -> str | None:
    """The nearest directory at or above `path` that holds .git or .github."""
    here = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    for _ in range(64):
        if os.path.exists(os.path.join(here, ".git")) or os.path.isdir(os.path.join(here, ".github")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
    return None


def _deploy_step(uses: str):
    name, _, ref = uses.partition("@")
    if name.rstrip("/") == "aws-actions/amazon-ecs-deploy-task-definition":
        return d.DEPLOY_ACTION_V1 if _V1.match(ref) else d.DEPLOY_ACTION
    if name.rstrip("/") == "aws-actions/amazon-ecs-render-task-definition":
        return d.RENDER_ACTION
    return None


def workflow_deployments(root: str) -> dict:
    """{real path: (chain, reason)} from the workflows of the repository at `root`."""
    folder = os.path.join(root, ".github", "workflows")
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith((".yml", ".yaml")))
    except OSError:
        return {}
    found: dict = {}
    for name in names:
        value = _load(os.path.join(folder, name), _ACTIONS)
        jobs = value.get("jobs") if isinstance(value, dict) else None
        if not isinstance(jobs, dict):
            continue
        where = f".github/workflows/{name}"
        for job in jobs.values():
            steps = job.get("steps") if isinstance(job, dict) else None
            if isinstance(steps, list):
                _job_steps(root, where, [s for s in steps if isinstance(s, dict)], found)
    return found


def _job_steps(root, where, steps, found):
    rendered = {}  # render step id → its input file
    for step in steps:
        uses, inputs = step.get("uses"), step.get("with")
        kind = _deploy_step(uses) if isinstance(uses, str) else None
        if kind is None or not isinstance(inputs, dict) or not isinstance(inputs.get("task-definition"), str):
            continue
        named = inputs["task-definition"].strip()
        if kind == d.RENDER_ACTION:
            if isinstance(step.get("id"), str):
                rendered[step["id"]] = named
            _record(root, named, (d.RENDER_ACTION,), f"{where} renders it (amazon-ecs-render-task-definition)", found)
            continue
        link = _STEP_OUTPUT.fullmatch(named)
        if link and link.group(1) in rendered:
            _record(root, rendered[link.group(1)], (d.RENDER_ACTION, kind),
                    f"{where} renders it, then deploys it with {uses}", found, replace=True)
        elif not link:
            _record(root, named, (kind,), f"{where} deploys it with {uses}", found)


def _record(root, named, chain, reason, found, replace=False):
    if "${{" in named or not named:
        return  # a matrix or expression: the file is not known
    real = os.path.realpath(os.path.join(root, named))
    if replace or real not in found:
        found[real] = (chain, reason)


def ecspresso_deployments(directories) -> dict:
    """{real path: (chain, reason)} from ecspresso config files in these directories."""
    found: dict = {}
    for folder in sorted(set(directories)):
        try:
            names = sorted(n for n in os.listdir(folder) if _ECSPRESSO.search(n))
        except OSError:
            continue
        for name in names:
            value = _load(os.path.join(folder, name))
            if not isinstance(value, dict):
                continue
            for key in ("task_definition", "service_definition"):
                named = value.get(key)
                if isinstance(named, str) and named and "{{" not in named:
                    real = os.path.realpath(os.path.join(folder, named))
                    found.setdefault(real, ((d.ECSPRESSO,), f"ecspresso config {os.path.join(folder, name)} "
                                                            f"names it as {key}"))
    return found


def configured(path: str, rules: list):
    """(chain, reason) of the first `deploy-with:` glob matching `path`, or None.
    `rules` is [(base directory, glob, chain, config path)]."""
    absolute = os.path.abspath(path)
    for base, pattern, chain, source in rules:
        rel = os.path.relpath(absolute, base).replace(os.sep, "/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
            return chain, f'deploy-with "{pattern}" in {source}'
    return None


def deployments(paths: list, items: list, rules: list) -> dict:
    """{display path: (chain, reason)} for the files to lint that have a known deployer."""
    roots = {r for r in (repository_root(p) for p in paths if p != "-") if r}
    detected: dict = {}
    for root in sorted(roots):
        for real, hit in workflow_deployments(root).items():
            detected.setdefault(real, hit)
    folders = {os.path.dirname(os.path.abspath(p)) for p, _ in items if p != "-"}
    folders |= {os.path.dirname(f) for f in folders}  # ecspresso.yml often sits one level up
    for real, hit in ecspresso_deployments(folders).items():
        detected.setdefault(real, hit)
    out = {}
    for path, display in items:
        if path == "-":
            continue
        hit = configured(path, rules) if rules else None
        if hit is None and detected:
            hit = detected.get(os.path.realpath(path))
        if hit is not None:
            out[display] = hit
    return out
