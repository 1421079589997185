"""Consent status and the re-consent marker, computed from rows already read.

Only the consents that still speak for the client count: the newest current one
covering therapy (informed consent or consent for a minor, whichever was signed
last) and any other current consent (telehealth). Re-consent is due when a
material newer version of a counted consent's template exists, when the client
signed (or was signed for) as a minor and has since reached the age in the
settings, or when the newest counted consent is as old as the review interval.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from vault.consent.models import ConsentMarker
from vault.records.models import age_on

THERAPY_KINDS = ("informed_consent", "minor_consent")
SHORT_NAMES = {
    "informed_consent": "informed consent",
    "telehealth": "telehealth consent",
    "minor_consent": "consent for a minor",
}


def statuses(rows: Iterable[tuple[int, str, str, str | None]]) -> dict[int, str]:
    """{consent id: status} for one client's (id, kind, signed_on, revoked_on) rows."""
    rows = list(rows)
    result: dict[int, str] = {}
    latest_live: dict[str, tuple[str, int]] = {}
    for cid, kind, signed_on, revoked_on in rows:
        if revoked_on:
            result[cid] = "revoked"
        elif (signed_on, cid) > latest_live.get(kind, ("", 0)):
            latest_live[kind] = (signed_on, cid)
    live_ids = {cid for _, cid in latest_live.values()}
    for cid, _kind, _signed, revoked_on in rows:
        if not revoked_on:
            result[cid] = "current" if cid in live_ids else "superseded"
    return result


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def marker_for(
    client_id: int,
    born: date | None,
    consents: Sequence[tuple[Any, ...]],
    newest_material: dict[int, int],
    today: date,
    reconsent_age: int,
    review_months: int,
) -> ConsentMarker:
    """`consents`: (id, kind, signed_on, revoked_on, template_id, version) rows;
    `newest_material`: {template_id: highest version marked material}."""
    status = statuses((row[0], row[1], row[2], row[3]) for row in consents)
    current = [row for row in consents if status[row[0]] == "current"]
    therapy = max(
        (row for row in current if row[1] in THERAPY_KINDS),
        key=lambda row: (row[2], row[0]),
        default=None,
    )
    counted = [row for row in current if row[1] not in THERAPY_KINDS]
    if therapy is not None:
        counted.insert(0, therapy)
    reasons: list[str] = []
    for _cid, kind, _signed, _revoked, template_id, version in counted:
        newer = newest_material.get(template_id, 0)
        if newer > version:
            name = SHORT_NAMES.get(kind, "consent")
            reasons.append(f"The {name} changed (version {newer}); ask again.")
    if therapy is not None and born is not None:
        signed = date.fromisoformat(therapy[2])
        if age_on(born, signed) < reconsent_age <= age_on(born, today):
            reasons.append(
                f"The client has turned {reconsent_age} since the consent was signed; "
                "ask for their own consent."
            )
    if counted:
        newest = max(date.fromisoformat(row[2]) for row in counted)
        if today >= add_months(newest, review_months):
            reasons.append(
                f"It has been {review_months} months since the consent was signed; "
                "review it with the client."
            )
    return ConsentMarker(client_id, therapy is not None, tuple(reasons))
