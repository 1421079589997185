"""Restoring a backup: into a new folder only, verified, and nothing written on any failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from tests.security._util import snapshot
from tests.security.test_disk_full import _failing_writes_into
from vault.backup import backup
from vault.cli.commands import app
from vault.errors import DatabaseDamaged, DiskFull, NoVault, VaultExists, WrongPassphrase
from vault.restore import restore
from vault.vault import Vault
from vault.verify import verify_vault

Practice = tuple[Vault, dict[str, int]]


@pytest.fixture
def copy(practice: Practice, tmp_path: Path) -> Path:
    """A backup of the tiny practice, with enough notes for a page in the middle."""
    vault, ids = practice
    for i in range(40):
        vault.notes.save_draft(vault.notes.start(ids["ana"], template="free").id, f"n{i} " * 500)
    dest = tmp_path / "backup"
    backup(vault, dest)
    vault.close()
    return dest


def leaves_nothing(tmp_path: Path, before: set[str]) -> None:
    assert {p.name for p in tmp_path.iterdir()} == before  # no target, no hidden leftover


def test_a_restored_vault_is_verified_and_opens_with_the_backups_passphrase(
    copy: Path, tmp_path: Path, practice: Practice
) -> None:
    _vault, ids = practice
    before = snapshot(copy)
    result = restore(copy, tmp_path / "restored", PASSPHRASE)
    assert result.destination == tmp_path / "restored"
    assert verify_vault(result.destination, PASSPHRASE).ok
    with Vault.open(result.destination, PASSPHRASE) as restored:
        assert restored.notes.get(ids["signed"]).is_signed
        assert restored.clients.count() == 2
    assert snapshot(copy) == before  # the backup itself is only read


def test_an_existing_vault_is_never_replaced(copy: Path, practice: Practice) -> None:
    vault, _ = practice
    before = snapshot(vault.layout.root)
    with pytest.raises(VaultExists) as caught:
        restore(copy, vault.layout.root, PASSPHRASE)
    assert caught.value.message.startswith("There is already a vault in ")
    assert snapshot(vault.layout.root) == before


def test_a_used_folder_is_refused(copy: Path, tmp_path: Path) -> None:
    used = tmp_path / "used"
    used.mkdir()
    (used / "letter.txt").write_text("mine")
    with pytest.raises(VaultExists, match="is not empty"):
        restore(copy, used, PASSPHRASE)
    assert [p.name for p in used.iterdir()] == ["letter.txt"]


def test_a_wrong_passphrase_writes_nothing(copy: Path, tmp_path: Path) -> None:
    before = {p.name for p in tmp_path.iterdir()}
    with pytest.raises(WrongPassphrase):
        restore(copy, tmp_path / "restored", "not the passphrase")
    leaves_nothing(tmp_path, before)


def test_a_damaged_backup_writes_nothing(copy: Path, tmp_path: Path) -> None:
    database = copy / "quietroom.db"
    data = bytearray(database.read_bytes())
    middle = len(data) // 4096 // 2
    data[4096 * middle + 100] ^= 0x10
    database.write_bytes(bytes(data))
    before = {p.name for p in tmp_path.iterdir()}
    with pytest.raises(DatabaseDamaged) as caught:
        restore(copy, tmp_path / "restored", PASSPHRASE)
    assert caught.value.message.startswith(f"The backup in {copy} is damaged (Encrypted pages")
    assert "nothing was restored" in caught.value.message
    leaves_nothing(tmp_path, before)


def test_no_backup_there(tmp_path: Path) -> None:
    with pytest.raises(NoVault, match="There is no Quietroom backup in"):
        restore(tmp_path / "nothing", tmp_path / "restored", PASSPHRASE)


def test_a_full_disk_leaves_nothing(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target_disk = tmp_path / "disk"
    target_disk.mkdir()
    _failing_writes_into(monkeypatch, target_disk)
    with pytest.raises(DiskFull) as caught:
        restore(copy, target_disk / "restored", PASSPHRASE)
    monkeypatch.undo()
    assert "is full, so nothing was restored" in caught.value.message
    assert list(target_disk.iterdir()) == []


# -- the command -------------------------------------------------------------------


def test_the_command_says_where_and_how_to_open_it(copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    result = CliRunner().invoke(
        app, ["restore", str(copy), "--to", str(target)], input=f"{PASSPHRASE}\n"
    )
    assert result.exit_code == 0, result.output
    assert f"Restored into {target}" in result.stdout
    assert f"Open it with: quietroom --vault {target} open" in result.stdout
    assert PASSPHRASE not in result.output


def test_the_command_refuses_an_existing_vault_before_the_passphrase(
    copy: Path, practice: Practice
) -> None:
    vault, _ = practice
    result = CliRunner().invoke(
        app, ["--vault", str(vault.layout.root), "restore", str(copy)], input=""
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "a restore never replaces one" in result.stderr


def test_the_command_with_a_wrong_passphrase_is_one_sentence(copy: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["restore", str(copy), "--to", str(tmp_path / "r")], input="wrong\n"
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == "That passphrase does not open this vault."
    assert not (tmp_path / "r").exists()


def test_the_command_restores_to_the_vault_folder_given(copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "new laptop" / "vault"
    result = CliRunner().invoke(
        app, ["restore", str(copy), "--vault", str(target)], input=f"{PASSPHRASE}\n"
    )
    assert result.exit_code == 0, result.output
    assert verify_vault(target, PASSPHRASE).ok


def test_other_vault_files_travel_with_the_database(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vault.storage import staging

    monkeypatch.setattr(staging, "OUR_FILES", staging.OUR_FILES | {"audit.head"})
    head = copy / "audit.head"
    if not head.exists():  # a stand-in where backups do not write the audit chain's head yet
        head.write_bytes(b"sealed head")
    (copy / "notes to self.txt").write_text("not a vault file")
    result = restore(copy, tmp_path / "restored", PASSPHRASE)
    assert (result.destination / "audit.head").read_bytes() == head.read_bytes()
    assert not (result.destination / "notes to self.txt").exists()
