"""A release's status and its defects, computed from its fields alone (no vault)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from vault.consent import release_status as rs
from vault.consent.models import Release
from vault.consent.release_status import covers, release_status

TODAY = date(2026, 11, 20)
CLIENT = "Ana Okafor"


def complete(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "scope": ("dates_and_fees_only",),
        "recipient_name": "Northwind Health Plan",
        "purpose": "Insurance claims",
        "expires_on": date(2027, 11, 20),
        "expiry_event": None,
        "signed_by": CLIENT,
        "signer_authority": None,
        "signed_on": date(2026, 11, 2),
        "statement_revocation": True,
        "statement_conditioning": True,
        "statement_redisclosure": True,
        "date_from": None,
        "date_to": None,
        "revoked_on": None,
        "event_occurred_on": None,
    }
    values.update(changes)
    return values


def status(values: dict[str, Any], as_of: date = TODAY, days: int = 30) -> str:
    return release_status(values, as_of, days, CLIENT)[0]


def test_a_complete_signed_release_is_valid() -> None:
    assert release_status(complete(), TODAY, 30, CLIENT) == ("valid", (), False)


@pytest.mark.parametrize(
    ("changes", "defect"),
    [
        ({"scope": ()}, "It does not say what information may be released."),
        ({"recipient_name": "  "}, rs.NO_RECIPIENT),
        ({"purpose": ""}, rs.NO_PURPOSE),
        ({"expires_on": None, "expiry_event": None}, rs.NO_EXPIRY),
        ({"signed_by": None}, rs.NO_SIGNER),
        ({"signed_by": "Mara Okafor"}, rs.NO_AUTHORITY),
        ({"statement_revocation": False}, rs.NO_REVOCATION_STATEMENT),
        ({"statement_conditioning": False}, rs.NO_CONDITIONING_STATEMENT),
        ({"statement_redisclosure": False}, rs.NO_REDISCLOSURE_STATEMENT),
        (
            {"scope": ("psychotherapy_notes", "diagnosis")},
            "Psychotherapy notes can only be released on a release of their own.",
        ),
        ({"date_from": date(2026, 5, 1), "date_to": date(2026, 4, 1)}, rs.RANGE_BACKWARDS),
    ],
)
def test_each_missing_element_is_named_and_makes_it_defective(
    changes: dict[str, Any], defect: str
) -> None:
    state, defects, soon = release_status(complete(**changes), TODAY, 30, CLIENT)
    assert state == "defective"
    assert defects == (defect,)
    assert not soon


def test_an_expiry_before_the_signing_is_named() -> None:
    values = complete(expires_on=date(2026, 11, 1))
    assert release_status(values, TODAY, 30, CLIENT)[1] == (rs.EXPIRES_BEFORE_SIGNED,)
    assert release_status({**values, "signed_on": None}, TODAY, 30, CLIENT)[1] == ()


def test_the_three_statements_are_named_one_by_one() -> None:
    _, defects, _ = release_status(
        complete(statement_revocation=False, statement_conditioning=False,
                 statement_redisclosure=False),
        TODAY, 30, CLIENT,
    )  # fmt: skip
    assert len(defects) == 3 and len(set(defects)) == 3
    assert all(d.startswith("It does not include the statement") for d in defects)


def test_a_representative_with_their_authority_is_fine_and_names_compare_loosely() -> None:
    assert status(complete(signed_by="Mara Okafor", signer_authority="Mother")) == "valid"
    assert status(complete(signed_by="  ana   OKAFOR ")) == "valid"
    values = complete(signed_by="Ana Okafor")
    assert release_status(values, TODAY, 30, ["Annie Okafor", "Ana Okafor"])[0] == "valid"


def test_psychotherapy_notes_alone_are_valid() -> None:
    assert status(complete(scope=("psychotherapy_notes",))) == "valid"


def test_a_release_without_a_signing_date_is_a_draft_that_lists_what_is_missing() -> None:
    state, defects, _ = release_status(
        complete(signed_on=None, signed_by=None, purpose=""), TODAY, 30, CLIENT
    )
    assert state == "draft"
    assert defects == (rs.NO_PURPOSE, rs.NO_SIGNER)


def test_a_draft_stays_a_draft_even_when_complete() -> None:
    assert release_status(complete(signed_on=None), TODAY, 30, CLIENT) == ("draft", (), False)


def test_expiry_by_date_the_day_itself_is_still_valid() -> None:
    values = complete(expires_on=date(2026, 12, 1))
    assert status(values, date(2026, 12, 1)) == "valid"
    assert status(values, date(2026, 12, 2)) == "expired"


def test_expiry_by_event_from_the_day_it_was_recorded() -> None:
    values = complete(expires_on=None, expiry_event="End of the court case")
    assert status(values) == "valid"
    ended = {**values, "event_occurred_on": date(2026, 11, 20)}
    assert status(ended, date(2026, 11, 19)) == "valid"
    assert status(ended, date(2026, 11, 20)) == "expired"


def test_revocation_counts_from_the_day_it_was_received() -> None:
    values = complete(revoked_on=date(2026, 11, 10))
    assert status(values, date(2026, 11, 9)) == "valid"
    assert status(values, date(2026, 11, 10)) == "revoked"
    assert status(values, date(2026, 12, 1)) == "revoked"


def test_revoked_wins_over_expired_and_defective() -> None:
    values = complete(revoked_on=date(2026, 11, 10), expires_on=date(2026, 11, 5), purpose="")
    assert status(values) == "revoked"


def test_expired_wins_over_defective() -> None:
    assert status(complete(expires_on=date(2026, 11, 5), purpose="")) == "expired"


def test_expiring_soon_boundary() -> None:
    on_the_edge = complete(expires_on=date(2026, 12, 20))  # TODAY + 30 days
    assert release_status(on_the_edge, TODAY, 30, CLIENT) == ("valid", (), True)
    one_more = complete(expires_on=date(2026, 12, 21))
    assert release_status(one_more, TODAY, 30, CLIENT) == ("valid", (), False)
    assert release_status(on_the_edge, TODAY, 0, CLIENT)[2] is False
    event_only = complete(expires_on=None, expiry_event="End of treatment")
    assert release_status(event_only, TODAY, 30, CLIENT)[2] is False


def test_dates_may_be_given_as_text() -> None:
    values = complete(signed_on="2026-11-02", expires_on="2026-11-19")
    assert status(values) == "expired"


def _release(**changes: Any) -> Release:
    base = Release(
        id=7, client_id=1, recipient_name="Northwind", recipient_org=None, recipient_role=None,
        recipient_address=None, discloser="Quiet Practice", scope=("dates_and_fees_only",),
        scope_detail=None, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31),
        purpose="Claims", expires_on=date(2027, 11, 20), expiry_event=None,
        event_occurred_on=None, signed_by=CLIENT, signer_authority=None,
        signed_on=date(2026, 11, 2), signature_method="paper", statement_revocation=True,
        statement_conditioning=True, statement_redisclosure=True, copy_given=True,
        revoked_on=None, revocation_note=None, created_at="2026-11-02T10:00:00+00:00",
        status="valid", defects=(), expiring_soon=False,
    )  # fmt: skip
    return replace(base, **changes)


def test_covers_a_valid_release_within_its_scope_and_range() -> None:
    release = _release()
    items = ("dates_of_service", "fees_payments")
    assert covers(release, items, (date(2026, 1, 1), date(2026, 12, 31))) is None
    assert covers(release, items) is None


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        (
            {"status": "revoked", "revoked_on": date(2026, 3, 2)},
            "This release was revoked on 2026-03-02.",
        ),
        (
            {"status": "expired", "expires_on": date(2026, 3, 1)},
            "This release expired on 2026-03-01.",
        ),
        ({"status": "draft"}, "This release is still a draft: it has not been signed."),
        (
            {"status": "defective", "defects": (rs.NO_PURPOSE,)},
            "This release is not valid: it does not say what the information will be used for.",
        ),
    ],
)
def test_covers_names_why_a_release_cannot_be_used(changes: dict[str, Any], sentence: str) -> None:
    assert covers(_release(**changes), ("dates_of_service",)) == sentence


def test_covers_names_an_event_that_ended_the_release() -> None:
    ended = _release(status="expired", expires_on=None, expiry_event="End of the case",
                     event_occurred_on=date(2026, 11, 15))  # fmt: skip
    assert "2026-11-15" in (covers(ended, ()) or "")


def test_covers_refuses_items_outside_the_scope() -> None:
    assert covers(_release(), ("progress_notes",)) == "This release does not cover progress notes."
    assert covers(_release(), ("psychotherapy_notes",)) == (
        "Psychotherapy notes can only be released on a release of their own."
    )
    notes_only = _release(scope=("psychotherapy_notes",))
    assert covers(notes_only, ("psychotherapy_notes",)) is None
    assert covers(notes_only, ("diagnosis",)) == "This release does not cover diagnosis."


def test_covers_refuses_days_outside_the_date_range() -> None:
    release = _release()
    assert covers(release, (), (date(2025, 12, 31), date(2026, 6, 1))) == (
        "This release covers nothing before 2026-01-01."
    )
    assert covers(release, (), (date(2026, 2, 1), date(2027, 1, 1))) == (
        "This release covers nothing after 2026-12-31."
    )
    assert covers(_release(date_from=None, date_to=None), (), (None, None)) is None
