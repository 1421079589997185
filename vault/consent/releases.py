"""Releases of information (45 CFR 164.508). Status is computed when asked, never stored.

A release is a draft until it has a signing date; once signed it cannot be changed,
only revoked (from the day the written revocation was received) or ended by its
expiry event. The rules of status live in release_status.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from vault.consent.models import Release, ReleaseInput
from vault.consent.release_input import check_event, check_revocation
from vault.consent.release_input import validated_release as validated_release
from vault.consent.release_status import covers as covers
from vault.consent.release_status import release_status
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.records.settings import Settings
from vault.storage.db import Connection
from vault.storage.store import Store

# Stored columns, in the order of Release's fields (status and the rest are computed).
COLUMNS = (
    "id", "client_id", "recipient_name", "recipient_org", "recipient_role", "recipient_address",
    "discloser", "scope", "scope_detail", "date_from", "date_to", "purpose", "expires_on",
    "expiry_event", "event_occurred_on", "signed_by", "signer_authority", "signed_on",
    "signature_method", "statement_revocation", "statement_conditioning",
    "statement_redisclosure", "copy_given", "revoked_on", "revocation_note", "created_at",
)  # fmt: skip
DATE_COLUMNS = (
    "date_from",
    "date_to",
    "expires_on",
    "event_occurred_on",
    "signed_on",
    "revoked_on",
)
FLAG_COLUMNS = ("statement_revocation", "statement_conditioning", "statement_redisclosure",
                "copy_given")  # fmt: skip
SELECT = (
    "SELECT " + ", ".join(f"r.{c}" for c in COLUMNS) + ", c.first_name, c.last_name,"
    " c.preferred_name, (SELECT COUNT(*) FROM attachments a"
    " WHERE a.owner_kind = 'release' AND a.owner_id = r.id)"
    " FROM releases r JOIN clients c ON c.id = r.client_id"
)


def _practice_discloser(conn: Connection) -> str:
    rows = dict(
        conn.execute(
            "SELECT key, value FROM settings WHERE key IN ('practice_name', 'clinician_name')"
        ).fetchall()
    )
    return str(rows.get("practice_name") or rows.get("clinician_name") or "")


def insert_release(
    conn: Connection, client_id: int, values: dict[str, Any], created_at: str
) -> int:
    """Insert validated `values` (validated_release) inside the caller's transaction;
    a blank discloser becomes the practice's name (or the clinician's)."""
    if not values.get("discloser"):
        values = {**values, "discloser": _practice_discloser(conn)}
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(
        f"INSERT INTO releases (client_id, {columns}, created_at, updated_at)"
        f" VALUES (?, {marks}, ?, ?)",
        (client_id, *values.values(), created_at, created_at),
    )
    return int(cur.lastrowid or 0)


def _release_from_row(row: tuple[Any, ...], as_of: date, warning_days: int) -> Release:
    stored = dict(zip(COLUMNS, row[: len(COLUMNS)], strict=True))
    first, last, preferred, attachments = row[len(COLUMNS) :]
    stored["scope"] = tuple(json.loads(stored["scope"]))
    for column in DATE_COLUMNS:
        stored[column] = date.fromisoformat(stored[column]) if stored[column] else None
    for column in FLAG_COLUMNS:
        stored[column] = bool(stored[column])
    names = [f"{first} {last}"] + ([f"{preferred} {last}"] if preferred else [])
    status, defects, soon = release_status(stored, as_of, warning_days, names)
    return Release(
        **stored, status=status, defects=defects, expiring_soon=soon, attachments=attachments
    )


class ReleaseService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._settings = Settings(store)

    def _warning_days(self) -> int:
        return self._settings.number("release_warning_days")

    def save(self, client_id: int, data: ReleaseInput, release_id: int | None = None) -> Release:
        """Create or update a release. A signed one (`signed_on` set) can no longer be changed:
        only revoked, or its expiry event recorded."""
        values = validated_release(data, self._store.today())
        with self._store.writing("the release") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            if release_id is None:
                release_id = insert_release(conn, client_id, values, self._store.now_iso())
            else:
                self._update(conn, client_id, release_id, values)
            append(conn, self._store.utc_iso(), "save_release", f"release:{release_id}")
        return self.get(release_id)

    def _update(
        self, conn: Connection, client_id: int, release_id: int, values: dict[str, Any]
    ) -> None:
        row = conn.execute(
            "SELECT client_id, signed_on FROM releases WHERE id = ?", (release_id,)
        ).fetchone()
        if row is None or row[0] != client_id:
            raise RecordNotFound("That release no longer exists.")
        if row[1] is not None:
            raise InvalidRecord(
                "A signed release cannot be changed; revoke it and write a new one."
            )
        if not values["discloser"]:
            values = {**values, "discloser": _practice_discloser(conn)}
        del values["revoked_on"], values["revocation_note"]
        assignments = ", ".join(f"{name} = ?" for name in values)
        conn.execute(
            f"UPDATE releases SET {assignments}, updated_at = ? WHERE id = ?",
            (*values.values(), self._store.now_iso(), release_id),
        )

    def _signed_row(self, conn: Connection, release_id: int) -> tuple[Any, ...]:
        row = conn.execute(
            "SELECT signed_on, revoked_on, expiry_event, event_occurred_on FROM releases"
            " WHERE id = ?",
            (release_id,),
        ).fetchone()
        if row is None:
            raise RecordNotFound("That release no longer exists.")
        return tuple(row)

    def revoke(self, release_id: int, received_on: str | date, note: str | None = None) -> Release:
        """Record the written revocation, from the day it was received."""
        today = self._store.today()
        note_text = v.optional_text(note, "revocation_note", "Revocation note")
        with self._store.writing("the revocation") as conn:
            signed_on, revoked_on, _event, _occurred = self._signed_row(conn, release_id)
            if revoked_on is not None:
                raise InvalidRecord(
                    f"This release was already revoked on {revoked_on}.", "revoked_on"
                )
            day = check_revocation(signed_on, received_on, today)
            conn.execute(
                "UPDATE releases SET revoked_on = ?, revocation_note = ?, updated_at = ?"
                " WHERE id = ?",
                (day, note_text, self._store.now_iso(), release_id),
            )
            append(conn, self._store.utc_iso(), "revoke_release", f"release:{release_id}")
        return self.get(release_id)

    def record_event(self, release_id: int, occurred_on: str | date) -> Release:
        """The expiry event happened (e.g. "end of the court case"): the release has expired."""
        today = self._store.today()
        with self._store.writing("the expiry event") as conn:
            signed_on, _revoked, event, occurred = self._signed_row(conn, release_id)
            if occurred is not None:
                raise InvalidRecord(
                    f"The expiry event was already recorded, on {occurred}.", "event_occurred_on"
                )
            stored = {"expiry_event": event, "signed_on": signed_on}
            day_text = check_event(stored, occurred_on, today)
            conn.execute(
                "UPDATE releases SET event_occurred_on = ?, updated_at = ? WHERE id = ?",
                (day_text, self._store.now_iso(), release_id),
            )
            append(conn, self._store.utc_iso(), "release_event", f"release:{release_id}")
        return self.get(release_id)

    def get(self, release_id: int, as_of: date | None = None) -> Release:
        day = as_of or self._store.today()
        warning = self._warning_days()
        with self._store.reading() as conn:
            row = conn.execute(f"{SELECT} WHERE r.id = ?", (release_id,)).fetchone()
        if row is None:
            raise RecordNotFound("That release no longer exists.")
        return _release_from_row(tuple(row), day, warning)

    def for_client(self, client_id: int, as_of: date | None = None) -> list[Release]:
        """The client's releases, newest first, each with its status on `as_of` (today)."""
        day = as_of or self._store.today()
        warning = self._warning_days()
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{SELECT} WHERE r.client_id = ? ORDER BY r.id DESC", (client_id,)
            ).fetchall()
        return [_release_from_row(tuple(row), day, warning) for row in rows]

    def markers(self, client_ids: Iterable[int], today: date | None = None) -> dict[int, str]:
        """Per client, the one release marker the list shows ("expiring"), if any: a valid
        release that expires within the warning days. One query for a page of clients."""
        ids = sorted(set(client_ids))
        if not ids:
            return {}
        day = today or self._store.today()
        warning = self._warning_days()
        marks = ", ".join("?" for _ in ids)
        # Only releases that could be expiring soon are read; the rules then decide.
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{SELECT} WHERE r.client_id IN ({marks}) AND r.signed_on IS NOT NULL"
                " AND r.revoked_on IS NULL AND r.event_occurred_on IS NULL"
                " AND r.expires_on BETWEEN ? AND ?",
                (*ids, day.isoformat(), (day + timedelta(days=warning)).isoformat()),
            ).fetchall()
        found: dict[int, str] = {}
        for row in rows:
            release = _release_from_row(tuple(row), day, warning)
            if release.expiring_soon:
                found[release.client_id] = "expiring"
        return found

    @staticmethod
    def covers(
        release: Release,
        items: Iterable[str],
        day_range: tuple[date | None, date | None] | None = None,
    ) -> str | None:
        """None when the release is valid and covers `items` over `day_range`, else why not."""
        return covers(release, items, day_range)
