"""Migration 007: episodes of care, follow-up contacts after discharge, and the
referral letters written when therapy ends (issue 9, part D)."""

from __future__ import annotations

from vault.storage.db import Connection

EPISODES_SCHEMA = """
CREATE TABLE episodes (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    number           INTEGER NOT NULL CHECK (number >= 1),
    opened_on        TEXT NOT NULL CHECK (date(opened_on) = opened_on),
    opened_reason    TEXT,
    closed_on        TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    discharge_reason TEXT,
    referral         TEXT,
    UNIQUE (client_id, number)
);

CREATE TABLE follow_ups (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    episode    INTEGER,
    due_on     TEXT NOT NULL CHECK (date(due_on) = due_on),
    purpose    TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
    closed_on  TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
    outcome    TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX follow_ups_by_client ON follow_ups (client_id, due_on);

CREATE INDEX planned_follow_ups ON follow_ups (client_id, due_on) WHERE status = 'planned';

CREATE TABLE referral_letters (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    episode           INTEGER,
    recipient         TEXT NOT NULL,
    recipient_address TEXT,
    release_id        INTEGER REFERENCES releases (id),
    content           TEXT NOT NULL,
    written_on        TEXT NOT NULL,
    sent_on           TEXT,
    disclosure_id     INTEGER
);

CREATE INDEX referral_letters_by_client ON referral_letters (client_id, id)
"""


def create_episode_tables(conn: Connection) -> None:
    """The tables, then one episode per existing client from its intake and discharge."""
    from vault.lifecycle.episodes import backfill_episodes

    for statement in EPISODES_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)
    backfill_episodes(conn)
