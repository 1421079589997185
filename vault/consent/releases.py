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

from vault.consent.models import SCOPE_ITEMS, SIGNATURE_METHODS, Release, ReleaseInput
from vault.consent.release_status import covers as covers
from vault.consent.release_status import release_status
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.records.settings import Settings
from vault.storage.db import Connection
from vault.storage.store import Store

SCOPE_NAMES = ("dates_and_fees_only", *SCOPE_ITEMS)
MAX_EVENT = 200

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


def _scope(value: object) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(s, str) for s in value):
        raise InvalidRecord("Choose what information the release covers from the list.", "scope")
    names = {name.strip() for name in value}
    for name in sorted(names):
        if name not in SCOPE_NAMES:
            shown = v.printable(name)[:40]
            raise InvalidRecord(
                f"“{shown}” is not a kind of information a release can name; "
                f"use one of: {', '.join(SCOPE_NAMES)}.",
                "scope",
            )
    if "dates_and_fees_only" in names and len(names) > 1:
        raise InvalidRecord(
            "“Dates and fees only” cannot be combined with other items; tick the items "
            "one by one instead.",
            "scope",
        )
    return [name for name in SCOPE_NAMES if name in names]


def _flag(value: object, field: str, label: str) -> int:
    if not isinstance(value, bool):
        raise InvalidRecord(f"{label} must be yes or no.", field)
    return int(value)


def _day_text(value: object, field: str, label: str) -> str | None:
    day = v.optional_date(value, field, label)
    return day.isoformat() if day else None


def validated_release(
    data: ReleaseInput,
    today: date,
    revoked_on: str | date | None = None,
    revocation_note: str | None = None,
) -> dict[str, Any]:
    """The stored values of `data`, or InvalidRecord naming the field (ReleaseInput's names).

    Elements that may still be missing (recipient, purpose, expiry, signer...) are not
    refused here: a release missing them is saved as a draft or shown as defective,
    naming what is missing. The importer passes `revoked_on` for a revoked release."""
    values: dict[str, Any] = {
        "recipient_name": v.optional_text(
            data.recipient_name, "recipient_name", "Recipient's name", v.MAX_NAME
        )
        or "",
        "recipient_org": v.optional_text(data.recipient_org, "recipient_org", "Organisation"),
        "recipient_role": v.optional_text(
            data.recipient_role, "recipient_role", "Recipient's role", v.MAX_NAME
        ),
        "recipient_address": v.optional_text(
            data.recipient_address, "recipient_address", "Recipient's address"
        ),
        "discloser": v.optional_text(data.discloser, "discloser", "Who discloses") or "",
        "scope": json.dumps(_scope(data.scope)),
        "scope_detail": v.optional_text(data.scope_detail, "scope_detail", "Details of the scope"),
        "date_from": _day_text(data.date_from, "date_from", "Records from"),
        "date_to": _day_text(data.date_to, "date_to", "Records to"),
        "purpose": v.optional_text(data.purpose, "purpose", "Purpose") or "",
        "expires_on": _day_text(data.expires_on, "expires_on", "Expiry date"),
        "expiry_event": v.optional_text(
            data.expiry_event, "expiry_event", "Expiry event", MAX_EVENT
        ),
        "signed_by": v.optional_text(data.signed_by, "signed_by", "Signed by", v.MAX_NAME),
        "signer_authority": v.optional_text(
            data.signer_authority, "signer_authority", "Signer's authority"
        ),
        "signed_on": _day_text(data.signed_on, "signed_on", "Date signed"),
        "signature_method": None,
        "statement_revocation": _flag(
            data.statement_revocation, "statement_revocation", "The right-to-revoke statement"
        ),
        "statement_conditioning": _flag(
            data.statement_conditioning, "statement_conditioning", "The conditioning statement"
        ),
        "statement_redisclosure": _flag(
            data.statement_redisclosure, "statement_redisclosure", "The redisclosure statement"
        ),
        "copy_given": _flag(data.copy_given, "copy_given", "Copy given"),
        "revoked_on": None,
        "revocation_note": None,
    }
    if data.signature_method not in (None, ""):
        values["signature_method"] = v.choice(
            data.signature_method, SIGNATURE_METHODS, "signature_method", "How it was signed"
        )
    if values["signed_on"] is not None and values["signed_on"] > today.isoformat():
        raise InvalidRecord("The date signed cannot be in the future.", "signed_on")
    if revoked_on not in (None, ""):
        values["revoked_on"] = _check_revocation(values["signed_on"], revoked_on, today)
        values["revocation_note"] = v.optional_text(
            revocation_note, "revocation_note", "Revocation note"
        )
    return values


def _check_revocation(signed_on: str | None, received_on: object, today: date) -> str:
    day = v.parse_date(received_on, "revoked_on", "Date the revocation was received")
    if signed_on is None:
        raise InvalidRecord(
            "Only a signed release can be revoked; this one is still a draft.", "revoked_on"
        )
    if day > today:
        raise InvalidRecord(
            "The date the revocation was received cannot be in the future.", "revoked_on"
        )
    if day.isoformat() < signed_on:
        raise InvalidRecord(
            f"The revocation cannot have been received before the release was signed "
            f"({signed_on}).",
            "revoked_on",
        )
    return day.isoformat()


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
            day = _check_revocation(signed_on, received_on, today)
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
        day = v.parse_date(occurred_on, "event_occurred_on", "Date of the event")
        with self._store.writing("the expiry event") as conn:
            signed_on, _revoked, event, occurred = self._signed_row(conn, release_id)
            if not event:
                raise InvalidRecord(
                    "This release has no expiry event to record; it ends on its expiry date.",
                    "event_occurred_on",
                )
            if signed_on is None:
                raise InvalidRecord(
                    "This release is still a draft: it has not been signed, so it cannot "
                    "have ended.",
                    "event_occurred_on",
                )
            if occurred is not None:
                raise InvalidRecord(
                    f"The expiry event was already recorded, on {occurred}.", "event_occurred_on"
                )
            if day > today:
                raise InvalidRecord(
                    "The date of the event cannot be in the future.", "event_occurred_on"
                )
            if day.isoformat() < signed_on:
                raise InvalidRecord(
                    f"The event cannot have happened before the release was signed ({signed_on}).",
                    "event_occurred_on",
                )
            conn.execute(
                "UPDATE releases SET event_occurred_on = ?, updated_at = ? WHERE id = ?",
                (day.isoformat(), self._store.now_iso(), release_id),
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
