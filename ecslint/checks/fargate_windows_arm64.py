"""Fargate runs ARM64 only for Linux: a Windows task definition for Fargate with
cpuArchitecture ARM64 is a combination AWS does not offer (API_RuntimePlatform)."""

from ecslint.model import Problem
from ecslint.model import Template


def check(td, params, ctx):
    rp = td.get("runtimePlatform")
    if not td.is_fargate or not td.is_windows or not isinstance(rp, dict) or rp.get("cpuArchitecture") != "ARM64":
        return
    yield Problem(("runtimePlatform", "cpuArchitecture"),
                  f'cpuArchitecture "ARM64" with operatingSystemFamily "{td.os_family}" on Fargate; '
                  f"Fargate offers ARM64 for Linux only")


TEMPLATE = Template("fargate-windows-arm64", check)
