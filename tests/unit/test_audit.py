"""The audit log: append-only, hash-chained, names where it was broken, holds no names."""

from __future__ import annotations

import pytest
import sqlcipher3

from vault.errors import AuditChainBroken
from vault.records.audit import GENESIS, entry_hash
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def _raw(vault: Vault) -> sqlcipher3.Connection:
    conn = vault.store._conn
    assert conn is not None
    return conn


def test_an_untouched_log_verifies(practice: Practice) -> None:
    vault, _ = practice
    entries = vault.audit.recent(1000)
    assert vault.audit.verify() == len(entries) > 5
    oldest = entries[-1]
    assert (oldest.id, oldest.action, oldest.prev_hash) == (1, "create_vault", GENESIS)
    for newer, older in zip(entries, entries[1:], strict=False):
        assert newer.prev_hash == older.hash and newer.id == older.id + 1


def test_the_work_of_a_session_is_recorded(practice: Practice) -> None:
    vault, ids = practice
    actions = [e.action for e in reversed(vault.audit.recent(1000))]
    assert actions[0] == "create_vault"
    for expected in ("create_client", "create_note", "sign_note"):
        assert expected in actions
    vault.clients.get(ids["leo"])
    assert (vault.audit.recent(1)[0].action, vault.audit.recent(1)[0].subject) == (
        "open_client", f"client:{ids['leo']}",
    )  # fmt: skip


def test_the_database_refuses_edits_and_deletions(practice: Practice) -> None:
    vault, _ = practice
    conn = _raw(vault)
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET detail = 'x' WHERE id = 2")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE id = 2")
    assert vault.audit.verify() > 0


@pytest.mark.parametrize("column", ["detail", "action", "at", "subject"])
def test_an_edited_entry_is_named_by_number(practice: Practice, column: str) -> None:
    vault, _ = practice
    conn = _raw(vault)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute(f"UPDATE audit_log SET {column} = {column} || 'x' WHERE id = 4")
    with pytest.raises(AuditChainBroken) as caught:
        vault.audit.verify()
    assert "at entry 4:" in caught.value.message


def test_an_edit_that_recomputes_its_own_hash_still_breaks_the_next_link(
    practice: Practice,
) -> None:
    vault, _ = practice
    conn = _raw(vault)
    conn.execute("DROP TRIGGER audit_log_no_update")
    at, action, subject, prev = conn.execute(
        "SELECT at, action, subject, prev_hash FROM audit_log WHERE id = 3"
    ).fetchone()
    forged = entry_hash(prev, 3, at, action, subject, "forged")
    conn.execute("UPDATE audit_log SET detail = 'forged', hash = ? WHERE id = 3", (forged,))
    with pytest.raises(AuditChainBroken, match="at entry 4:"):
        vault.audit.verify()


def test_a_deleted_entry_is_named_by_number(practice: Practice) -> None:
    vault, _ = practice
    conn = _raw(vault)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id = 5")
    with pytest.raises(AuditChainBroken, match="at entry 5:"):
        vault.audit.verify()


def test_an_inserted_entry_is_caught(practice: Practice) -> None:
    vault, _ = practice
    conn = _raw(vault)
    conn.execute("DROP TRIGGER audit_log_no_update")
    # Make room at 3 (shift the rest up by one), then slip a copy of entry 2 in.
    conn.execute("UPDATE audit_log SET id = id + 1000 WHERE id >= 3")
    conn.execute("UPDATE audit_log SET id = id - 999 WHERE id >= 1003")
    conn.execute(
        "INSERT INTO audit_log (id, at, action, subject, detail, prev_hash, hash)"
        " SELECT 3, at, action, subject, detail, prev_hash, hash FROM audit_log WHERE id = 2"
    )
    with pytest.raises(AuditChainBroken, match="at entry 3:"):
        vault.audit.verify()


def test_entries_hold_ids_and_actions_never_names_or_note_text(practice: Practice) -> None:
    vault, ids = practice
    vault.clients.get(ids["ana"])
    words = ["Ana", "Okafor", "Leo", "Brandt", "Mara", "sleep", "harmonica", "anxiety", "@"]
    for entry in vault.audit.recent(1000):
        text = " ".join((entry.action, entry.subject, entry.detail)).lower()
        assert not [word for word in words if word.lower() in text], entry


def test_only_known_actions_are_written(practice: Practice) -> None:
    vault, _ = practice
    with pytest.raises(ValueError, match="unknown audit action"):
        vault.audit.record("read_diary")
    vault.record_event("backup", detail="to external disk")
    assert vault.audit.recent(1)[0].action == "backup"
    assert vault.audit.verify() > 0
