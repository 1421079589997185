"""Per-client consent records: each pins a template version and its hash.

Status is computed, never stored: revoked if revoked_on is set; superseded when a
later consent (by signed_on, then id) of the same template kind exists and is not
revoked; else current. `validated_consent` and `insert_consent` work on a bare
connection so the importer can use them inside its own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from vault.consent.models import (
    SIGNATURE_METHODS,
    SIGNER_KINDS,
    Consent,
    ConsentInput,
    ConsentMarker,
)
from vault.consent.reconsent import marker_for, statuses
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.records.settings import DEFAULTS
from vault.storage.db import Connection
from vault.storage.store import Store

MAX_NOTE = 2000
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit

_COLUMNS = (
    "k.id, k.client_id, k.template_version_id, t.kind, t.title, v.version, k.sha256, v.clauses,"
    " k.discussed_on, k.discussed_by, k.signer_kind, k.signer_name, k.signer_authority,"
    " k.signature_method, k.signed_on, k.copy_given, k.minor_assent, k.note, k.revoked_on,"
    " k.revocation_method,"
    " (SELECT count(*) FROM attachments a WHERE a.owner_kind = 'consent' AND a.owner_id = k.id)"
)
_FROM = (
    " FROM consents k JOIN consent_template_versions v ON v.id = k.template_version_id"
    " JOIN consent_templates t ON t.id = v.template_id"
)


def _not_future(day: date, today: date, field: str, label: str) -> date:
    if day > today:
        raise InvalidRecord(f"{label} cannot be in the future.", field)
    return day


def validated_consent(
    conn: Connection, client_id: int, data: ConsentInput, today: date
) -> dict[str, Any]:
    """The stored values of a consent, checked field by field (InvalidRecord names the
    ConsentInput field). Reads the client and the template version through `conn`."""
    client = conn.execute("SELECT date_of_birth FROM clients WHERE id = ?", (client_id,)).fetchone()
    if client is None:
        raise RecordNotFound("That client no longer exists.")
    born = date.fromisoformat(client[0])
    version = conn.execute(
        "SELECT v.sha256, t.kind FROM consent_template_versions v"
        " JOIN consent_templates t ON t.id = v.template_id WHERE v.id = ?",
        (data.template_version_id,),
    ).fetchone()
    if version is None:
        raise InvalidRecord(
            "That version of the consent form no longer exists; choose the form again.",
            "template_version_id",
        )
    sha256, kind = version
    discussed_on = _not_future(
        v.parse_date(data.discussed_on, "discussed_on", "Date discussed"),
        today, "discussed_on", "Date discussed",
    )  # fmt: skip
    if discussed_on < born:
        raise InvalidRecord(
            "Date discussed is before the client's date of birth; check the year.",
            "discussed_on",
        )
    discussed_by = v.required_text(data.discussed_by, "discussed_by", "Discussed by")
    signer_kind = v.choice(data.signer_kind, SIGNER_KINDS, "signer_kind", "Who signed")
    signer_name = v.required_text(data.signer_name, "signer_name", "Signer's name")
    authority = v.optional_text(
        data.signer_authority, "signer_authority", "The guardian's authority"
    )
    if signer_kind == "guardian" and not authority:
        raise InvalidRecord(
            "Say what gives the guardian authority to consent (for example: mother, "
            "custody order of 2024-03-01).",
            "signer_authority",
        )
    method = v.choice(
        data.signature_method, SIGNATURE_METHODS, "signature_method", "How it was signed"
    )
    signed_on = v.optional_date(data.signed_on, "signed_on", "Date signed")
    if signed_on is None:
        if method != "verbal":
            raise InvalidRecord(
                "Date signed is required, as YYYY-MM-DD (only a verbal consent may omit it).",
                "signed_on",
            )
        signed_on = discussed_on
    _not_future(signed_on, today, "signed_on", "Date signed")
    if signed_on < discussed_on:
        raise InvalidRecord(
            "Date signed cannot be before the date the consent was discussed.", "signed_on"
        )
    if data.minor_assent is not None and kind != "minor_consent":
        raise InvalidRecord(
            "A minor's assent belongs only on the consent for a minor; leave it blank here.",
            "minor_assent",
        )
    return {
        "template_version_id": data.template_version_id,
        "sha256": sha256,
        "discussed_on": discussed_on.isoformat(),
        "discussed_by": discussed_by,
        "signer_kind": signer_kind,
        "signer_name": signer_name,
        "signer_authority": authority,
        "signature_method": method,
        "signed_on": signed_on.isoformat(),
        "copy_given": int(bool(data.copy_given)),
        "minor_assent": None if data.minor_assent is None else int(data.minor_assent),
        "note": v.optional_text(data.note, "note", "Note", MAX_NOTE),
    }


def validated_revocation(
    on: object, method: object, signed_on: date, today: date
) -> tuple[str, str]:
    """(revoked_on, revocation_method) as stored; InvalidRecord names "revoked_on" or
    "revocation_method"."""
    day = _not_future(
        v.parse_date(on, "revoked_on", "Date revoked"), today, "revoked_on", "Date revoked"
    )
    if day < signed_on:
        raise InvalidRecord(
            f"Date revoked cannot be before the consent was signed ({signed_on.isoformat()}).",
            "revoked_on",
        )
    how = v.required_text(method, "revocation_method", "How it was revoked", v.MAX_FIELD)
    return day.isoformat(), how


def insert_consent(
    conn: Connection, client_id: int, values: dict[str, Any], created_at: str
) -> int:
    """Store validated values (optionally with revoked_on and revocation_method)."""
    row = {"revoked_on": None, "revocation_method": None, **values}
    columns = (
        "template_version_id", "sha256", "discussed_on", "discussed_by", "signer_kind",
        "signer_name", "signer_authority", "signature_method", "signed_on", "copy_given",
        "minor_assent", "note", "revoked_on", "revocation_method",
    )  # fmt: skip
    cursor = conn.execute(
        f"INSERT INTO consents (client_id, {', '.join(columns)}, created_at)"
        f" VALUES (?, {', '.join('?' for _ in columns)}, ?)",
        (client_id, *(row[name] for name in columns), created_at),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _consent_from_row(row: tuple[Any, ...], status: str) -> Consent:
    (cid, client_id, version_id, kind, title, version, sha, clauses, discussed_on,
     discussed_by, signer_kind, signer_name, authority, method, signed_on, copy_given,
     assent, note, revoked_on, revocation_method, attachments) = row  # fmt: skip
    return Consent(
        id=cid, client_id=client_id, template_version_id=version_id, template_kind=kind,
        template_title=title, version=version, sha256=sha, clauses=tuple(json.loads(clauses)),
        discussed_on=date.fromisoformat(discussed_on), discussed_by=discussed_by,
        signer_kind=signer_kind, signer_name=signer_name, signer_authority=authority,
        signature_method=method, signed_on=date.fromisoformat(signed_on),
        copy_given=bool(copy_given), minor_assent=None if assent is None else bool(assent),
        note=note, revoked_on=date.fromisoformat(revoked_on) if revoked_on else None,
        revocation_method=revocation_method, status=status, attachments=attachments,
    )  # fmt: skip


class ConsentService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, client_id: int, data: ConsentInput) -> Consent:
        """Validate (InvalidRecord naming the field) and store; audited."""
        with self._store.writing("the consent") as conn:
            values = validated_consent(conn, client_id, data, self._store.today())
            consent_id = insert_consent(conn, client_id, values, self._store.now_iso())
            append(conn, self._store.utc_iso(), "record_consent", f"client:{client_id}",
                   f"consent:{consent_id}")  # fmt: skip
        return self.get(consent_id)

    def revoke(self, consent_id: int, on: str | date, method: str) -> Consent:
        current = self.get(consent_id)
        if current.revoked_on is not None:
            raise InvalidRecord(
                f"This consent was already revoked on {current.revoked_on.isoformat()}.",
                "revoked_on",
            )
        revoked_on, how = validated_revocation(on, method, current.signed_on, self._store.today())
        with self._store.writing("the revocation") as conn:
            changed = conn.execute(
                "UPDATE consents SET revoked_on = ?, revocation_method = ?"
                " WHERE id = ? AND revoked_on IS NULL",
                (revoked_on, how, consent_id),
            ).rowcount
            if changed != 1:  # revoked meanwhile from another screen
                raise InvalidRecord("This consent was already revoked.", "revoked_on")
            append(conn, self._store.utc_iso(), "revoke_consent",
                   f"client:{current.client_id}", f"consent:{consent_id}")  # fmt: skip
        return self.get(consent_id)

    def get(self, consent_id: int) -> Consent:
        with self._store.reading() as conn:
            row = conn.execute("SELECT client_id FROM consents WHERE id = ?", (consent_id,))
            found = row.fetchone()
        if found is None:
            raise RecordNotFound("That consent record no longer exists.")
        for consent in self.for_client(found[0]):
            if consent.id == consent_id:
                return consent
        raise RecordNotFound("That consent record no longer exists.")

    def for_client(self, client_id: int) -> list[Consent]:
        """Newest first, each with its computed status."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS}{_FROM} WHERE k.client_id = ?"
                " ORDER BY k.signed_on DESC, k.id DESC",
                (client_id,),
            ).fetchall()
        status = statuses((row[0], row[3], row[14], row[18]) for row in rows)
        return [_consent_from_row(row, status[row[0]]) for row in rows]

    def marker(self, client_id: int, today: date | None = None) -> ConsentMarker:
        return self.markers([client_id], today)[client_id]

    def markers(
        self, client_ids: Iterable[int], today: date | None = None
    ) -> dict[int, ConsentMarker]:
        """Markers for a page of the client list in one query (the list must stay fast).

        A client id that does not exist gets a marker with no consent."""
        ids = list(dict.fromkeys(client_ids))
        today = today or self._store.today()
        with self._store.reading() as conn:
            settings = dict(
                conn.execute(
                    "SELECT key, value FROM settings"
                    " WHERE key IN ('reconsent_age', 'reconsent_review_months')"
                ).fetchall()
            )
            newest_material = dict(
                conn.execute(
                    "SELECT template_id, max(version) FROM consent_template_versions"
                    " WHERE material = 1 GROUP BY template_id"
                ).fetchall()
            )
            rows: list[tuple[Any, ...]] = []
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                rows += conn.execute(
                    "SELECT c.id, c.date_of_birth, k.id, t.kind, k.signed_on, k.revoked_on,"
                    " v.template_id, v.version FROM clients c"
                    " LEFT JOIN consents k ON k.client_id = c.id"
                    " LEFT JOIN consent_template_versions v ON v.id = k.template_version_id"
                    " LEFT JOIN consent_templates t ON t.id = v.template_id"
                    f" WHERE c.id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall()
        age = _setting_number(settings, "reconsent_age")
        months = _setting_number(settings, "reconsent_review_months")
        by_client: dict[int, list[tuple[Any, ...]]] = {cid: [] for cid in ids}
        born: dict[int, date] = {}
        for row in rows:
            born[row[0]] = date.fromisoformat(row[1])
            if row[2] is not None:
                by_client[row[0]].append(row[2:])
        return {
            cid: marker_for(cid, born.get(cid), by_client[cid], newest_material, today, age, months)
            for cid in ids
        }


def _setting_number(stored: dict[str, str], key: str) -> int:
    value = stored.get(key, DEFAULTS[key])
    return int(value) if value.isascii() and value.isdigit() else int(DEFAULTS[key])
