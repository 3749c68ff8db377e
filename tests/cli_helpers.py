"""Run the real `ecslint` command in-process (click's runner) from a chosen directory."""

from __future__ import annotations

import os

from click.testing import CliRunner

from ecslint.cli import cli


def run(args, cwd=None, input=None):
    """(exit code, stdout, stderr) of `ecslint ARGS` run from `cwd`."""
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr
