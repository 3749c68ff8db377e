"""Input kinds: each is a front end that finds ECS documents in one parsed value and maps
them to the ECS API form.

Classification is by content, never by file name: a pre-commit hook sees every JSON/YAML file
of a repository and must skip what is not an ECS document quietly.

A front end is a module of this package with:

* `NAME`: the input kind's name (`"cloudformation"`), for messages and docs;
* `MARKERS`: a regular expression (alternation) of names only this kind's files use, so an
  unparsable file showing one is reported rather than skipped as "not ECS";
* `detect(value) -> bool`: whether a parsed value (dict, list or scalar) is of this kind;
  cheap, and with no import heavier than the module's own;
* `documents(value, forced) -> (list[Document], reason)`: the `ecslint.model.Document`s in
  the value (in the API form, with `origin` and `to_source`), or none and the reason the file
  is skipped. `forced` is `--kind` (a document kind, or None); honour it by returning only
  documents of that kind.

It imports `ecslint.model` (Document, Origin, longest_mapped_prefix) and whatever it needs
below that, never this package or the engine, and keeps heavy imports (schemas) inside
`documents`. `classify` asks the front ends in the order `front_ends()` lists them; the first whose
`detect` says yes decides. `ecs_api` takes every value, so it comes last; it also
takes a value forced to a kind whose own front end's `detect` said no (`--kind scalable-target`
on a fragment without the PascalCase members), and hands it to that front end's `documents`.

`rendering` is no front end: it is the text stage before parsing (`--var`, unrendered files).
`terraform_hcl` (with its parser and evaluator, `hcl`) reads Terraform source, which is not
JSON or YAML: `engine.lint_text` routes `.tf`/`.tf.json` files to it by name, before parsing,
and it hands each resource to `terraform_plan`'s mapping, so its documents are plan documents.
"""

from __future__ import annotations

import re
from functools import cache

from ecslint.model import Document


@cache
def front_ends() -> tuple:
    """The registered front ends, in the order they are asked (imported on the first
    classification of a run). Register a new input kind here."""
    from ecslint.inputs import cloudformation, ecs_api, scaling_api, terraform_plan

    return (cloudformation, terraform_plan, scaling_api, ecs_api)


def classify(value, forced: str | None = None) -> tuple[list[Document], str]:
    """Documents found in one parsed value, and a reason when there are none (a skip)."""
    for front_end in front_ends():
        if front_end.detect(value):
            return front_end.documents(value, forced)
    return [], "not an ECS task or service definition"


@cache
def _markers():
    return re.compile("|".join(f"(?:{fe.MARKERS})" for fe in front_ends()), re.IGNORECASE)


def looks_like_ecs(text: str) -> bool:
    """Whether unparsable text shows any sign of being an ECS document (a JSONC tsconfig.json
    or a Helm template in the same repository is not ours to judge)."""
    return _markers().search(text) is not None
