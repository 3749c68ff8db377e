import os
import signal
import sys


def _interrupted_while_starting(signum, frame):
    # Ctrl-C during start-up (imports): one line, like later on, not an import traceback.
    sys.stderr.write("ecslint: interrupted\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted_while_starting)  # cli.main restores the default

# `python -m ecslint` puts the current directory first on sys.path: in a checkout being
# linted, a committed click.py or a *.dist-info declaring an ecslint.rules entry point would
# then run as ecslint's own code. ecslint itself is already imported (its modules load
# through its package path), so the directory is dropped before anything else is imported.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from ecslint.cli import main  # noqa: E402

main()
