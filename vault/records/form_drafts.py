"""Half-filled forms kept inside the vault, so locking (or a closed terminal) loses
nothing typed. One draft per form, client and record; the payload is the form's
own field values as JSON, read back only by the form that wrote it."""

from __future__ import annotations

import json
from typing import Any

from vault.storage.store import Store


class FormDrafts:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, form: str, client_id: int, values: dict[str, Any], record_id: int = 0) -> None:
        payload = json.dumps(values, ensure_ascii=False)
        with self._store.writing("the unfinished form") as conn:
            conn.execute(
                "INSERT INTO form_drafts (form, client_id, record_id, payload, saved_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (form, client_id, record_id)"
                " DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at",
                (form, client_id, record_id, payload, self._store.now_iso()),
            )

    def load(self, form: str, client_id: int, record_id: int = 0) -> dict[str, Any] | None:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT payload FROM form_drafts WHERE form = ? AND client_id = ? AND record_id = ?",
                (form, client_id, record_id),
            ).fetchone()
        if row is None:
            return None
        values = json.loads(row[0])
        return values if isinstance(values, dict) else None

    def discard(self, form: str, client_id: int, record_id: int = 0) -> None:
        with self._store.writing("the unfinished form") as conn:
            conn.execute(
                "DELETE FROM form_drafts WHERE form = ? AND client_id = ? AND record_id = ?",
                (form, client_id, record_id),
            )
