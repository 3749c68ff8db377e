"""Where shipped data (rules/, schemas/) lives: inside the wheel (ecslint/_data/), or beside
the package in a source checkout or editable install."""

from __future__ import annotations

import os
from functools import cache


def _package_root():
    """The package as a Traversable. For a package on the file system this is the directory
    that importlib.resources.files() returns (a pathlib.Path); importing importlib.resources
    costs ~20 ms (tempfile, email, zipfile...), a sixth of a small run, so it is used only for
    packages that do not live on the file system (a zip import)."""
    import ecslint

    here = getattr(ecslint, "__file__", None)
    if here and os.path.isfile(here):
        from pathlib import Path

        return Path(here).parent
    from importlib.resources import files

    return files("ecslint")


@cache
def data_path(kind: str):
    pkg = _package_root()
    shipped = pkg / "_data" / kind
    if shipped.is_dir():
        return shipped
    return pkg.parent / kind  # source checkout or editable install
