"""Migration 004: risk events (the guided prompt's record), their deadlines,
instrument results (PHQ-9, GAD-7, a C-SSRS given on paper) and safety plans."""

from __future__ import annotations

from vault.storage.db import Connection

RISK_SCHEMA = """
CREATE TABLE risk_events (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    flag          TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    opened_by     TEXT NOT NULL CHECK (opened_by IN ('clinician', 'phq9')),
    instrument_id INTEGER REFERENCES instrument_results (id),
    pack_id       TEXT NOT NULL,
    pack_version  TEXT NOT NULL,
    pack_sha256   TEXT NOT NULL,
    rule          TEXT NOT NULL,
    step          INTEGER NOT NULL DEFAULT 1,
    answers       TEXT NOT NULL DEFAULT '{}',
    updated_at    TEXT NOT NULL,
    note_id       INTEGER REFERENCES notes (id),
    resolved_at   TEXT,
    resolution    TEXT
);

CREATE INDEX risk_events_by_client ON risk_events (client_id, id DESC);

CREATE INDEX open_risk_events ON risk_events (client_id) WHERE resolved_at IS NULL;

CREATE TRIGGER signed_risk_events_are_kept
BEFORE UPDATE OF flag, rule, answers, pack_sha256 ON risk_events WHEN OLD.note_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed risk record is read-only');
END;

CREATE TABLE risk_deadlines (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES risk_events (id),
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    what        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    done_at     TEXT,
    done_note   TEXT
);

CREATE INDEX open_deadlines ON risk_deadlines (due_at) WHERE done_at IS NULL;

CREATE INDEX deadlines_by_client ON risk_deadlines (client_id) WHERE done_at IS NULL;

CREATE TABLE instrument_results (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    instrument  TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'cssrs_paper')),
    taken_on    TEXT NOT NULL CHECK (date(taken_on) = taken_on),
    answers     TEXT NOT NULL,
    total       INTEGER,
    band        TEXT,
    note        TEXT,
    recorded_at TEXT NOT NULL
);

CREATE INDEX instruments_by_client ON instrument_results (client_id, instrument, taken_on);

CREATE TABLE safety_plans (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    version    INTEGER NOT NULL,
    sections   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    event_id   INTEGER REFERENCES risk_events (id),
    UNIQUE (client_id, version)
);

CREATE TRIGGER safety_plan_versions_are_kept BEFORE UPDATE ON safety_plans
BEGIN
    SELECT RAISE(ABORT, 'a safety plan version is kept as written; save a new version');
END
"""


def create_risk_tables(conn: Connection) -> None:
    for statement in RISK_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)
