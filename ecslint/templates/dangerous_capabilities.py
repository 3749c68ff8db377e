"""Linux capabilities that give a container near-root power over the host."""

from ecslint.ecs.views import known
from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import cname

DEFAULT = ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT",
           "DAC_READ_SEARCH", "BPF", "PERFMON", "MAC_ADMIN", "SYS_TIME"]


def check(td, params, ctx):
    risky = {c.upper().removeprefix("CAP_") for c in params.get("capabilities", DEFAULT)}
    for _, c, ptr in td.containers():
        lp = c.get("linuxParameters")
        caps = lp.get("capabilities") if isinstance(lp, dict) else None
        add = caps.get("add") if isinstance(caps, dict) else None
        if not isinstance(add, list):
            continue
        for j, cap in enumerate(add):
            if isinstance(cap, str) and known(cap) and cap.upper().removeprefix("CAP_") in risky:
                yield Problem(ptr + ("linuxParameters", "capabilities", "add", j),
                              f'container "{cname(c)}" adds the capability "{cap}"')


TEMPLATE = Template("dangerous-capabilities", check, {
    "type": "object",
    "properties": {"capabilities": {"type": "array", "items": {"type": "string"},
                                    "description": "Capabilities to flag when added (replaces the default list)"}},
    "additionalProperties": False,
})
