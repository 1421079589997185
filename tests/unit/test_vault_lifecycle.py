"""Creating, opening, closing a vault; settings; what a failed step leaves behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.security._util import snapshot
from vault import vault as vault_module
from vault.errors import (
    DatabaseDamaged,
    DiskFull,
    InvalidRecord,
    NoVault,
    StorageFailure,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from vault.records.clients import ClientInput
from vault.storage.layout import VaultLayout
from vault.vault import Vault


def test_create_makes_the_vault_files_and_shows_a_recovery_key_once(vault_dir: Path) -> None:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        assert re.fullmatch(r"([0-9A-F]{8} ){7}[0-9A-F]{8}", recovery_key)
        names = {p.name for p in vault_dir.iterdir()}
        assert {"quietroom.db", "quietroom.header.json", "quietroom.lock"} <= names
        assert "quietroom.header.json.bak" in names
        assert [e.action for e in vault.audit.recent()] == ["create_vault"]
        assert vault.is_open
    finally:
        vault.close()
    assert not vault.is_open


def test_create_refuses_an_existing_vault_and_changes_nothing(new_vault: Vault) -> None:
    root = new_vault.layout.root
    new_vault.close()
    before = snapshot(root)
    with pytest.raises(VaultExists) as caught:
        Vault.create(root, "another passphrase", CHEAP)
    assert str(root) in caught.value.message
    assert snapshot(root) == before
    Vault.open(root, PASSPHRASE).close()


def test_create_refuses_a_directory_holding_only_a_header(new_vault: Vault) -> None:
    root = new_vault.layout.root
    new_vault.close()
    (root / "quietroom.db").unlink()
    with pytest.raises(VaultExists):
        Vault.create(root, PASSPHRASE, CHEAP)


def test_an_empty_passphrase_is_refused_before_anything_is_written(vault_dir: Path) -> None:
    with pytest.raises(WrongPassphrase, match="empty"):
        Vault.create(vault_dir, "", CHEAP)
    assert not vault_dir.exists()


def test_opening_where_there_is_no_vault_says_so(tmp_path: Path) -> None:
    for root in (tmp_path / "nowhere", tmp_path):
        with pytest.raises(NoVault) as caught:
            Vault.open(root, PASSPHRASE)
        assert "quietroom init" in caught.value.message
    assert not (tmp_path / "nowhere").exists()


def test_a_missing_database_beside_a_header_is_named(new_vault: Vault) -> None:
    root = new_vault.layout.root
    new_vault.close()
    (root / "quietroom.db").unlink()
    with pytest.raises(DatabaseDamaged, match="missing"):
        Vault.open(root, PASSPHRASE)


def test_records_survive_closing_and_each_unlock_is_audited(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    ids = add_practice(vault)
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert again.audit.recent(1)[0].action == "unlock"
        assert again.clients.get(ids["ana"]).first_name == "Ana"
        assert again.notes.get(ids["draft"]).body.startswith("Data:")
    with Vault.open(vault_dir, PASSPHRASE) as third:
        assert third.audit.recent(1)[0].action == "unlock"
        assert [e.action for e in third.audit.recent(100)].count("unlock") == 2


def test_a_closed_vault_refuses_every_service(practice: tuple[Vault, dict[str, int]]) -> None:
    vault, ids = practice
    vault.close()
    vault.close()  # twice is harmless
    calls = [
        lambda: vault.clients.get(ids["ana"]),
        lambda: vault.clients.page(),
        lambda: vault.notes.get(ids["draft"]),
        lambda: vault.notes.save_draft(ids["draft"], "late autosave"),
        lambda: vault.search.search("sleep"),
        lambda: vault.audit.verify(),
        lambda: vault.settings.get("clinician_name"),
    ]
    for call in calls:
        with pytest.raises(VaultLocked, match="locked"):
            call()


def test_the_context_manager_closes_and_releases_the_lock(new_vault: Vault) -> None:
    root = new_vault.layout.root
    new_vault.close()
    with Vault.open(root, PASSPHRASE) as opened:
        assert opened.is_open
    assert not opened.is_open
    Vault.open(root, PASSPHRASE).close()


def test_dates_and_times_come_from_the_injected_clock(vault_dir: Path) -> None:
    clock = FakeClock()
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=clock)
    try:
        client = vault.clients.add(ClientInput("Ida", "Lund", "1970-05-05"))
        note = vault.notes.start(client.id, template="free")
        assert note.note_date == clock.now.date()
        assert note.created_at == clock.now.isoformat(timespec="seconds")
        entry = vault.audit.recent(1)[0]
        assert entry.at.endswith("+00:00")
    finally:
        vault.close()


# -- what a failed step leaves behind ------------------------------------------------


def test_a_failed_create_leaves_no_half_made_vault(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: object) -> None:
        raise DiskFull("The disk is full, so the key header was not written.")

    monkeypatch.setattr(vault_module.header_file, "write", full_disk)
    with pytest.raises(DiskFull):
        Vault.create(vault_dir, PASSPHRASE, CHEAP)
    assert not VaultLayout(vault_dir).exists()
    assert not vault_dir.exists()
    assert [p.name for p in vault_dir.parent.iterdir()] == []  # nor a staging folder
    monkeypatch.undo()
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)  # the retry after freeing space
    vault.close()
    Vault.open(vault_dir, PASSPHRASE).close()


def test_a_failed_open_closes_its_connection_and_releases_the_lock(
    new_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_vault.layout.root
    new_vault.close()
    made = []
    real_connect = vault_module.connect

    def recording_connect(*args: object, **kwargs: object) -> object:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        made.append(conn)
        return conn

    def broken_migrations(conn: object) -> None:
        raise StorageFailure("Could not complete the upgrade.")

    monkeypatch.setattr(vault_module, "connect", recording_connect)
    monkeypatch.setattr(vault_module, "apply_migrations", broken_migrations)
    with pytest.raises(StorageFailure):
        Vault.open(root, PASSPHRASE)
    with pytest.raises(Exception, match="closed"):
        made[0].execute("SELECT 1")
    monkeypatch.undo()
    Vault.open(root, PASSPHRASE).close()


def test_a_failed_commit_does_not_wedge_the_connection(new_vault: Vault) -> None:
    """After a COMMIT fails, the next save must work, not hit "transaction within a transaction"."""
    client = new_vault.clients.add(ClientInput("Ida", "Lund", "1970-05-05"))
    failing = new_vault.store.writing("the guardian")
    with pytest.raises(Exception, match="FOREIGN KEY"), failing as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT, which then fails
        conn.execute("INSERT INTO guardians (client_id, name) VALUES (9999, 'nobody')")
    assert new_vault.clients.count() == 1
    new_vault.clients.update(client.id, ClientInput("Ida", "Lundqvist", "1970-05-05"))
    assert new_vault.clients.get(client.id).last_name == "Lundqvist"


# -- settings ----------------------------------------------------------------------


def test_auto_lock_defaults_to_five_minutes(new_vault: Vault) -> None:
    assert new_vault.settings.auto_lock_minutes == 5


@pytest.mark.parametrize(("typed", "stored"), [("1", 1), ("240", 240), (" 15 ", 15), ("30", 30)])
def test_auto_lock_accepts_one_to_240_minutes(new_vault: Vault, typed: str, stored: int) -> None:
    new_vault.settings.set("auto_lock_minutes", typed)
    assert new_vault.settings.auto_lock_minutes == stored


@pytest.mark.parametrize("typed", ["0", "241", "-5", "", "five", "2.5", "1e2", "²", "٣", "１０"])
def test_auto_lock_refuses_anything_else_with_a_sentence(new_vault: Vault, typed: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        new_vault.settings.set("auto_lock_minutes", typed)
    assert caught.value.field == "auto_lock_minutes"
    assert "1 to 240" in caught.value.message
    assert new_vault.settings.auto_lock_minutes == 5


def test_the_signer_is_the_clinician_with_credentials(new_vault: Vault) -> None:
    assert new_vault.settings.signer == "the clinician"
    new_vault.settings.set("clinician_name", "Dr. R. Ames")
    assert new_vault.settings.signer == "Dr. R. Ames"
    new_vault.settings.set("credentials", "PsyD")
    assert new_vault.settings.signer == "Dr. R. Ames, PsyD"


def test_unknown_settings_are_a_programming_error(new_vault: Vault) -> None:
    with pytest.raises(KeyError):
        new_vault.settings.get("colour")
    with pytest.raises(KeyError):
        new_vault.settings.set("colour", "blue")
