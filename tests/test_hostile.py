"""Hostile input, generated here rather than committed: every case runs the real command line
in a child process and must end with exit code 0, 1 or 2, a clear message, no traceback,
within the time and memory budget (see robustness.py)."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
import random
import time

import pytest

from helpers import ROOT, settings_for
from robustness import WORK_BUDGET_S, assert_sane, check_regions, run_cli
from ecslint import gc_policy
from ecslint.engine import lint_file, lint_text

TD_TEXT = Path(ROOT, "tests", "fixtures", "schema", "td-fargate-web.json").read_text(encoding="utf-8")
TD = json.loads(TD_TEXT)
SETTINGS = settings_for()  # every rule


def _td_yaml() -> str:
    import io

    from ruamel.yaml import YAML

    buf = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False  # libyaml rejects "http://x" as a plain scalar in flow style
    yaml.dump(TD, buf)
    return buf.getvalue()


TD_YAML = _td_yaml()


def _timed_lint(path):
    # CPU time: a busy machine must not make this flaky. Under the command line's collector
    # policy: with pytest's defaults, collections re-walk the whole test session's heap, which
    # the command line never has (a 5,000-container file's 40,000 findings took 2.05 s in CI;
    # here, beside a 2-million-object heap, about twice the time under the run's policy).
    with gc_policy.rare_collection():
        start = time.process_time()
        result = lint_file(str(path), SETTINGS)
        spent = time.process_time() - start
    assert spent < WORK_BUDGET_S
    return result


def _messages(run):
    return run.output


# --- truncation and corruption, in-process (thousands of variants) ---------------------


@pytest.mark.parametrize("name,text", [("td.json", TD_TEXT), ("td.yaml", TD_YAML)])
def test_truncation_at_every_byte(name, text):
    data = text.encode()
    for cut in range(len(data) + 1):
        chunk = data[:cut].decode("utf-8", "ignore")
        result = lint_text(name, chunk, SETTINGS)
        check_regions(result, chunk)


@pytest.mark.parametrize("name,text", [("td.json", TD_TEXT), ("td.yaml", TD_YAML)])
def test_random_byte_flips(tmp_path, name, text):
    rng = random.Random(20261128)
    data = bytearray(text.encode())
    target = tmp_path / name
    for _ in range(300):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        target.write_bytes(bytes(mutated))
        result = _timed_lint(target)
        try:
            decoded = bytes(mutated).decode("utf-8")
        except UnicodeDecodeError:
            continue  # an encoding finding: its region is in the decoded prefix
        check_regions(result, decoded)


# --- single hostile files through the CLI ---------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)

# (file name, content bytes, expected exit code, text the output must contain)
CASES = [
    # Broken files that show no sign of ECS are skipped quietly (pre-commit sees every JSON file)
    ("empty.json", b"", 0, "1 file skipped"),
    ("empty.yaml", b"", 0, "No problems found"),
    ("blank.json", b"  \n\t\n  ", 0, "1 file skipped"),
    ("blank.yaml", b"   \n\n  ", 0, "No problems found"),
    ("bom8.json", codecs.BOM_UTF8 + TD_TEXT.encode(), 0, "in 1 document from 1 file"),
    ("utf16le.json", codecs.BOM_UTF16_LE + TD_TEXT.encode("utf-16-le"), 0, "in 1 document from 1 file"),
    ("utf16be.yaml", codecs.BOM_UTF16_BE + TD_YAML.encode("utf-16-be"), 0, "in 1 document from 1 file"),
    ("utf32le.json", codecs.BOM_UTF32_LE + TD_TEXT.encode("utf-32-le"), 0, "in 1 document from 1 file"),
    ("utf32be.json", codecs.BOM_UTF32_BE + TD_TEXT.encode("utf-32-be"), 0, "in 1 document from 1 file"),
    ("utf16-odd.json", codecs.BOM_UTF16_LE + TD_TEXT.encode("utf-16-le")[:-1], 1, "is not valid UTF-16-LE"),
    ("utf16-nobom.json", TD_TEXT.encode("utf-16-le"), 1, "NUL bytes"),
    ("latin1.json", '{"family": "caf\xe9"}'.encode("latin-1"), 1, "is not valid UTF-8 (byte 0xe9 at offset 15)"),
    ("nul.json", b'{"family":\x00 "x"}', 1, "the file contains NUL bytes"),
    ("binary.json", bytes(range(256)) * 64, 1, "is not valid UTF-8"),
    ("zeros.json", b"\x00" * 4096, 1, "the file contains NUL bytes"),
    ("e400.json", b'{"family": "x", "cpu": 1e400, "containerDefinitions": []}', 1, "the number 1e400 is out of range"),
    ("nan.json", b'{"family": "x", "cpu": NaN, "containerDefinitions": []}', 1, "NaN is not valid JSON"),
    ("inf.json", b'{"family": "x", "cpu": -Infinity, "containerDefinitions": []}', 1, "-Infinity is not valid JSON"),
    ("bigint.json", b'{"family": "x", "cpu": ' + b"9" * 5000 + b', "containerDefinitions": []}', 1,
     "an integer with 5,000 digits is out of range"),
    # YAML keeps a number Python cannot hold as its text: the document is still linted
    ("bigint.yaml", b"family: x\ncpu: " + b"9" * 5000 + b"\ncontainerDefinitions: [{name: a, image: 'b:1'}]\n", 0,
     "in 1 document"),
    ("hex.yaml", b"family: x\ncpu: 0x" + b"f" * 5000 + b"\nrequiresCompatibilities: [FARGATE]\n"
     b"containerDefinitions:\n  - name: a\n    image: b:1\n    memory: 0x" + b"f" * 5000
     + b"\n    portMappings: [{containerPort: 0o" + b"7" * 6000 + b"}]\n", 1, '"memory" must be an integer'),
    ("e400.yaml", b"family: x\ncpu: 1e400\ncontainerDefinitions: [{name: a, image: 'b:1'}]\n", 0,
     "in 1 document"),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, 1, "invalid JSON: nesting is too deep"),
    ("deep-obj.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, 1, "invalid JSON: nesting is too deep"),
    ("deep-flow.yaml", b"[" * 100_000 + b"]" * 100_000, 1, "invalid YAML: nesting is too deep"),
    ("deep-map.yaml", b"{a: " * 100_000 + b"1" + b"}" * 100_000, 1, "invalid YAML: nesting is too deep"),
    ("deep-block.yaml", b"- " * 100_000 + b"x\n", 1, "invalid YAML: nesting is too deep"),
    ("million.json", b"[" + b",".join([b"1"] * 1_000_000) + b"]", 0, "1 file skipped"),
    ("many-documents.yaml", b"---\n" * 100_000, 1, "the YAML stream has more than 1,000 documents"),
    ("dup-keys-25k.yaml", b"containerDefinitions: [{name: a, image: 'b:1'}]\n" + b"family: x\n" * 25_000, 0,
     'key "family" appears more than once'),
    ("dup-keys-25k.json", b'{"containerDefinitions": [{"name": "a", "image": "b:1"}], ' + b'"family": "x", ' * 25_000
     + b'"cpu": "256"}', 0, 'key "family" appears more than once'),
    # 5,000 containers × 8 rules each = 40,000 findings placed in the file
    ("containers-5k.json", b'{"family": "x", "containerDefinitions": ['
     + b",".join([b'{"name": "a", "image": "b"}'] * 5_000) + b"]}", 1,
     "error ECS110 too-many-containers: the task definition has 5000 containers; the limit is 10"),
    ("containers-5k.yaml", b"family: x\ncontainerDefinitions:\n" + b"- {name: a, image: b}\n" * 5_000, 1,
     "error ECS110 too-many-containers: the task definition has 5000 containers; the limit is 10"),
    # over the expansion budget: quietly skipped unless it looks like ECS (tests/test_hostile_yaml.py)
    ("bomb.yaml", BOMB.encode(), 0, "1 file skipped"),
    ("bomb-ecs.yaml", ("family: x\n" + BOMB).encode(), 1, "invalid YAML: aliases and merge keys expand to more than"),
    ("dup.json", json.dumps(TD)[:-1].encode() + b', "family": "other"}', 0,
     'key "family" appears more than once'),
    ("dup.yaml", (TD_YAML + "family: other\n").encode(), 0, 'key "family" appears more than once'),
    ("root-list.json", b"[1, 2, 3]", 0, "1 file skipped"),
    ("root-string.json", b'"family"', 0, "1 file skipped"),
    ("root-number.json", b"42", 0, "1 file skipped"),
    ("root-null.json", b"null", 0, "1 file skipped"),
    ("root-null.yaml", b"~\n", 0, "1 file skipped"),
    ("tab.yaml", b"family: x\ncontainerDefinitions:\n\t- name: a\n", 1, "YAML indentation must use spaces"),
    ("cr-only.yaml", b"family: x\rcontainerDefinitions:\r  - name: a\r    image: nginx\r", 0,
     "cr-only.yaml:3:5: warning ECS501"),  # old-Mac line ends: positions as an editor shows them
    ("crlf.json", b'{\r\n  "family": "x",\r\n  "containerDefinitions": [{"name": "a", "image": "b"}]\r\n}', 0,
     "crlf.json:3:28: warning ECS501"),
    ("trailing-comma.json", b'{"family": "x",}', 1, "expected a key in double quotes"),
]


@pytest.mark.parametrize("name,content,code,message", [  # the 25k/5k-node files take 1-3 s each
    pytest.param(*c, id=c[0], marks=[pytest.mark.slow] if "-25k." in c[0] or "-5k." in c[0] else []) for c in CASES])
def test_hostile_file(tmp_path, name, content, code, message):
    path = tmp_path / name
    path.write_bytes(content)
    if len(content) <= 5 * 1024 * 1024:  # the engine alone, in-process, within budget
        _timed_lint(path)
    # Engine, schema and logging rules: what these inputs are about, without the opinions of
    # the rest of the pack on a deliberately minimal document.
    run = run_cli(["check", "--preset", "all", "--select", "ECS0,ECS1,ECS5", "--fail-on", "error", str(path)])
    assert_sane(run)
    assert run.code == code, run.output
    assert message in run.output


def test_unsafe_yaml_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "PWNED"
    doc = tmp_path / "td.yaml"
    doc.write_text(
        f'family: !!python/object/apply:os.system ["touch {marker}"]\n'
        f'cpu: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n'
        f'memory: !!python/name:os.system\n'
        "containerDefinitions: [{name: a, image: 'b:1'}]\n"
    )
    result = _timed_lint(doc)
    run = run_cli(["check", "--preset", "all", str(doc)])
    assert_sane(run)
    assert not marker.exists()
    # the tagged nodes are read as plain data, so the schema rules see a list, not a call
    assert any(f.pointer == "/family" and f.rule == "ECS103" for f in result.findings)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(dict(TD, padding="x" * 6_000_000)))
    run = run_cli(["check", str(path)])
    assert_sane(run)
    assert run.code == 2
    assert "big.json: cannot read: larger than the 5,242,880-byte limit (raise it with --max-file-size)" in run.stderr
    run = run_cli(["check", "--max-file-size", "10000000", "--ignore", "ECS1", str(path)])
    assert_sane(run)
    assert run.code == 0, run.output
    assert "No problems found in 1 document" in run.output


def test_stdin_garbage():
    run = run_cli(["check", "-", "--stdin-filename", "td.json"], stdin=b"\xff\xfe\x00garbage")
    assert_sane(run)
    assert run.code == 0  # decodes (UTF-16 BOM) to text that is neither valid nor ECS: skipped
    assert "1 file skipped" in run.output
    run = run_cli(["check", "-", "--stdin-filename", "td.json"], stdin=b'{"family": "web",\xff}')
    assert_sane(run)
    assert run.code == 1
    assert "td.json:1:18: error ECS001 unparsable-file: the file is not valid UTF-8" in run.output


# --- paths: links, FIFOs, permissions, directories ------------------------------------


def _write_td(path, family="web-app"):
    path.write_text(json.dumps(dict(TD, family=family), indent=2))


def test_walked_directory_with_links_and_fifo(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text('{"family": "outside", "containerDefinitions": [{"name": "a", "image": "b"}]}')
    _write_td(tree / "a.json")
    os.symlink("loop1.json", tree / "loop2.json")
    os.symlink("loop2.json", tree / "loop1.json")
    os.symlink("missing.json", tree / "dangling.json")
    os.symlink(outside, tree / "escape.json")
    os.symlink(tmp_path, tree / "up")  # a directory link: never walked
    os.symlink("a.json", tree / "same-via-link.json")
    os.link(tree / "a.json", tree / "same-via-hardlink.json")
    (tree / "x.json").mkdir()
    _write_td(tree / "x.json" / "inner.json", "inner")
    os.mkfifo(tree / "fifo.json")
    run = run_cli(["check", "--format", "json", "--preset", "all", "--fail-on", "error", str(tree)])
    assert_sane(run)
    assert run.code == 0, run.output
    report = json.loads(run.stdout)
    # a.json once (not through its symlink or hard link) and x.json/inner.json
    assert report["summary"]["files"] == 2
    assert "outside" not in run.output  # the link out of the tree was not followed


def test_named_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "td.json"
    os.mkfifo(fifo)
    run = run_cli(["check", str(fifo)], timeout=10)
    assert_sane(run)
    assert run.code == 2
    assert "td.json: cannot read: not a regular file" in run.stderr


def test_named_dangling_link_and_missing_path(tmp_path):
    os.symlink(tmp_path / "nowhere.json", tmp_path / "dangling.json")
    for name in ("dangling.json", "missing.json"):
        run = run_cli(["check", str(tmp_path / name)])
        assert_sane(run)
        assert run.code == 2
        assert name in run.stderr and ("no such file or directory" in run.stderr.lower())


def test_named_link_loop(tmp_path):
    os.symlink("b.json", tmp_path / "a.json")
    os.symlink("a.json", tmp_path / "b.json")
    run = run_cli(["check", str(tmp_path / "a.json")])
    assert_sane(run)
    assert run.code == 2
    assert "a.json: cannot read: Too many levels of symbolic links" in run.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file(tmp_path):
    path = tmp_path / "td.json"
    _write_td(path)
    path.chmod(0)
    try:
        run = run_cli(["check", str(path)])
    finally:
        path.chmod(0o644)
    assert_sane(run)
    assert run.code == 2
    assert "td.json: cannot read: Permission denied" in run.stderr


def test_directory_named_like_a_file(tmp_path):
    d = tmp_path / "x.json"
    d.mkdir()
    run = run_cli(["check", str(d)])
    assert_sane(run)
    assert run.code == 0
    assert "No problems found in 0 documents from 0 files" in run.output


def test_same_file_named_twice_and_through_links(tmp_path):
    _write_td(tmp_path / "a.json")
    os.symlink("a.json", tmp_path / "b.json")
    os.link(tmp_path / "a.json", tmp_path / "c.json")
    run = run_cli(["check", "--format", "json", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                   str(tmp_path / "c.json"), str(tmp_path)])
    assert_sane(run)
    assert json.loads(run.stdout)["summary"]["files"] == 1


def test_unwritable_output_path(tmp_path):
    _write_td(tmp_path / "td.json")
    target = tmp_path / "no-such-dir" / "report.txt"
    run = run_cli(["check", "-o", str(target), str(tmp_path / "td.json")])
    assert_sane(run)
    assert run.code == 2
    assert f"ecslint: error: {target}: cannot write the report: No such file or directory" in run.stderr
