"""A killed `init` or `backup` leaves no half-vault behind, and the next run tidies up."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.cli.commands import app
from vault.storage import staging
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock
from vault.vault import Vault
from vault.verify import verify_vault

HELPER = Path(__file__).with_name("killed_midway.py")


def killed(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(HELPER), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done


def run(*args: str, stdin: str = "") -> object:
    return CliRunner().invoke(app, list(args), input=stdin)


def test_init_killed_after_showing_the_key_leaves_no_vault(vault_dir: Path) -> None:
    done = killed("init", str(vault_dir), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert "recovery key" in done.stdout.lower()
    assert not VaultLayout(vault_dir).exists()
    leftovers = [p for p in vault_dir.parent.iterdir() if p != vault_dir]
    assert len(leftovers) == 1 and ".quietroom-init-" in leftovers[0].name

    result = run("init", "--vault", str(vault_dir), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "unfinished vault" in result.stderr  # type: ignore[attr-defined]
    assert [p.name for p in vault_dir.parent.iterdir()] == [vault_dir.name]
    Vault.open(vault_dir, PASSPHRASE).close()


def test_a_killed_backup_leaves_nothing_at_dest_and_the_next_one_tidies(
    vault_dir: Path, tmp_path: Path
) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    add_practice(vault)
    vault.close()
    dest = tmp_path / "backups" / "monday"
    killed("backup", str(vault_dir), str(dest), stdin=f"{PASSPHRASE}\n")
    assert not dest.exists()  # never a database without schema that opens as an empty vault
    assert [p.name for p in dest.parent.iterdir()][0].startswith(".monday.quietroom-backup-")

    result = run("backup", str(dest), "--vault", str(vault_dir), stdin=f"{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert [p.name for p in dest.parent.iterdir()] == ["monday"]
    assert verify_vault(dest, PASSPHRASE).ok


def test_a_leftover_holding_other_files_is_named_and_kept(vault_dir: Path) -> None:
    odd = staging.staging_path(vault_dir, "init")
    odd.mkdir()
    (odd / "notes-to-self.txt").write_text("mine")
    result = run("init", "--vault", str(vault_dir), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert str(odd) in result.stderr and "left alone" in result.stderr  # type: ignore[attr-defined]
    assert (odd / "notes-to-self.txt").read_text() == "mine"


def test_a_build_in_progress_is_never_taken_for_a_leftover(vault_dir: Path) -> None:
    busy = staging.staging_path(vault_dir, "init")
    busy.mkdir()
    lock = VaultLock(VaultLayout(busy).lock)
    lock.acquire()
    try:
        assert staging.clean_leftovers(vault_dir, "init").removed == []
        assert busy.exists()
    finally:
        lock.release()
    assert staging.clean_leftovers(vault_dir, "init").removed == [busy]


def test_init_into_an_empty_folder_and_not_into_a_used_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    Vault.create(empty, PASSPHRASE, CHEAP)[0].close()
    Vault.open(empty, PASSPHRASE).close()

    used = tmp_path / "used"
    used.mkdir()
    (used / "taxes.pdf").write_text("x")
    result = run("init", "--vault", str(used), stdin="")  # refused before any question
    assert result.exit_code == 1
    assert "other files" in result.stderr  # type: ignore[attr-defined]
    assert sorted(p.name for p in used.iterdir()) == ["taxes.pdf"]


def test_an_init_stopped_before_the_rename_removes_its_folder(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("vault.cli.prompts.acknowledge_recovery_key", interrupted)
    result = run("init", "--vault", str(vault_dir), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 1
    assert list(vault_dir.parent.iterdir()) == []
