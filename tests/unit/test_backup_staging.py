"""A backup appears at DEST whole or not at all; what fails after that is only a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from vault import backup as backup_module
from vault.backup import backup
from vault.errors import DatabaseDamaged, DiskFull
from vault.records.audit import AuditLog
from vault.vault import Vault
from vault.verify import verify_vault

Practice = tuple[Vault, dict[str, int]]


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A folder for backups, apart from the vault (which lives in tmp_path too)."""
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def test_nothing_appears_at_dest_until_the_copy_is_verified(
    practice: Practice, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = practice
    dest = place / "copy"
    seen: list[bool] = []
    real = backup_module._checked_copy

    def checking(path: Path, dek: bytes) -> dict[str, int]:
        seen.append(dest.exists())
        return real(path, dek)

    monkeypatch.setattr(backup_module, "_checked_copy", checking)
    backup(vault, dest)
    assert seen == [False]
    assert verify_vault(dest, PASSPHRASE).ok
    assert [p.name for p in place.iterdir()] == ["copy"]


def test_a_copy_that_fails_its_check_leaves_nothing(
    practice: Practice, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = practice

    def damaged(path: Path, dek: bytes) -> dict[str, int]:
        raise DatabaseDamaged("The backup copy failed its integrity check, so it was removed.")

    monkeypatch.setattr(backup_module, "_checked_copy", damaged)
    with pytest.raises(DatabaseDamaged):
        backup(vault, place / "copy")
    assert list(place.iterdir()) == []


def test_an_existing_empty_folder_is_filled_whole(practice: Practice, place: Path) -> None:
    vault, _ = practice
    (place / "stick").mkdir()
    backup(vault, place / "stick")
    assert verify_vault(place / "stick", PASSPHRASE).ok
    assert [p.name for p in place.iterdir()] == ["stick"]


def test_a_failed_audit_entry_after_the_copy_is_a_warning(
    practice: Practice, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = practice
    real = AuditLog.record

    def no_room(self: AuditLog, action: str, *args: str) -> None:
        if action == "backup":
            raise DiskFull("The disk is full, so the audit entry was not saved.")
        real(self, action, *args)

    monkeypatch.setattr(AuditLog, "record", no_room)
    result = backup(vault, place / "copy")
    assert result.warnings and "audit log" in result.warnings[0]
    assert verify_vault(place / "copy", PASSPHRASE).ok
