"""Checking what a release form or an import supplies, field by field.

Only what cannot be stored is refused here (a date that is not a date, a scope name
that does not exist, text too long). An element still missing is not refused: the
release is kept as a draft, or shown as defective, naming it (release_status.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from vault.consent.models import SCOPE_ITEMS, SIGNATURE_METHODS, ReleaseInput
from vault.errors import InvalidRecord
from vault.records import validation as v

SCOPE_NAMES = ("dates_and_fees_only", *SCOPE_ITEMS)
MAX_EVENT = 200


def _scope(value: object) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(s, str) for s in value):
        raise InvalidRecord("Choose what information the release covers from the list.", "scope")
    names = {name.strip() for name in value}
    for name in sorted(names):
        if name not in SCOPE_NAMES:
            shown = "".join(ch for ch in v.printable(name) if ch.isprintable())[:40]
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
    event_occurred_on: str | date | None = None,
) -> dict[str, Any]:
    """The stored values of `data`, or InvalidRecord naming the field (ReleaseInput's names).

    Elements that may still be missing (recipient, purpose, expiry, signer...) are not
    refused here: a release missing them is saved as a draft or shown as defective,
    naming what is missing. The importer passes `revoked_on` for a revoked release and
    `event_occurred_on` for one its expiry event ended."""
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
        values["revoked_on"] = check_revocation(values["signed_on"], revoked_on, today)
        values["revocation_note"] = v.optional_text(
            revocation_note, "revocation_note", "Revocation note"
        )
    if event_occurred_on not in (None, ""):
        values["event_occurred_on"] = check_event(values, event_occurred_on, today)
    return values


def check_event(values: dict[str, Any], occurred_on: object, today: date) -> str:
    day = v.parse_date(occurred_on, "event_occurred_on", "Date of the event")
    if not values.get("expiry_event"):
        raise InvalidRecord(
            "This release has no expiry event to record; it ends on its expiry date.",
            "event_occurred_on",
        )
    signed_on = values.get("signed_on")
    if signed_on is None:
        raise InvalidRecord(
            "This release is still a draft: it has not been signed, so it cannot have ended.",
            "event_occurred_on",
        )
    if day > today:
        raise InvalidRecord("The date of the event cannot be in the future.", "event_occurred_on")
    if day.isoformat() < signed_on:
        raise InvalidRecord(
            f"The event cannot have happened before the release was signed ({signed_on}).",
            "event_occurred_on",
        )
    return day.isoformat()


def check_revocation(signed_on: str | None, received_on: object, today: date) -> str:
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
