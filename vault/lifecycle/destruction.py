"""Destroying a client's records at the end of their retention period.

Everything of the client goes in one transaction: notes (signed ones too), sessions,
consents, releases, their scans, the disclosure log's entries, risk records and their
deadlines, instrument results, safety plans, unfinished forms, guardians, holds and
the client row. The triggers that keep signed records step aside only while
`destruction_in_progress` names this client (vault/lifecycle/schema.py).

What stays: an audit stub (`destroy_client`, "client:N", who and how many records of
each kind; no name, no text), a tombstone per removed disclosure entry so the chain
still walks, and any erasure request's dates and outcome with its words removed.
`secure_delete` zeroes the freed pages; the search index is merged so no old segment
keeps a word of theirs; `compact` (VACUUM) then shrinks the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from vault.errors import RecordNotFound, VaultError
from vault.lifecycle.holds import LegalHold, hold_in_force, holds_in_force
from vault.lifecycle.retention import PracticeRule, Retention, retention_rows
from vault.records.audit import append
from vault.records.settings import Settings
from vault.storage.db import Connection
from vault.storage.store import Store

# (label in the audit stub, table, the rows of client ?); in an order the foreign keys allow.
_OWNED = (
    ("scans", "attachments",
     "(owner_kind = 'consent' AND owner_id IN (SELECT id FROM consents WHERE client_id = ?1))"
     " OR (owner_kind = 'release' AND owner_id IN (SELECT id FROM releases WHERE client_id = ?1))"),
    ("unfinished forms", "form_drafts", "client_id = ?1"),
    ("disclosures", "disclosures", "client_id = ?1"),
    ("risk deadlines", "risk_deadlines", "client_id = ?1"),
    ("safety plans", "safety_plans", "client_id = ?1"),
    ("risk records", "risk_events", "client_id = ?1"),
    ("instrument results", "instrument_results", "client_id = ?1"),
    ("addenda", "notes", "client_id = ?1 AND amends_note_id IS NOT NULL"),
    ("notes", "notes", "client_id = ?1 AND amends_note_id IS NULL AND signed_at IS NOT NULL"),
    ("note drafts", "notes", "client_id = ?1 AND amends_note_id IS NULL AND signed_at IS NULL"),
    ("sessions", "sessions", "client_id = ?1"),
    ("consents", "consents", "client_id = ?1"),
    ("releases", "releases", "client_id = ?1"),
    ("guardians", "guardians", "client_id = ?1"),
    ("legal holds", "legal_holds", "client_id = ?1"),
    ("retention decisions", "retention_overrides", "client_id = ?1"),
)  # fmt: skip
# Tables with a client_id that outlive the client, or that are handled apart. The audit
# log keeps its entries (ids and action names only, never a name or text): they and the
# destruction's stub are the trace the law asks for.
_KEPT = {"erasure_requests", "destruction_in_progress", "clients", "audit_log"}
WORDS_REMOVED = "(removed when the records were destroyed)"


class DestructionRefused(VaultError):
    title = "Records kept"


@dataclass(frozen=True)
class DueClient:
    """One row of the clean-up list."""

    client_id: int
    first_name: str
    last_name: str
    preferred_name: str | None
    status: str
    retention: Retention
    hold: LegalHold | None = None  # only in `due(include_held=True)`


@dataclass(frozen=True)
class Destroyed:
    client_id: int
    counts: dict[str, int]  # label -> rows removed (only kinds that had any)
    audit_id: int


def refusal(conn: Connection, client_id: int, rule: PracticeRule, today: date) -> str | None:
    """Why client `client_id` cannot be destroyed today, in one sentence; None if it can."""
    found = retention_rows(conn, rule, "WHERE c.id = ?", (client_id,))
    if not found:
        raise RecordNotFound("That client no longer exists.")
    retention, status = found[0]
    hold = hold_in_force(conn, client_id)
    if hold is not None:
        return f"Client {client_id}'s records cannot be destroyed while {hold.sentence} stands."
    if status == "active":
        return (
            f"Client {client_id} is still active: discharge them first; an active client's "
            "records are never destroyed."
        )
    if retention.runs_on(today):
        start = (retention.keep_until + timedelta(days=1)).isoformat()
        return (
            f"Client {client_id}'s records must be kept until {retention.keep_until.isoformat()} "
            f"({retention.rule.label}); they can be destroyed from {start}."
        )
    return None


def _other_tables(conn: Connection) -> list[str]:
    """Tables added by later parts that hold a client_id: they go too."""
    known = {table for _, table, _ in _OWNED} | _KEPT
    found = []
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'notes_fts%' ORDER BY name"
    ).fetchall():
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
        if name not in known and "client_id" in columns:
            found.append(str(name))
    return found


def destroy_in(conn: Connection, client_id: int, at: str, by: str) -> Destroyed:
    """Remove every row of the client inside the caller's transaction (checked already)."""
    extra = _other_tables(conn)
    plan = [*_OWNED, *((name.replace("_", " "), name, "client_id = ?1") for name in extra)]
    conn.execute("INSERT INTO destruction_in_progress (id, client_id) VALUES (1, ?)", (client_id,))
    tallies = []
    for label, table, where in plan:
        (count,) = conn.execute(
            f"SELECT count(*) FROM {table} WHERE {where}", (client_id,)
        ).fetchone()
        tallies.append((label, int(count)))
    counts = {label: count for label, count in tallies if count}
    counts["client"] = 1
    detail = f"by {by}; " + ", ".join(f"{label} {count}" for label, count in counts.items())
    append(conn, at, "destroy_client", f"client:{client_id}", detail)
    (audit_id,) = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    conn.execute(
        "INSERT INTO disclosure_tombstones (id, prev_hash, hash, audit_id)"
        " SELECT id, prev_hash, hash, ? FROM disclosures WHERE client_id = ?",
        (audit_id, client_id),
    )
    for _label, table, where in plan:
        conn.execute(f"DELETE FROM {table} WHERE {where}", (client_id,))
    conn.execute(
        "UPDATE erasure_requests SET requested_by = ?1, asked = ?1 WHERE client_id = ?2",
        (WORDS_REMOVED, client_id),
    )
    conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))
    conn.execute("DELETE FROM destruction_in_progress")
    # The index's old segments still hold the words of deleted notes until merged.
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('optimize')")
    return Destroyed(client_id, counts, int(audit_id))


