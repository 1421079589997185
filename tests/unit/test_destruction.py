"""Destroying a client's records: every row goes, a stub stays, the chains still verify,
and nothing else can use the door the triggers open for a destruction."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE, FakeClock
from tests.lifecycle_fixtures import LATER, full_practice
from vault.errors import DisclosureChainBroken, RecordNotFound, VaultError
from vault.lifecycle import destruction
from vault.lifecycle.destruction import DestructionRefused
from vault.records.clients import ClientInput
from vault.storage.db import Connection
from vault.vault import Vault
from vault.verify import verify_vault


def _rows_of(conn: Connection, client_id: int) -> dict[str, int]:
    found = {}
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'notes_fts%'"
    ).fetchall():
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        # The audit log keeps its entries (ids only) and the erasure request its dates.
        if "client_id" in columns and table not in ("erasure_requests", "audit_log"):
            (count,) = conn.execute(
                f"SELECT count(*) FROM {table} WHERE client_id = ?", (client_id,)
            ).fetchone()
            found[table] = count
    return found


def _totals(conn: Connection) -> dict[str, int]:
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'notes_fts%'"
    )]  # fmt: skip
    return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}


@pytest.fixture
def full(new_vault: Vault) -> tuple[Vault, int]:
    return new_vault, full_practice(new_vault)


def test_every_row_of_the_client_goes_and_only_theirs(full: tuple[Vault, int]) -> None:
    vault, client_id = full
    with vault.store.reading() as conn:
        before = _rows_of(conn, client_id)
        totals = _totals(conn)
        (scans,) = conn.execute("SELECT count(*) FROM attachments").fetchone()
    assert all(before[t] for t in ("notes", "sessions", "consents", "releases", "disclosures",
                                   "risk_events", "risk_deadlines", "instrument_results",
                                   "safety_plans", "form_drafts", "legal_holds"))  # fmt: skip
    done = vault.retention.destruction.destroy(client_id)
    with vault.store.reading() as conn:
        assert set(_rows_of(conn, client_id).values()) == {0}
        after = _totals(conn)
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == scans - 1
        assert conn.execute("SELECT count(*) FROM destruction_in_progress").fetchone()[0] == 0
    for table, count in before.items():
        assert after[table] == totals[table] - count, table
    assert after["clients"] == totals["clients"] - 1
    assert done.counts["notes"] == before["notes"] - 2  # the addendum and the draft apart
    assert done.counts["disclosures"] == before["disclosures"] == 3
    with pytest.raises(RecordNotFound):
        vault.clients.get(client_id)


def test_the_audit_stub_says_who_when_which_and_how_many_but_no_name(
    full: tuple[Vault, int],
) -> None:
    vault, client_id = full
    vault.retention.destruction.destroy(client_id)
    stub = vault.audit.recent(1)[0]
    assert (stub.action, stub.subject) == ("destroy_client", f"client:{client_id}")
    assert stub.at.startswith("2040-03-01")
    assert stub.detail.startswith("by Miriam Oduya")
    assert "notes 17" in stub.detail and "disclosures 3" in stub.detail
    assert "client 1" in stub.detail
    for word in ("Hannah", "Kowalczyk", "marmalade", "sister"):
        assert word not in stub.detail
    assert vault.audit.verify() == stub.id


def test_search_finds_nothing_of_theirs_and_the_index_stays_consistent(
    full: tuple[Vault, int],
) -> None:
    vault, client_id = full
    assert vault.search.search("marmalade")
    vault.retention.destruction.destroy(client_id)
    assert vault.search.search("marmalade") == []
    assert vault.search.search("Kowalczyk") == []
    with vault.store.reading() as conn:
        conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")
    assert vault.search.search("sleep")  # other clients' notes are still found


def test_both_chains_and_the_whole_vault_verify_after_a_destruction(
    new_vault: Vault, vault_dir: Path
) -> None:
    client_id = full_practice(new_vault)
    count = new_vault.disclosures.verify()
    new_vault.retention.destruction.destroy(client_id)
    assert new_vault.disclosures.verify() == count  # the tombstones keep the chain whole
    new_vault.close()
    report = verify_vault(vault_dir, PASSPHRASE)
    assert report.ok, [c for c in report.checks if not c.ok]


def test_a_tombstone_without_its_audit_stub_is_reported_as_tampering(
    full: tuple[Vault, int],
) -> None:
    vault, client_id = full
    with vault.store.writing("test") as conn:
        row = conn.execute(
            "SELECT id, prev_hash, hash FROM disclosures WHERE client_id = ? ORDER BY id LIMIT 1",
            (client_id,),
        ).fetchone()
        # Someone with the key removes an entry and forges a tombstone for it.
        conn.execute("DROP TRIGGER disclosures_no_delete")
        conn.execute("DELETE FROM disclosures WHERE id = ?", (row[0],))
        conn.execute(
            "INSERT INTO disclosure_tombstones (id, prev_hash, hash, audit_id) VALUES (?, ?, ?, 1)",
            tuple(row),
        )
    with pytest.raises(DisclosureChainBroken, match=f"broken at entry {row[0]}"):
        vault.disclosures.verify()


def test_outside_a_destruction_signed_records_still_cannot_be_deleted(
    full: tuple[Vault, int],
) -> None:
    vault, client_id = full
    statements = (
        ("DELETE FROM notes WHERE client_id = ? AND signed_at IS NOT NULL", "signed note"),
        ("DELETE FROM disclosures WHERE client_id = ?", "append-only"),
        ("DELETE FROM consents WHERE client_id = ?", "signed consent is kept"),
        ("DELETE FROM safety_plans WHERE client_id = ?", "kept as written"),
        ("DELETE FROM risk_events WHERE client_id = ? AND note_id IS NOT NULL", "risk record"),
    )
    for statement, refusal in statements:
        with (
            pytest.raises(sqlcipher3.IntegrityError, match=refusal),
            vault.store.writing("test") as conn,
        ):
            conn.execute(statement, (client_id,))
    # The door names one client: another client's rows stay shut while it is open.
    other = next(c.id for c in vault.clients.page() if c.first_name == "Daniel")
    with (
        pytest.raises(sqlcipher3.IntegrityError, match="append-only"),
        vault.store.writing("test") as conn,
    ):
        conn.execute(
            "INSERT INTO destruction_in_progress (id, client_id) VALUES (1, ?)", (client_id,)
        )
        conn.execute("DELETE FROM disclosures WHERE client_id = ?", (other,))


def test_an_active_client_and_one_still_in_retention_are_refused(new_vault: Vault) -> None:
    active = new_vault.clients.add(
        ClientInput("Ada", "Nwosu", "1970-01-01", intake_date="2010-01-01")
    )
    recent = new_vault.clients.add(
        ClientInput("Ben", "Lutz", "1970-01-01", intake_date="2025-01-01")
    )
    new_vault.clients.discharge(recent.id, "Done", None, "2025-06-01")
    with pytest.raises(DestructionRefused, match="is still active: discharge them first"):
        new_vault.retention.destruction.destroy(active.id)
    with pytest.raises(DestructionRefused) as refused:
        new_vault.retention.destruction.destroy(recent.id)
    assert refused.value.message == (
        f"Client {recent.id}'s records must be kept until 2032-06-01 (APA default: 7 years "
        "after last service, 3 after age 18); they can be destroyed from 2032-06-02."
    )
    assert new_vault.clients.count() == 2
    with pytest.raises(RecordNotFound):
        new_vault.retention.destruction.destroy(999)


def test_the_due_list_has_past_retention_not_active_not_held_oldest_first(
    new_vault: Vault,
) -> None:
    made = {}
    for first, intake, discharged in (
        ("Old", "2010-01-01", True), ("Older", "2005-01-01", True),
        ("Active", "2005-01-01", False), ("Recent", "2025-01-01", True),
        ("Held", "2005-01-01", True),
    ):  # fmt: skip
        client = new_vault.clients.add(ClientInput(first, "Test", "1960-01-01", intake_date=intake))
        if discharged:
            new_vault.clients.discharge(client.id, "Done", None, intake)
        made[first] = client.id
    new_vault.retention.holds.place(made["Held"], "complaint", "Open complaint", "2026-01-01")
    due = new_vault.retention.destruction.due()
    assert [d.first_name for d in due] == ["Older", "Old"]
    assert due[0].retention.keep_until.isoformat() == "2012-01-01"


def test_a_failure_part_way_changes_nothing(
    full: tuple[Vault, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, client_id = full
    monkeypatch.setattr(destruction, "_other_tables", lambda conn: ["no_such_table"])
    with vault.store.reading() as conn:
        before = _totals(conn)
    with pytest.raises(VaultError):
        vault.retention.destruction.destroy(client_id)
    with vault.store.reading() as conn:
        assert _totals(conn) == before
    assert vault.clients.get(client_id, audit=False).first_name == "Hannah"


def test_a_later_part_tables_with_a_client_id_are_swept_too(full: tuple[Vault, int]) -> None:
    vault, client_id = full
    with vault.store.writing("test") as conn:
        conn.execute(
            "CREATE TABLE later_part_things (id INTEGER PRIMARY KEY,"
            " client_id INTEGER NOT NULL REFERENCES clients (id), purpose TEXT)"
        )
        conn.execute(
            "INSERT INTO later_part_things (client_id, purpose) VALUES (?, 'call')", (client_id,)
        )
    done = vault.retention.destruction.destroy(client_id)
    assert done.counts["later part things"] == 1


def test_compact_shrinks_the_file_after_a_destruction(full: tuple[Vault, int]) -> None:
    vault, client_id = full
    vault.retention.destruction.destroy(client_id)
    before, after = vault.retention.destruction.compact()
    assert after < before
    vault.store.clock = FakeClock(LATER.astimezone())
    assert vault.search.search("sleep")  # still a working vault


def test_a_forged_tombstone_under_a_real_stub_is_caught_by_the_stub_count(
    full: tuple[Vault, int],
) -> None:
    vault, client_id = full
    done = vault.retention.destruction.destroy(client_id)
    assert vault.disclosures.verify()
    with vault.store.writing("test") as conn:
        # An entry of another client removed, its tombstone hidden under the real stub.
        row = conn.execute("SELECT id, prev_hash, hash FROM disclosures ORDER BY id").fetchone()
        conn.execute("DROP TRIGGER disclosures_no_delete")
        conn.execute("DELETE FROM disclosures WHERE id = ?", (row[0],))
        conn.execute(
            "INSERT INTO disclosure_tombstones (id, prev_hash, hash, audit_id) VALUES (?, ?, ?, ?)",
            (*row, done.audit_id),
        )
    with pytest.raises(DisclosureChainBroken):
        vault.disclosures.verify()
