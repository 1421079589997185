"""The audit log: append-only and hash-chained.

Each entry stores the hash of the one before it, so editing, deleting or
reordering any entry breaks the chain from that point on; `verify` names where.
Entries hold record ids and action names only, never names or note text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from vault.errors import AuditChainBroken
from vault.records.audit_schema import client_of
from vault.records.models import AuditEntry
from vault.storage.db import Connection
from vault.storage.store import Store

GENESIS = "0" * 64

ACTIONS = (
    "create_vault", "unlock", "unlock_with_recovery_key", "open_client", "create_client",
    "update_client", "discharge_client", "create_note", "sign_note", "export", "disclosure",
    "passphrase_change", "backup", "import", "delete_draft", "rebuild_search_index",
    # issue 7: consent, releases, exports (subjects are ids: "client:3", "release:7")
    "record_consent", "revoke_consent", "edit_consent_template", "save_release",
    "revoke_release", "release_event", "attach_file", "export_attachment", "access_copy",
    "print_form", "export_refused",
    # issue 8: risk records, instruments, safety plans
    "open_risk", "resolve_risk", "record_instrument", "save_safety_plan",
    "supervision_export",  # issue 9, part E: a disguised case for supervision
    # issue 9 part D: ending therapy (episodes, follow-ups, referral letters)
    "reopen_client", "schedule_follow_up", "close_follow_up", "referral_letter", "referral_sent",
    "set_retention", "place_hold", "lift_hold", "erasure_request", "destroy_client",  # 9C
)  # fmt: skip


def entry_hash(
    prev_hash: str, entry_id: int, at: str, action: str, subject: str, detail: str
) -> str:
    material = "\x1f".join((prev_hash, str(entry_id), at, action, subject, detail))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append(conn: Connection, at: str, action: str, subject: str = "", detail: str = "") -> None:
    """Append inside the caller's transaction, so the entry lands with the change it records."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    digest = entry_hash(prev, entry_id, at, action, subject, detail)
    # The client is resolved now, while the record it names still exists (migration 005).
    client_id = client_of(conn, subject, detail)
    conn.execute(
        "INSERT INTO audit_log (id, at, action, subject, detail, prev_hash, hash, client_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, at, action, subject, detail, prev, digest, client_id),
    )


class AuditLog:
    def __init__(self, store: Store, after_record: Callable[[], None] | None = None) -> None:
        self._store = store
        self._after_record = after_record  # the vault's: copy the chain's head (audit_head.py)

    def record(self, action: str, subject: str = "", detail: str = "") -> None:
        with self._store.writing("the audit entry") as conn:
            append(conn, self._store.utc_iso(), action, subject, detail)
        if self._after_record is not None:
            self._after_record()

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, at, action, subject, detail, prev_hash, hash FROM audit_log"
                " ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [AuditEntry(*row) for row in rows]

    def verify(self) -> int:
        """Check the whole chain; return the number of entries, or raise naming the first bad one."""
        expected_prev = GENESIS
        expected_id = 1
        count = 0
        with self._store.reading("checking the audit log") as conn:
            rows = conn.execute(
                "SELECT id, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id"
            )
            for entry_id, at, action, subject, detail, prev, digest in rows:
                if (
                    entry_id != expected_id
                    or prev != expected_prev
                    or entry_hash(prev, entry_id, at, action, subject, detail) != digest
                ):
                    raise AuditChainBroken(
                        f"The audit log's chain is broken at entry {expected_id}: "
                        "an entry was edited, removed or inserted after it was written."
                    )
                expected_prev = digest
                expected_id += 1
                count += 1
        return count
