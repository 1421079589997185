"""`quietroom demo` leaves nothing behind: not after a kill, a hang-up or a SIGTERM."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vault.cli.commands import DEMO_PASSPHRASE, app
from vault.cli.demo import LOCK_NAME, PREFIX, demo_folder, remove_leftovers
from vault.errors import VaultInUse
from vault.storage.lockfile import VaultLock
from vault.vault import Vault

runner = CliRunner()


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's temporary directory: never the real one, where other demos may run."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def install_app(monkeypatch: pytest.MonkeyPatch, run_app: Any) -> None:
    module = types.ModuleType("screens.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", module)


def leftover(temp: Path, name: str = "killed") -> Path:
    """What a demo killed with SIGKILL leaves: its folder, vault inside, lock unheld."""
    folder = temp / f"{PREFIX}{name}"
    Vault.create(folder / "vault", DEMO_PASSPHRASE)[0].close()
    (folder / LOCK_NAME).touch()
    return folder


def test_the_next_demo_removes_a_killed_demos_folder(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = leftover(temp)
    older = temp / f"{PREFIX}from-an-earlier-release"  # made before demo.lock existed
    older.mkdir()
    (older / "vault").mkdir()
    install_app(monkeypatch, lambda root, **kw: None)

    result = runner.invoke(app, ["demo"])

    assert result.exit_code == 0, result.output
    assert not old.exists() and not older.exists()
    assert list(temp.iterdir()) == []


def test_a_running_demos_folder_is_left_alone(temp: Path) -> None:
    running = leftover(temp, "running")
    lock = VaultLock(running / LOCK_NAME)
    lock.acquire()
    try:
        assert remove_leftovers(temp) == []
        assert (running / "vault").exists()
    finally:
        lock.release()
    assert remove_leftovers(temp) == [running]


def test_a_demo_on_its_unlock_screen_is_not_a_leftover(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app closes the vault (and frees the vault's lock) while it is locked."""
    survived: list[bool] = []

    def locked_app(root: Path, **kw: Any) -> None:
        remove_leftovers(temp)  # what a second demo, started now, does first
        survived.append(root.exists())

    install_app(monkeypatch, locked_app)
    assert runner.invoke(app, ["demo"]).exit_code == 0
    assert survived == [True]


def test_links_and_files_named_like_demos_are_not_followed_or_removed(temp: Path) -> None:
    precious = temp / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("mine")
    (temp / f"{PREFIX}link").symlink_to(precious)
    (temp / f"{PREFIX}file").write_text("not a folder")

    assert remove_leftovers(temp) == []
    assert (precious / "keep.txt").read_text() == "mine"
    assert (temp / f"{PREFIX}file").exists()


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM])
def test_a_hang_up_or_sigterm_still_removes_the_demo(
    temp: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    roots: list[Path] = []
    before = signal.getsignal(number)

    def app_killed(root: Path, **kw: Any) -> None:
        roots.append(root)
        os.kill(os.getpid(), number)
        raise AssertionError("the signal should have ended the demo")  # pragma: no cover

    install_app(monkeypatch, app_killed)
    result = runner.invoke(app, ["demo"])

    assert result.exit_code == 128 + number
    assert roots and not roots[0].exists()
    assert list(temp.iterdir()) == []
    assert signal.getsignal(number) == before


def test_the_folder_is_private_and_named_only_once_locked(temp: Path) -> None:
    with demo_folder() as folder:
        assert folder.name.startswith(PREFIX)
        assert folder.stat().st_mode & 0o777 == 0o700
        probe = VaultLock(folder / LOCK_NAME)
        with pytest.raises(VaultInUse):
            probe.acquire()
    assert not folder.exists()


def test_a_missing_sample_practice_says_to_reinstall(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vault import sample

    monkeypatch.setattr(sample, "PRACTICE_FILE", "gone.json")
    install_app(monkeypatch, lambda root, **kw: None)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert "sample practice is missing from this installation" in result.stderr
    assert "reinstall" in result.stderr
    assert list(temp.iterdir()) == []