def flush(store: Store) -> None:
    """Write the WAL back and empty it, so no old page version waits there."""
    with store.reading("clearing the journal") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class DestructionService:
    def __init__(self, store: Store, settings: Settings, rule: Callable[[], PracticeRule]) -> None:
        self._store = store
        self._settings = settings
        self._rule = rule

    def due(self, today: date | None = None, *, include_held: bool = False) -> list[DueClient]:
        """Clients past their retention date, not active and not held (held ones too, with
        their hold, when `include_held`); oldest date first."""
        day = today or self._store.today()
        with self._store.reading() as conn:
            holds = holds_in_force(conn)
            rows = retention_rows(conn, self._rule(), "WHERE c.status <> 'active'")
            names = {
                row[0]: tuple(row[1:])
                for row in conn.execute(
                    "SELECT id, first_name, last_name, preferred_name, status FROM clients"
                    " WHERE status <> 'active'"
                )
            }
        due = []
        for retention, _status in rows:
            hold = holds.get(retention.client_id)
            if (hold is not None and not include_held) or retention.runs_on(day):
                continue
            first, last, preferred, status = names[retention.client_id]
            due.append(
                DueClient(retention.client_id, first, last, preferred, status, retention, hold)
            )
        due.sort(key=lambda d: (d.retention.keep_until, d.client_id))
        return due

    def refusal(self, client_id: int, today: date | None = None) -> str | None:
        with self._store.reading() as conn:
            return refusal(conn, client_id, self._rule(), today or self._store.today())

    def destroy(self, client_id: int) -> Destroyed:
        """Destroy the client's records, or raise DestructionRefused with the reason."""
        by = self._settings.signer
        with self._store.writing("the destruction") as conn:
            reason = refusal(conn, client_id, self._rule(), self._store.today())
            if reason is not None:
                raise DestructionRefused(reason)
            done = destroy_in(conn, client_id, self._store.utc_iso(), by)
        flush(self._store)
        return done

    def compact(self) -> tuple[int, int]:
        """VACUUM: rebuild the file without its free pages; (bytes before, bytes after)."""
        with self._store.reading("compacting the vault") as conn:
            before = _size(conn)
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            after = _size(conn)
        return before, after


def _size(conn: Connection) -> int:
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    return int(pages) * int(size)
