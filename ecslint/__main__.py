import os
import sys

# `python -m ecslint` puts the current directory first on sys.path: in a checkout being
# linted, a committed click.py or a *.dist-info declaring an ecslint.rules entry point would
# then run as ecslint's own code. ecslint itself is already imported (its modules load
# through its package path), so the directory is dropped before anything else is imported.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from ecslint.cli import main  # noqa: E402

main()
