"""Migration 006 on a vault made before it: the guarding triggers are replaced, signed
notes stay protected, and a client of the old vault can be destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.lifecycle_fixtures import LATER
from vault.storage import migrations
from vault.storage.migrations import MIGRATIONS
from vault.vault import Vault

LIFECYCLE = "006_retention_holds_destruction"


def test_an_older_vault_gains_006_and_keeps_its_signed_notes_safe(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = [m for m in MIGRATIONS if m[0] != LIFECYCLE]
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    vault = Vault.create(vault_dir, PASSPHRASE, CHEAP)[0]
    ids = add_practice(vault)
    vault.clients.discharge(ids["ana"], "Done", None, "2025-02-01")
    vault.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.store.reading() as conn:
            names = [row[0] for row in conn.execute("SELECT name FROM migrations")]
        assert LIFECYCLE in names
        with (
            pytest.raises(sqlcipher3.IntegrityError, match="signed note is read-only"),
            vault.store.writing("test") as conn,
        ):
            conn.execute("DELETE FROM notes WHERE id = ?", (ids["signed"],))
        vault.store.clock = FakeClock(LATER.astimezone())
        done = vault.retention.destruction.destroy(ids["ana"])
        assert done.counts["notes"] == 1 and done.counts["addenda"] == 1
        assert vault.audit.verify() > 0
