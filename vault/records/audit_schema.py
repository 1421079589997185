"""Migration 005: what makes the audit log quick to filter.

Every entry gets the client it concerns in `client_id`, filled when it is
appended (vault/records/audit.py) and, for entries written before this
migration, backfilled here from its subject: "client:3" is client 3, and a note,
release, consent or risk record is its owner's. Filling it at append time
matters: once a client's records are destroyed, the lookup would find nothing,
but their entries still name the client number. The hash chain does not cover
the column, so a wrong backfill could never break the chain; the subject it is
read from stays as written.

Text is found through a trigram full-text index over action, subject and
detail (never a scan of the table), kept in step by a trigger on insert (the log
is append-only, so there is nothing else to keep in step).
"""

from __future__ import annotations

from vault.storage.db import Connection

# Subject kinds that belong to a client, and the table (with a client_id) that says whose.
# A part adding a subject kind of its own adds it here.
OWNER_TABLES = {
    "note": "notes",
    "release": "releases",
    "consent": "consents",
    "risk": "risk_events",
    "disclosure": "disclosures",
    "safety_plan": "safety_plans",
    "instrument": "instrument_results",
}

AUDIT_FILTER_SCHEMA = """
ALTER TABLE audit_log ADD COLUMN client_id INTEGER;

CREATE INDEX audit_by_client ON audit_log (client_id, id) WHERE client_id IS NOT NULL;

CREATE INDEX audit_by_action ON audit_log (action, id);

CREATE INDEX audit_by_client_action ON audit_log (client_id, action, id)
    WHERE client_id IS NOT NULL;

CREATE INDEX audit_by_time ON audit_log (at);

CREATE VIRTUAL TABLE audit_fts USING fts5 (
    action, subject, detail, content = 'audit_log', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit_log BEGIN
    INSERT INTO audit_fts (rowid, action, subject, detail)
    VALUES (NEW.id, NEW.action, NEW.subject, NEW.detail);
END
"""

# The append-only guard, as migration 001 made it: lifted only for the backfill.
NO_UPDATE_TRIGGER = """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END
"""


def client_of(conn: Connection, subject: str, detail: str = "") -> int | None:
    """The client an entry with this subject concerns, or None (a vault-wide entry)."""
    for text in (subject, detail):
        kind, _, number = text.partition(":")
        if not number.isdecimal():
            continue
        if kind == "client":
            return int(number)
        table = OWNER_TABLES.get(kind)
        if table is None:
            continue
        row = conn.execute(f"SELECT client_id FROM {table} WHERE id = ?", (int(number),))
        found = row.fetchone()
        if found is not None:
            return int(found[0])
    return None


def create_audit_filters(conn: Connection) -> None:
    for statement in AUDIT_FILTER_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)
    backfill_clients(conn)
    conn.execute("INSERT INTO audit_fts (audit_fts) VALUES ('rebuild')")


def backfill_clients(conn: Connection) -> None:
    """Fill `client_id` for entries written before migration 005."""
    owners: dict[tuple[str, str], int | None] = {}
    updates: list[tuple[int, int]] = []
    rows = conn.execute("SELECT id, subject, detail FROM audit_log WHERE subject <> ''")
    for entry_id, subject, detail in rows.fetchall():
        key = (subject, detail)
        if key not in owners:
            owners[key] = client_of(conn, subject, detail)
        client_id = owners[key]
        if client_id is not None:
            updates.append((client_id, entry_id))
    if not updates:
        return
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.executemany("UPDATE audit_log SET client_id = ? WHERE id = ?", updates)
    conn.execute(NO_UPDATE_TRIGGER)
