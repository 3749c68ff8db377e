"""The built wheel carries rules/ and schemas/ and works in a fresh virtual environment."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile

import pytest

from helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(out), ROOT], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    [whl] = glob.glob(str(out / "ecslint-*.whl"))
    return whl


@pytest.mark.slow  # the wheel fixture builds the wheel
def test_wheel_contains_the_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "ecslint/_data/rules/ECS201-invalid-fargate-size.yaml" in names
    assert "ecslint/_data/rules/index.json" in names  # an installed ecslint reads its rules from it
    assert "ecslint/_data/schemas/register-task-definition.json" in names
    assert "ecslint/_data/schemas/ecslint/config.schema.json" in names


@pytest.mark.slow
def test_wheel_runs_in_a_fresh_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], check=True)
    # Dependencies come from this environment, added after the fresh venv's own site-packages,
    # so `import ecslint` resolves to the wheel's copy, not the source tree.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    with open(os.path.join(site, "zz_test_deps.pth"), "w") as fh:
        fh.write(deps + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    td = tmp_path / "td.json"
    td.write_text('{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 256}]}')
    where = subprocess.run([str(py), "-c", "import ecslint, ecslint.resources as r; print(ecslint.__file__); print(r.data_path('rules'))"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    assert "_data" in where.stdout
    res = subprocess.run([str(env_dir / "bin" / "ecslint"), "check", str(td)], capture_output=True, text=True,
                         env=env, cwd=tmp_path)
    assert res.returncode == 1, res.stdout + res.stderr  # two warnings fail the default gate
    assert "ECS401 mutable-image-tag" in res.stdout
    rules = subprocess.run([str(env_dir / "bin" / "ecslint"), "rules"], capture_output=True, text=True,
                           env=env, cwd=tmp_path)
    assert "ECS201" in rules.stdout


def test_data_path_is_what_importlib_resources_gives():
    """The fast path for a package on the file system names the same place as
    importlib.resources.files()."""
    from importlib.resources import files

    from ecslint.resources import _package_root

    assert str(_package_root()) == str(files("ecslint"))
