"""A directory the walk cannot read is reported, never skipped in silence (issue 14)."""

import errno
import os

from ecslint import engine, runner
from helpers import settings_for


def _deny(monkeypatch, name, code):
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == name:
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_sub_directory_is_an_error_and_the_rest_is_walked(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "td.json").write_text("{}")
    (tmp_path / "open.json").write_text("{}")
    _deny(monkeypatch, "locked", errno.EACCES)
    errors: list = []
    found = list(engine.discover([str(tmp_path)], errors=errors))
    assert found == [str(tmp_path / "open.json")]
    assert errors == [f"{tmp_path / 'locked'}: cannot read the directory: Permission denied"]


def test_a_path_too_long_is_reported_by_the_run(tmp_path, monkeypatch):
    (tmp_path / "deep").mkdir()
    _deny(monkeypatch, "deep", errno.ENAMETOOLONG)
    settings = settings_for()
    _, _, errors = runner.run([str(tmp_path)], settings, jobs=1)
    assert errors == [f"{tmp_path / 'deep'}: cannot read the directory: File name too long"]
