"""Linux capabilities that give a container near-root power over the host."""

from ecslint.ecs.containers import added_capabilities
from ecslint.model import Problem
from ecslint.registry import Template
from ecslint.templates._common import cname

DEFAULT = ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT",
           "DAC_READ_SEARCH", "BPF", "PERFMON", "MAC_ADMIN", "SYS_TIME"]


def check(td, params, ctx):
    risky = {c.upper().removeprefix("CAP_") for c in params.get("capabilities", DEFAULT)}
    for _, c, ptr in td.containers():
        for cap, where in added_capabilities(c, ptr):
            if cap.upper().removeprefix("CAP_") in risky:
                yield Problem(where, f'container "{cname(c)}" adds the capability "{cap}"')


TEMPLATE = Template("dangerous-capabilities", check, {
    "type": "object",
    "properties": {"capabilities": {"type": "array", "items": {"type": "string"},
                                    "description": "Capabilities to flag when added (replaces the default list)"}},
    "additionalProperties": False,
})
