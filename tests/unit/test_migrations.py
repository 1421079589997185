"""Migrations: named, applied once, in order, each atomic with the row that records it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE
from vault.errors import StorageFailure
from vault.storage import migrations
from vault.storage.db import Connection
from vault.storage.migrations import MIGRATIONS, apply_migrations, pending
from vault.vault import Vault


def _raw(vault: Vault) -> Connection:
    conn = vault.store._conn
    assert conn is not None
    return conn


def _applied(conn: Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def test_a_new_vault_has_every_migration_recorded_once(new_vault: Vault) -> None:
    conn = _raw(new_vault)
    assert _applied(conn) == [name for name, _ in MIGRATIONS]
    assert pending(conn) == []
    assert apply_migrations(conn) == []
    assert _applied(conn) == [name for name, _ in MIGRATIONS]


def test_names_are_unique_and_ordered() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_the_core_schema_is_there(new_vault: Vault) -> None:
    tables = {
        row[0]
        for row in _raw(new_vault).execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {"settings", "clients", "guardians", "sessions", "notes", "notes_fts",
            "audit_log", "migrations"} <= tables  # fmt: skip
    triggers = {
        row[0]
        for row in _raw(new_vault).execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert {"signed_notes_are_read_only", "signed_notes_are_kept", "audit_log_no_update",
            "audit_log_no_delete", "notes_fts_insert", "notes_fts_update",
            "notes_fts_delete"} <= triggers  # fmt: skip


def test_the_schema_refuses_nonsense_a_bug_might_write(new_vault: Vault) -> None:
    conn = _raw(new_vault)
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute(
            "INSERT INTO clients (first_name, last_name, date_of_birth, created_at)"
            " VALUES ('A', 'B', '1990-02-30', 'now')"
        )
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute(
            "INSERT INTO clients (first_name, last_name, date_of_birth, status, created_at)"
            " VALUES ('A', 'B', '1990-01-01', 'discharged', 'now')"
        )
    with pytest.raises(sqlcipher3.IntegrityError):  # foreign keys are on
        conn.execute(
            "INSERT INTO notes (client_id, kind, template, note_date, created_at, updated_at)"
            " VALUES (999, 'progress', 'free', '2026-01-01', 'now', 'now')"
        )


def _later_migration(conn: Connection) -> None:
    conn.execute("CREATE TABLE risk_flags (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")


def test_a_later_migration_is_applied_when_an_older_vault_opens(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, ("099_risk", _later_migration)])
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert _applied(_raw(vault))[-1] == "099_risk"
        _raw(vault).execute("INSERT INTO risk_flags (title) VALUES ('Danger to self')")
    with Vault.open(vault_dir, PASSPHRASE) as vault:  # not applied twice
        assert _applied(_raw(vault)).count("099_risk") == 1


def test_a_failing_migration_leaves_no_trace_and_the_vault_still_opens(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()

    def half_done(conn: Connection) -> None:
        conn.execute("CREATE TABLE retention_holds (id INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO retention_holds DEFAULT VALUES")
        raise StorageFailure("Could not complete the upgrade.")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, ("099_retention_holds", half_done)])
    with pytest.raises(StorageFailure):
        Vault.open(vault_dir, PASSPHRASE)
    monkeypatch.undo()
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        conn = _raw(vault)
        assert "099_retention_holds" not in _applied(conn)
        assert conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'retention_holds'"
        ).fetchone() == (0,)
        assert vault.audit.verify() > 0
