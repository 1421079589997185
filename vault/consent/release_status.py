"""A release's status, worked out from its fields for one day (45 CFR 164.508(b)(2), (c)).

Pure functions: no vault, no clock. The service, the importer, the exports and the
tests all ask the same rules, so a release never reads "valid" in one place and
"defective" in another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from vault.consent.models import SCOPE_LABELS, Release

NO_SCOPE = "It does not say what information may be released."
NO_RECIPIENT = "It does not name who will receive the information."
NO_PURPOSE = "It does not say what the information will be used for."
NO_EXPIRY = "It has neither an expiry date nor an event that ends it."
NO_SIGNER = "It does not say who signed it."
NO_AUTHORITY = (
    "It was signed by someone other than the client and does not say what gives them "
    "the authority to sign."
)
NO_REVOCATION_STATEMENT = (
    "It does not include the statement that the client may revoke it in writing."
)
NO_CONDITIONING_STATEMENT = (
    "It does not include the statement that treatment does not depend on signing it."
)
NO_REDISCLOSURE_STATEMENT = (
    "It does not include the statement that the recipient may pass the information on, "
    "where it may no longer be protected."
)
PSYCHOTHERAPY_NOTES_COMBINED = "Psychotherapy notes can only be released on a release of their own."
RANGE_BACKWARDS = "Its date range ends before it begins."
EXPIRES_BEFORE_SIGNED = "It expires before the day it was signed."


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _same_person(signed_by: str, client_names: Iterable[str]) -> bool:
    signer = signed_by.casefold()
    return any(signer == _text(name).casefold() for name in client_names if _text(name))


def release_defects(values: Mapping[str, Any], client_names: str | Iterable[str] = ()) -> list[str]:
    """Every missing or contradictory element, one plain sentence each, in form order."""
    names = (client_names,) if isinstance(client_names, str) else tuple(client_names)
    scope = tuple(values.get("scope") or ())
    defects: list[str] = []
    if not scope:
        defects.append(NO_SCOPE)
    if not _text(values.get("recipient_name")):
        defects.append(NO_RECIPIENT)
    if not _text(values.get("purpose")):
        defects.append(NO_PURPOSE)
    expires_on = _day(values.get("expires_on"))
    if expires_on is None and not _text(values.get("expiry_event")):
        defects.append(NO_EXPIRY)
    signed_by = _text(values.get("signed_by"))
    if not signed_by:
        defects.append(NO_SIGNER)
    elif names and not _same_person(signed_by, names) and not _text(values.get("signer_authority")):
        defects.append(NO_AUTHORITY)
    if not values.get("statement_revocation"):
        defects.append(NO_REVOCATION_STATEMENT)
    if not values.get("statement_conditioning"):
        defects.append(NO_CONDITIONING_STATEMENT)
    if not values.get("statement_redisclosure"):
        defects.append(NO_REDISCLOSURE_STATEMENT)
    if "psychotherapy_notes" in scope and len(set(scope)) > 1:
        defects.append(PSYCHOTHERAPY_NOTES_COMBINED)
    date_from, date_to = _day(values.get("date_from")), _day(values.get("date_to"))
    if date_from and date_to and date_to < date_from:
        defects.append(RANGE_BACKWARDS)
    signed_on = _day(values.get("signed_on"))
    if expires_on and signed_on and expires_on < signed_on:
        defects.append(EXPIRES_BEFORE_SIGNED)
    return defects


def release_status(
    values: Mapping[str, Any],
    as_of: date,
    warning_days: int,
    client_names: str | Iterable[str] = (),
) -> tuple[str, tuple[str, ...], bool]:
    """(status, defects, expiring_soon) of a release's stored values on `as_of`.

    `values` holds the release's fields by column name (dates as `date` or YYYY-MM-DD);
    `client_names` is how the client's name may be written, to tell a representative's
    signature from the client's own (with none given, any signer is taken as the client). A revocation counts from the day it was received;
    a release is still valid on its expiry date itself.
    """
    defects = tuple(release_defects(values, client_names))
    revoked_on = _day(values.get("revoked_on"))
    signed_on = _day(values.get("signed_on"))
    expires_on = _day(values.get("expires_on"))
    event_on = _day(values.get("event_occurred_on"))
    if revoked_on is not None and revoked_on <= as_of:
        return "revoked", defects, False
    if signed_on is None or signed_on > as_of:
        return "draft", defects, False
    if (expires_on is not None and expires_on < as_of) or (
        event_on is not None and event_on <= as_of
    ):
        return "expired", defects, False
    if defects:
        return "defective", defects, False
    soon = expires_on is not None and expires_on <= as_of + timedelta(days=warning_days)
    return "valid", defects, soon


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


def why_not_valid(release: Release) -> str | None:
    """The sentence saying why `release` cannot be used today, or None when it is valid."""
    if release.status == "revoked" and release.revoked_on is not None:
        return f"This release was revoked on {release.revoked_on.isoformat()}."
    if release.status == "draft":
        return "This release is still a draft: it has not been signed."
    if release.status == "expired":
        ended = release.event_occurred_on
        if ended is not None and (release.expires_on is None or ended <= release.expires_on):
            return (
                f"This release ended on {ended.isoformat()}, when its expiry event "
                "was recorded as having happened."
            )
        assert release.expires_on is not None
        return f"This release expired on {release.expires_on.isoformat()}."
    if release.status == "defective":
        return f"This release is not valid: {_lower_first(release.defects[0])}"
    if release.status != "valid":
        return "This release is not valid."
    return None


def covers(
    release: Release,
    items: Iterable[str],
    day_range: tuple[date | None, date | None] | None = None,
) -> str | None:
    """None when `release` is valid and covers `items` (scope items) over `day_range`;
    else the one sentence saying why not, for ReleaseNotValid."""
    reason = why_not_valid(release)
    if reason is not None:
        return reason
    wanted = set(items)
    if "psychotherapy_notes" in wanted and not release.is_psychotherapy_notes:
        return "Psychotherapy notes can only be released on a release of their own."
    missing = [item for item in SCOPE_LABELS if item in wanted - release.covered_items]
    unknown = sorted(wanted - set(SCOPE_LABELS))
    if missing or unknown:
        labels = [SCOPE_LABELS[item].split(" (")[0].lower() for item in missing] + unknown
        return f"This release does not cover {', '.join(labels)}."
    if day_range is not None:
        start, end = day_range
        if release.date_from is not None and (start is None or start < release.date_from):
            return f"This release covers nothing before {release.date_from.isoformat()}."
        if release.date_to is not None and (end is None or end > release.date_to):
            return f"This release covers nothing after {release.date_to.isoformat()}."
    return None
