"""Installed without the source tree, Quietroom works: the wheel carries all it needs.

One wheel is built per run (offline, no build isolation, from a copy of the tree so
a stale build/ folder cannot leak into it), then installed into a fresh virtual
environment that borrows only the third-party libraries of this one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_SHIPPED = (".venv", ".git", "build", "tests", "bench", "*.egg-info", "__pycache__", "*.db")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The wheel, and everything the build printed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SHIPPED))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-v", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (work / "dist").glob("quietroom-*.whl")
    yield wheel, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(built: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; third-party libraries come from this venv."""
    wheel, _ = built
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # Only a path line: .pth files in the borrowed folder (our editable install) stay unread.
    Path(purelib, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    return env_dir


def test_the_licence_is_an_spdx_string_for_a_setuptools_that_knows_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["license"] == "LicenseRef-Proprietary"
    assert "setuptools>=77" in project["build-system"]["requires"]


def test_building_prints_no_warnings(built: tuple[Path, str]) -> None:
    _, output = built
    assert "Warning" not in output and "deprecated" not in output.lower(), output
    assert "same name as your package" not in output


def test_the_wheel_holds_every_module_the_sample_practice_and_the_styles(
    built: tuple[Path, str],
) -> None:
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "vault/sample/practice.json" in names
    for package in ("vault", "vault/sample", "screens"):
        for source in (ROOT / package).glob("*.py"):
            assert f"{package}/{source.name}" in names
    for style in (ROOT / "screens").glob("*.tcss"):
        assert f"screens/{style.name}" in names
    assert not any(name.startswith(("tests/", "bench/", "sample_data/")) for name in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "quietroom = vault.cli.launch:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_command_prints_its_version(installed: Path, tmp_path: Path) -> None:
    shown = subprocess.run(
        [str(installed / "bin" / "quietroom"), "--version"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"quietroom {metadata.version('quietroom')}"


DEMO_WITHOUT_THE_APP = """
import sys, types
from pathlib import Path
import vault
assert Path(vault.__file__).is_relative_to(sys.prefix), vault.__file__  # the installed copy
from vault.vault import Vault

def run_app(root, *, demo_passphrase):
    with Vault.open(root, demo_passphrase) as opened:
        print("clients", opened.clients.count())

app = types.ModuleType("screens.app")
app.run_app = run_app
sys.modules["screens.app"] = app
sys.argv = ["quietroom", "demo"]
from vault.cli.commands import main
main()
"""


def test_the_installed_demo_finds_and_imports_the_sample_practice(
    installed: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    ran = subprocess.run(
        [str(installed / "bin" / "python"), "-c", DEMO_WITHOUT_THE_APP],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.split() == ["clients", "12"]
    assert list(tmp_path.iterdir()) == []  # the demo's folder is gone
