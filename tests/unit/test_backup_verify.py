"""Backups are vaults in their own right, verified before they count; verify names damage."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from vault import backup as backup_module
from vault.backup import backup
from vault.errors import DiskFull, NoVault, VaultExists
from vault.storage.layout import VaultLayout
from vault.vault import Vault
from vault.verify import AUDIT, ENCRYPTION, HEADER, SIGNATURES, UNLOCK, verify_vault

Practice = tuple[Vault, dict[str, int]]


def results(root: Path, passphrase: str = PASSPHRASE) -> dict[str, bool | None]:
    return {check.name: check.ok for check in verify_vault(root, passphrase).checks}


def details(root: Path, name: str) -> str:
    return next(c.detail for c in verify_vault(root, PASSPHRASE).checks if c.name == name)


def raw_connection(root: Path, dek: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(VaultLayout(root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


# -- backup ---------------------------------------------------------------------


def test_backup_is_a_verified_vault_that_opens_with_the_same_passphrase(
    practice: Practice, tmp_path: Path
) -> None:
    vault, ids = practice
    dest = tmp_path / "copy"
    steps: list[tuple[int, int]] = []
    result = backup(vault, dest, lambda done, total: steps.append((done, total)))

    assert result.destination == dest and result.pages > 0
    assert steps and steps[-1][0] == steps[-1][1] == result.pages
    assert vault.audit.recent(1)[0].action == "backup"
    assert verify_vault(dest, PASSPHRASE).ok
    with Vault.open(dest, PASSPHRASE) as copy:
        assert copy.notes.get(ids["signed"]).body == vault.notes.get(ids["signed"]).body
        assert copy.recovery_key == vault.recovery_key


def test_backup_files_are_private(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    dest = tmp_path / "copy"
    backup(vault, dest)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o700
    for path in dest.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_backup_into_an_existing_empty_folder(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    dest = tmp_path / "empty"
    dest.mkdir()
    backup(vault, dest)
    assert verify_vault(dest, PASSPHRASE).ok


def test_backup_refuses_a_folder_that_is_not_empty(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    dest = tmp_path / "used"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(VaultExists, match="not empty"):
        backup(vault, dest)
    assert sorted(p.name for p in dest.iterdir()) == ["keep.txt"]


def test_backup_refuses_a_file_and_the_vault_itself(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(VaultExists):
        backup(vault, target)
    with pytest.raises(VaultExists):
        backup(vault, vault.layout.root / "inside")


def test_a_full_disk_leaves_no_partial_copy(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    dest = tmp_path / "copy"

    def disk_fills(done: int, total: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFull) as caught:
        backup(vault, dest, disk_fills)
    assert "partial copy was removed" in caught.value.message
    assert not dest.exists()
    assert vault.audit.recent(1)[0].action != "backup"


def test_backup_has_the_spare_header_its_damage_advice_names(
    practice: Practice, tmp_path: Path
) -> None:
    vault, _ = practice
    copy = VaultLayout(tmp_path / "copy")
    backup(vault, copy.root)
    assert copy.header_backup.read_bytes() == copy.header.read_bytes()


def test_a_full_disk_reported_by_sqlite_is_named_and_nothing_is_left(
    practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = practice
    dest = tmp_path / "copy"
    real_connect = backup_module.connect

    def tiny_disk(path: Path, dek: bytes, **options: object) -> sqlcipher3.Connection:
        conn = real_connect(path, dek, **options)
        conn.execute("PRAGMA max_page_count = 2")  # SQLite's own "database or disk is full"
        return conn

    monkeypatch.setattr(backup_module, "connect", tiny_disk)
    with pytest.raises(DiskFull) as caught:
        backup(vault, dest)
    assert "partial copy was removed" in caught.value.message
    assert not dest.exists()


# -- verify ---------------------------------------------------------------------


def test_a_sound_vault_passes_every_check(practice: Practice) -> None:
    vault, _ = practice
    vault.close()
    report = verify_vault(vault.layout.root, PASSPHRASE)
    assert report.ok
    assert [c.name for c in report.checks][:2] == [HEADER, UNLOCK]
    assert len(report.checks) == 11


def test_verify_needs_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NoVault):
        verify_vault(tmp_path / "nothing", PASSPHRASE)


def test_a_wrong_passphrase_stops_after_the_header(practice: Practice) -> None:
    vault, _ = practice
    vault.close()
    found = results(vault.layout.root, "not it")
    assert found[HEADER] is True and found[UNLOCK] is False
    assert found[ENCRYPTION] is None and found[AUDIT] is None


def test_a_damaged_header_is_named_with_the_bak_advice(practice: Practice) -> None:
    vault, _ = practice
    vault.close()
    header = vault.layout.header
    header.write_bytes(header.read_bytes().replace(b'"version"', b'"versiom"'))
    found = results(vault.layout.root)
    assert found[HEADER] is False
    assert "damaged" in details(vault.layout.root, HEADER)
    assert ".bak" in details(vault.layout.root, HEADER)


def test_a_broken_audit_chain_is_named(practice: Practice) -> None:
    vault, _ = practice
    dek = vault.raw_key()
    vault.close()
    conn = raw_connection(vault.layout.root, dek)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'unlock' WHERE id = 2")
    conn.close()
    assert results(vault.layout.root)[AUDIT] is False
    assert "broken at entry 2" in details(vault.layout.root, AUDIT)


def test_an_edited_signed_note_is_named(practice: Practice) -> None:
    vault, ids = practice
    dek = vault.raw_key()
    vault.close()
    conn = raw_connection(vault.layout.root, dek)
    conn.execute("DROP TRIGGER signed_notes_are_read_only")
    conn.execute("UPDATE notes SET body = 'quietly changed' WHERE id = ?", (ids["signed"],))
    conn.close()
    assert results(vault.layout.root)[SIGNATURES] is False
    assert str(ids["signed"]) in details(vault.layout.root, SIGNATURES)


def test_a_flipped_bit_in_a_middle_page_is_database_damage(practice: Practice) -> None:
    vault, _ = practice
    for i in range(40):  # enough pages to have a middle one
        vault.notes.save_draft(
            vault.notes.start(practice[1]["ana"], template="free").id, f"filler {i} " * 300
        )
    vault.close()
    database = vault.layout.database
    data = bytearray(database.read_bytes())
    pages = len(data) // 4096
    assert pages >= 10
    # Three quarters in: the notes written last. (The schema's own pages sit near the
    # middle of a vault this small, and without them nothing opens at all.)
    damaged = pages * 3 // 4
    data[4096 * damaged + 100] ^= 0x01
    database.write_bytes(bytes(data))

    found = results(vault.layout.root)
    assert found[HEADER] is True and found[UNLOCK] is True
    assert found[ENCRYPTION] is False
    assert f"page {damaged + 1}" in details(vault.layout.root, ENCRYPTION)
    assert not verify_vault(vault.layout.root, PASSPHRASE).ok


def test_verify_refuses_while_the_vault_is_open(practice: Practice) -> None:
    from vault.errors import VaultInUse

    vault, _ = practice
    with pytest.raises(VaultInUse):
        verify_vault(vault.layout.root, PASSPHRASE)
