"""--fix replaces files atomically and recycles the replaced inodes (ecslint.fix_writes): the
files get exactly their new bytes and keep their permission bits, nothing is left behind once
finished, and an inode is recycled only when it is the file's alone."""

from __future__ import annotations

import os
import stat

import pytest

from ecslint import fix_writes
from ecslint.model import EcslintError

linux_only = pytest.mark.skipif(not fix_writes.RECYCLE, reason="inodes are recycled on Linux only")


def _files(folder):
    return sorted(os.listdir(folder))


@pytest.fixture(autouse=True)
def _finished():
    yield
    fix_writes.finish()


def test_files_get_their_bytes_and_modes_and_nothing_is_left(tmp_path):
    for i, mode in enumerate((0o644, 0o600, 0o755)):
        path = tmp_path / f"td{i}.json"
        path.write_bytes(b"old %d" % i)
        os.chmod(path, mode)
    for i in range(3):
        fix_writes.replace(str(tmp_path / f"td{i}.json"), b"new %d\n" % i, "x")
    fix_writes.finish()
    assert _files(tmp_path) == ["td0.json", "td1.json", "td2.json"]
    for i, mode in enumerate((0o644, 0o600, 0o755)):
        path = tmp_path / f"td{i}.json"
        assert path.read_bytes() == b"new %d\n" % i
        assert stat.S_IMODE(path.stat().st_mode) == mode


@linux_only
def test_the_old_inode_becomes_the_next_files_temporary_file(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(b"a" * 5000)
    b.write_bytes(b"b")
    old_a = a.stat().st_ino
    fix_writes.replace(str(a), b"A", "x")
    assert len(_files(tmp_path)) == 3  # a, b and the spare: a's old inode, with its old text
    fix_writes.replace(str(b), b"B", "x")
    assert b.stat().st_ino == old_a and b.read_bytes() == b"B"  # nothing of a's old text is left in it
    fix_writes.finish()
    assert _files(tmp_path) == ["a.json", "b.json"]


@linux_only
def test_an_inode_with_another_link_is_never_recycled(tmp_path):
    """A hard link elsewhere shares the inode: writing the next file into it would change the
    other name's text."""
    a, other, b = tmp_path / "a.json", tmp_path / "other.json", tmp_path / "b.json"
    a.write_bytes(b"shared")
    os.link(a, other)
    b.write_bytes(b"b")
    fix_writes.replace(str(a), b"A", "x")
    fix_writes.replace(str(b), b"B", "x")
    fix_writes.finish()
    assert other.read_bytes() == b"shared" and a.read_bytes() == b"A" and b.read_bytes() == b"B"
    assert _files(tmp_path) == ["a.json", "b.json", "other.json"]


@linux_only
def test_a_spare_that_was_swapped_is_not_written_through(tmp_path):
    """The spare is checked to be the inode kept (and linked nowhere else) before it is
    emptied: a file linked in its place keeps its text."""
    a, b, victim = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "victim"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    victim.write_bytes(b"keep me")
    fix_writes.replace(str(a), b"A", "x")
    (spare,) = [n for n in _files(tmp_path) if n.endswith(".tmp")]
    os.unlink(tmp_path / spare)
    os.link(victim, tmp_path / spare)
    fix_writes.replace(str(b), b"B", "x")
    assert victim.read_bytes() == b"keep me" and b.read_bytes() == b"B"


@linux_only
def test_extended_attributes_keep_an_inode_from_being_recycled(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    try:
        os.setxattr(a, "user.note", b"mine")
    except OSError:
        pytest.skip("this filesystem has no user extended attributes")
    fix_writes.replace(str(a), b"A", "x")
    assert _files(tmp_path) == ["a.json", "b.json"]  # no spare kept
    fix_writes.replace(str(b), b"B", "x")
    assert os.listxattr(b) == [] and b.read_bytes() == b"B"


def test_a_file_that_became_a_link_is_refused(tmp_path):
    target, link = tmp_path / "target.json", tmp_path / "td.json"
    target.write_bytes(b"t")
    link.symlink_to(target)
    with pytest.raises(EcslintError, match="no longer a regular file"):
        fix_writes.replace(str(link), b"x", f"{link}: cannot write the fixed file")
    assert target.read_bytes() == b"t" and link.is_symlink()


def test_a_fix_run_leaves_only_the_fixed_files(tmp_path):
    import json

    from cli_helpers import run

    for i in range(3):
        (tmp_path / f"td{i}.json").write_text(json.dumps({"family": f"web{i}", "cpu": 256, "memory": "512",
                                                          "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}))
    code, out, _ = run(["check", "--fix", "--select", "ECS103", "-j", "1", "."], cwd=tmp_path)
    assert code == 0 and "Fixed 3 problems" in out
    assert _files(tmp_path) == ["td0.json", "td1.json", "td2.json"]
    assert all(json.loads((tmp_path / f"td{i}.json").read_text())["cpu"] == "256" for i in range(3))
