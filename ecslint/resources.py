"""Where shipped data (rules/, schemas/) lives: inside the wheel, or beside the package in a source checkout."""
from functools import cache
from importlib.resources import files
@cache
def data_path(kind: str):
    pkg = files("ecslint")
    shipped = pkg / "_data" / kind
    if shipped.is_dir():
        return shipped
    return pkg.parent / kind   # source checkout or editable install
