"""A database the key opens but that holds no Quietroom schema is what a killed
backup or `init` leaves. It is refused as unfinished, never migrated into an empty
vault that every later check would call sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.security._util import snapshot
from vault.errors import NotAVault
from vault.storage.db import connect
from vault.storage.migrations import MIGRATIONS, apply_migrations, pending
from vault.vault import Vault


def _replace_with_a_keyed_database(root: Path, sql: list[str]) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        dek = vault.raw_key()
    db = root / "quietroom.db"
    db.unlink()
    conn = connect(db, dek, create=True)
    for statement in sql:
        conn.execute(statement)
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        ["PRAGMA user_version = 1"],  # keyed, nothing else: a backup killed at once
        [  # killed between the migrations table and the first migration's commit
            "CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        ],
        ["CREATE TABLE clients (id INTEGER PRIMARY KEY)"],  # some pages, no record of a schema
    ],
    ids=["empty", "migrations-table-only", "stray-table"],
)
def test_an_unfinished_database_is_refused_and_left_as_it_is(root: Path, sql: list[str]) -> None:
    _replace_with_a_keyed_database(root, sql)
    before = snapshot(root)
    for _ in range(2):  # and the second time too: the first refusal migrated nothing
        with pytest.raises(NotAVault) as caught:
            Vault.open(root, PASSPHRASE)
        assert "never finished, so it is not a vault" in caught.value.message
    assert {name: d for name, d in snapshot(root).items() if "-" not in name} == {
        name: d for name, d in before.items() if "-" not in name
    }


def test_recovery_refuses_an_unfinished_database_too(
    root: Path,
) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        recovery_key = vault.recovery_key
    _replace_with_a_keyed_database(root, ["PRAGMA user_version = 1"])
    with pytest.raises(NotAVault, match="never finished"):
        Vault.recover(root, recovery_key)


def test_only_creation_makes_the_schema(tmp_path: Path) -> None:
    conn = connect(tmp_path / "new.db", bytes(32), create=True)
    try:
        with pytest.raises(NotAVault):
            apply_migrations(conn)
        assert apply_migrations(conn, create=True) == [name for name, _ in MIGRATIONS]
        assert pending(conn) == []
        assert apply_migrations(conn) == []
    finally:
        conn.close()
