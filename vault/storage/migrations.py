"""Named migrations, applied in order; each runs in one transaction with the row
that records it, so a crash never leaves a half-migrated vault.

Consent, releases and disclosures arrive in 003 (vault/consent/schema.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from vault.errors import NotAVault
from vault.storage.db import Connection, transaction

Migration = Callable[[Connection], None]


def _create_core(conn: Connection) -> None:
    for statement in CORE_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)


CORE_SCHEMA = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clients (
    id                     INTEGER PRIMARY KEY,
    first_name             TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    last_name              TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
    preferred_name         TEXT,
    date_of_birth          TEXT NOT NULL CHECK (date(date_of_birth) = date_of_birth),
    pronouns               TEXT,
    phone                  TEXT,
    email                  TEXT,
    address                TEXT,
    emergency_name         TEXT,
    emergency_relationship TEXT,
    emergency_phone        TEXT,
    intake_date            TEXT,
    status                 TEXT NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'inactive', 'discharged')),
    discharge_date         TEXT,
    discharge_reason       TEXT,
    referral               TEXT,
    created_at             TEXT NOT NULL,
    CHECK (status <> 'discharged' OR (discharge_reason IS NOT NULL AND discharge_date IS NOT NULL))
);

CREATE INDEX clients_by_name ON clients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE guardians (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    name               TEXT NOT NULL,
    relationship       TEXT,
    phone              TEXT,
    email              TEXT,
    can_access_records INTEGER NOT NULL DEFAULT 1 CHECK (can_access_records IN (0, 1))
);

CREATE INDEX guardians_by_client ON guardians (client_id);

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    date             TEXT NOT NULL CHECK (date(date) = date),
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 600),
    modality         TEXT NOT NULL DEFAULT 'in_person'
                     CHECK (modality IN ('in_person', 'telehealth', 'phone')),
    attendance       TEXT NOT NULL DEFAULT 'attended'
                     CHECK (attendance IN ('attended', 'late_cancel', 'no_show')),
    fee_cents        INTEGER CHECK (fee_cents IS NULL OR fee_cents >= 0)
);

CREATE INDEX sessions_by_client ON sessions (client_id, date DESC);

CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    session_id     INTEGER REFERENCES sessions (id),
    amends_note_id INTEGER REFERENCES notes (id),
    kind           TEXT NOT NULL CHECK (kind IN
                   ('progress', 'intake', 'termination', 'contact', 'risk', 'psychotherapy')),
    template       TEXT NOT NULL CHECK (template IN ('soap', 'dap', 'birp', 'free')),
    note_date      TEXT NOT NULL CHECK (date(note_date) = note_date),
    body           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    signed_at      TEXT,
    signed_by      TEXT,
    sha256         TEXT,
    CHECK ((signed_at IS NULL) = (sha256 IS NULL))
);

CREATE INDEX notes_by_client ON notes (client_id, note_date DESC, id DESC)
    WHERE amends_note_id IS NULL;

CREATE INDEX notes_by_date ON notes (note_date DESC, id DESC);

CREATE INDEX addenda_by_note ON notes (amends_note_id) WHERE amends_note_id IS NOT NULL;

CREATE TRIGGER signed_notes_are_read_only
BEFORE UPDATE ON notes WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed note is read-only');
END;

CREATE TRIGGER signed_notes_are_kept
BEFORE DELETE ON notes WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed note is read-only');
END;

CREATE VIRTUAL TABLE notes_fts USING fts5 (
    body, content = 'notes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, body) VALUES (NEW.id, NEW.body);
END;

CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
END;

CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
    INSERT INTO notes_fts (rowid, body) VALUES (NEW.id, NEW.body);
END;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END
"""


def _index_note_dates_by_id(conn: Connection) -> None:
    # Newest-first search sorts its matches by date; this small covering index
    # lets it do so without reading (and decrypting) the large note rows.
    conn.execute("CREATE INDEX notes_date_by_id ON notes (id, note_date)")


def _create_consent(conn: Connection) -> None:
    from vault.consent.schema import create_consent_tables

    create_consent_tables(conn)


def _create_risk(conn: Connection) -> None:
    from vault.risk.schema import create_risk_tables

    create_risk_tables(conn)


def _audit_filters(conn: Connection) -> None:
    from vault.records.audit_schema import create_audit_filters

    create_audit_filters(conn)


def _create_episodes(conn: Connection) -> None:
    from vault.lifecycle.episodes_schema import create_episode_tables

    create_episode_tables(conn)


def _create_lifecycle(conn: Connection) -> None:
    from vault.lifecycle.schema import create_lifecycle_tables

    create_lifecycle_tables(conn)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_practice_clients_sessions_notes_audit", _create_core),
    ("002_index_note_dates_by_id", _index_note_dates_by_id),
    ("003_consent_releases_disclosures", _create_consent),
    ("004_risk_instruments_safety_plans", _create_risk),
    ("005_audit_filters_and_head", _audit_filters),
    ("006_retention_holds_destruction", _create_lifecycle),
    ("007_episodes_follow_ups", _create_episodes),
]


def apply_migrations(conn: Connection, *, create: bool = False) -> list[str]:
    """Apply every migration not yet recorded; return the names applied.

    Only a new vault (`create`, from `Vault.create`) gets the first migration. An
    existing one must already have it: a database the key opens but that holds no
    schema is what a killed backup or `init` leaves, and migrating it would turn
    it into an empty vault that every check calls sound.
    """
    if create:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    else:
        require_vault_schema(conn)
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            migrate(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied


UNFINISHED = (
    "This database was never finished, so it is not a vault: it holds no Quietroom records "
    "(an interrupted backup or set-up leaves one like this). Nothing was changed; open your "
    "vault or another backup instead."
)


def require_vault_schema(conn: Connection) -> None:
    """Refuse a database without the first migration recorded (see `apply_migrations`)."""
    has_table = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()[0]
    if has_table:
        first = MIGRATIONS[0][0]
        if conn.execute("SELECT count(*) FROM migrations WHERE name = ?", (first,)).fetchone()[0]:
            return
    raise NotAVault(UNFINISHED)


def pending(conn: Connection) -> list[str]:
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]
