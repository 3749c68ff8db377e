"""Task volumes: names well formed and unique (and present where required), one volume
type each, at most one configuredAtLaunch."""


from ecslint.ecs.views import known
from ecslint.model import Problem
from ecslint.registry import Template

TYPES = ("host", "dockerVolumeConfiguration", "efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration",
         "s3filesVolumeConfiguration")
NEEDS_NAME = ("efsVolumeConfiguration", "s3filesVolumeConfiguration", "configuredAtLaunch")
PARAMS = {
    "type": "object",
    "required": ["check"],
    "properties": {"check": {"enum": ["name", "unique-name", "one-type", "one-configured-at-launch"]}},
    "additionalProperties": False,
}


def _label(v):
    name = v.get("name")
    return f'volume "{name}"' if isinstance(name, str) else "a volume without a name"


def _name_problems(v, ptr):
    name = v.get("name")
    if name is None:
        needs = next((t for t in NEEDS_NAME if v.get(t) not in (None, False)), None)
        if needs:
            yield Problem(ptr, f"a volume with {needs} needs a name")
    # The name's format is ECS108 invalid-volume-name's; here only its presence.


def check(td, params, ctx):
    which = params["check"]
    names, at_launch = set(), None
    for _, v, ptr in td.volumes():
        name = v.get("name")
        if which == "name":
            yield from _name_problems(v, ptr)
        elif which == "unique-name" and isinstance(name, str) and known(name):
            if name in names:
                yield Problem(ptr + ("name",), f'volume name "{name}" is declared more than once')
            names.add(name)
        elif which == "one-type":
            kinds = [t for t in TYPES if v.get(t) is not None]
            if v.get("configuredAtLaunch") is True:
                kinds.insert(0, "configuredAtLaunch")
            if len(kinds) > 1:
                yield Problem(ptr, f'{_label(v)} sets {" and ".join(kinds)}; a volume has exactly one type')
        elif which == "one-configured-at-launch" and v.get("configuredAtLaunch") is True:
            if at_launch is not None:
                yield Problem(ptr + ("configuredAtLaunch",), f'{_label(v)} is configuredAtLaunch, but '
                                                             f'{at_launch} already is; only one volume may be')
            else:
                at_launch = _label(v)


TEMPLATE = Template("volume-definition", check, PARAMS)
