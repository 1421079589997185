"""Migration 003: consent templates and records, releases, disclosures, attachments,
and form drafts. Kept beside the services that own these tables."""

from __future__ import annotations

from vault.storage.db import Connection

CONSENT_SCHEMA = """
CREATE TABLE consent_templates (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    shipped    INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE consent_template_versions (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES consent_templates (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    body        TEXT NOT NULL,
    clauses     TEXT NOT NULL DEFAULT '[]',
    material    INTEGER NOT NULL DEFAULT 1 CHECK (material IN (0, 1)),
    change_note TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (template_id, version)
);

CREATE TABLE consents (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id),
    template_version_id INTEGER NOT NULL REFERENCES consent_template_versions (id),
    sha256              TEXT NOT NULL,
    discussed_on        TEXT NOT NULL CHECK (date(discussed_on) = discussed_on),
    discussed_by        TEXT NOT NULL,
    signer_kind         TEXT NOT NULL CHECK (signer_kind IN ('client', 'guardian')),
    signer_name         TEXT NOT NULL,
    signer_authority    TEXT,
    signature_method    TEXT NOT NULL CHECK (signature_method IN ('paper', 'typed_in_person', 'verbal')),
    signed_on           TEXT NOT NULL CHECK (date(signed_on) = signed_on),
    copy_given          INTEGER NOT NULL DEFAULT 0 CHECK (copy_given IN (0, 1)),
    minor_assent        INTEGER CHECK (minor_assent IS NULL OR minor_assent IN (0, 1)),
    note                TEXT,
    revoked_on          TEXT CHECK (revoked_on IS NULL OR date(revoked_on) = revoked_on),
    revocation_method   TEXT,
    created_at          TEXT NOT NULL
);

CREATE INDEX consents_by_client ON consents (client_id, signed_on DESC, id DESC);

CREATE TRIGGER used_template_versions_are_kept
BEFORE UPDATE OF body, clauses, sha256 ON consent_template_versions
WHEN EXISTS (SELECT 1 FROM consents WHERE template_version_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'a consent template version in use is read-only');
END;

CREATE TABLE releases (
    id                     INTEGER PRIMARY KEY,
    client_id              INTEGER NOT NULL REFERENCES clients (id),
    recipient_name         TEXT NOT NULL,
    recipient_org          TEXT,
    recipient_role         TEXT,
    recipient_address      TEXT,
    discloser              TEXT NOT NULL DEFAULT '',
    scope                  TEXT NOT NULL DEFAULT '[]',
    scope_detail           TEXT,
    date_from              TEXT CHECK (date_from IS NULL OR date(date_from) = date_from),
    date_to                TEXT CHECK (date_to IS NULL OR date(date_to) = date_to),
    purpose                TEXT NOT NULL DEFAULT '',
    expires_on             TEXT CHECK (expires_on IS NULL OR date(expires_on) = expires_on),
    expiry_event           TEXT,
    event_occurred_on      TEXT CHECK (event_occurred_on IS NULL
                                       OR date(event_occurred_on) = event_occurred_on),
    signed_by              TEXT,
    signer_authority       TEXT,
    signed_on              TEXT CHECK (signed_on IS NULL OR date(signed_on) = signed_on),
    signature_method       TEXT,
    statement_revocation   INTEGER NOT NULL DEFAULT 1 CHECK (statement_revocation IN (0, 1)),
    statement_conditioning INTEGER NOT NULL DEFAULT 1 CHECK (statement_conditioning IN (0, 1)),
    statement_redisclosure INTEGER NOT NULL DEFAULT 1 CHECK (statement_redisclosure IN (0, 1)),
    copy_given             INTEGER NOT NULL DEFAULT 0 CHECK (copy_given IN (0, 1)),
    revoked_on             TEXT CHECK (revoked_on IS NULL OR date(revoked_on) = revoked_on),
    revocation_note        TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);

CREATE INDEX releases_by_client ON releases (client_id, id DESC);

CREATE TABLE disclosures (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    disclosed_at      TEXT NOT NULL,
    recipient         TEXT NOT NULL,
    recipient_address TEXT,
    description       TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    legal_basis       TEXT NOT NULL,
    release_id        INTEGER REFERENCES releases (id),
    method            TEXT NOT NULL,
    client_told       INTEGER CHECK (client_told IS NULL OR client_told IN (0, 1)),
    client_told_note  TEXT,
    person_spoken_to  TEXT,
    reference         TEXT,
    source            TEXT NOT NULL,
    accountable       INTEGER NOT NULL CHECK (accountable IN (0, 1)),
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT NOT NULL,
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
);

CREATE INDEX disclosures_by_client ON disclosures (client_id, disclosed_at DESC, id DESC);

CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('consent', 'release')),
    owner_id   INTEGER NOT NULL,
    filename   TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    data       BLOB NOT NULL,
    added_at   TEXT NOT NULL
);

CREATE INDEX attachments_by_owner ON attachments (owner_kind, owner_id);

CREATE TABLE form_drafts (
    form      TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    record_id INTEGER NOT NULL DEFAULT 0,
    payload   TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (form, client_id, record_id)
)
"""


def create_consent_tables(conn: Connection) -> None:
    for statement in CONSENT_SCHEMA.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)
    # Imported late: the templates module reads the shipped texts.
    from vault.consent.templates import install_shipped

    install_shipped(conn)
