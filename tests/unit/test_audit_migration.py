"""Migration 005 on a vault written before it: every old entry finds its client."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from tests.conftest import PASSPHRASE
from vault.consent.models import ReleaseInput
from vault.records.audit_query import AuditFilter
from vault.storage.layout import VaultLayout
from vault.vault import Vault
from vault.verify import AUDIT, AUDIT_HEAD, verify_vault

Practice = tuple[Vault, dict[str, int]]
MIGRATION = "005_audit_filters_and_head"


def _raw(root: Path, dek: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(VaultLayout(root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


def _as_before_005(root: Path, dek: bytes) -> None:
    """Take migration 005 back out, as a vault of the previous release would be."""
    conn = _raw(root, dek)
    for statement in (
        "DROP TRIGGER audit_fts_insert",
        "DROP TABLE audit_fts",
        "DROP INDEX audit_by_client",
        "DROP INDEX audit_by_action",
        "DROP INDEX audit_by_client_action",
        "DROP INDEX audit_by_time",
        "ALTER TABLE audit_log DROP COLUMN client_id",
        f"DELETE FROM migrations WHERE name = '{MIGRATION}'",
    ):
        conn.execute(statement)
    conn.close()
    VaultLayout(root).audit_head.unlink()  # an older vault had none


def test_an_older_vault_is_backfilled_and_its_chain_still_holds(practice: Practice) -> None:
    vault, ids = practice
    release = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee")).id
    before = [(e.id, e.subject) for e in vault.audit.recent(1000)]
    root, dek = vault.layout.root, vault.raw_key()
    vault.close()
    _as_before_005(root, dek)
    assert next(c for c in verify_vault(root, PASSPHRASE).checks if c.name == AUDIT_HEAD).ok

    reopened = Vault.open(root, PASSPHRASE)
    try:
        found = reopened.audit_query.page(AuditFilter(client_id=ids["ana"]), limit=1000).entries
        subjects = {f.entry.subject for f in found}
        assert {f"client:{ids['ana']}", f"note:{ids['signed']}", f"release:{release}"} <= subjects
        leo = reopened.audit_query.page(AuditFilter(client_id=ids["leo"]), limit=1000).entries
        assert {f.entry.subject for f in leo} == {f"client:{ids['leo']}"}
        assert reopened.audit_query.page(AuditFilter(text="sign_note")).entries
        # Old entries are unchanged; the new unlock entry lands after them.
        after = [(e.id, e.subject) for e in reopened.audit.recent(1000)]
        assert after[-len(before) :] == before
        assert reopened.audit.verify() == len(after)
        conn = reopened.store._conn
        assert conn is not None
        applied = conn.execute("SELECT count(*) FROM migrations WHERE name = ?", (MIGRATION,))
        assert applied.fetchone()[0] == 1
    finally:
        reopened.close()
    checks = {c.name: c.ok for c in verify_vault(root, PASSPHRASE).checks}
    assert checks[AUDIT] and checks[AUDIT_HEAD]
