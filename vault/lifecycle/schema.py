"""Migration 006: retention overrides, legal holds, erasure requests, and what lets a
destruction through the triggers that otherwise keep signed records forever.

A destruction writes one row into `destruction_in_progress` naming the client, deletes,
and removes the row again, all in one transaction. The guarding triggers are recreated
here to step aside for that client's rows only; nothing else can delete a signed note
or a disclosure entry. Each removed disclosure leaves a tombstone (its id and the two
hashes, nothing else) so the chain still walks, tied to the audit stub of its destruction.

Two indexes make a destruction fast on a large vault: deleting a session makes SQLite
look for notes pointing at it (its foreign key), and without `notes_by_session` that
is a scan of every note per session; `notes_of_client` finds addenda too (the partial
`notes_by_client` leaves them out) and answers "the latest note date" from the index
alone, so the clean-up list does not read every note.
"""

from __future__ import annotations

from vault.storage.db import Connection

LIFECYCLE_SCHEMA = """
CREATE INDEX notes_by_session ON notes (session_id) WHERE session_id IS NOT NULL;

CREATE INDEX notes_of_client ON notes (client_id, amends_note_id, note_date);

CREATE TABLE destruction_in_progress (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    client_id INTEGER NOT NULL
);

CREATE TABLE retention_overrides (
    client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
    keep_until TEXT NOT NULL CHECK (date(keep_until) = keep_until),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    set_at     TEXT NOT NULL
);

CREATE TABLE legal_holds (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL CHECK (kind IN ('court_case', 'complaint', 'other')),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    placed_on   TEXT NOT NULL CHECK (date(placed_on) = placed_on),
    lifted_on   TEXT CHECK (lifted_on IS NULL OR date(lifted_on) = lifted_on),
    lift_reason TEXT,
    recorded_at TEXT NOT NULL,
    CHECK ((lifted_on IS NULL) = (lift_reason IS NULL))
);

CREATE INDEX holds_in_force ON legal_holds (client_id) WHERE lifted_on IS NULL;

CREATE TABLE erasure_requests (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL,
    received_on  TEXT NOT NULL CHECK (date(received_on) = received_on),
    requested_by TEXT NOT NULL,
    asked        TEXT NOT NULL,
    decided_on   TEXT NOT NULL CHECK (date(decided_on) = decided_on),
    outcome      TEXT NOT NULL CHECK (outcome IN ('refused', 'carried_out')),
    answer       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE INDEX erasure_by_client ON erasure_requests (client_id, id DESC);

CREATE TABLE disclosure_tombstones (
    id        INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    audit_id  INTEGER NOT NULL
);

CREATE TRIGGER disclosure_tombstones_no_update BEFORE UPDATE ON disclosure_tombstones
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

CREATE TRIGGER disclosure_tombstones_no_delete BEFORE DELETE ON disclosure_tombstones
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

DROP TRIGGER signed_notes_are_kept;

CREATE TRIGGER signed_notes_are_kept
BEFORE DELETE ON notes WHEN OLD.signed_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'signed note is read-only');
END;

DROP TRIGGER disclosures_no_delete;

CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
WHEN NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

CREATE TRIGGER signed_risk_events_are_not_deleted
BEFORE DELETE ON risk_events WHEN OLD.note_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'a signed risk record is read-only');
END;

CREATE TRIGGER safety_plan_versions_are_not_deleted BEFORE DELETE ON safety_plans
WHEN NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'a safety plan version is kept as written; save a new version');
END;

CREATE TRIGGER used_consents_are_not_deleted BEFORE DELETE ON consents
WHEN NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'a signed consent is kept');
END
"""


def create_lifecycle_tables(conn: Connection) -> None:
    for statement in LIFECYCLE_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)
