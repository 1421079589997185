"""The referral letter: minimum necessary (no notes), protected like every export,
audited when printed, and logged as a disclosure when marked sent."""

# ruff: noqa: F401, F811
from __future__ import annotations

from pathlib import Path

import pytest

from tests.export_practice import (
    ADDENDUM,
    CLINICIAN,
    CONTACT,
    PROCESS,
    SIGNED,
    clock,
    ids,
    out,
    release_input,
    vault,
)
from tests.pdf_reading import all_text, flat, reader
from vault.errors import InvalidRecord
from vault.exports.referral_letter import referral_letter_pdf
from vault.lifecycle.referrals import ReferralInput
from vault.vault import Vault

PASSWORD = "amber rocket willow staple cedar"


def _letter(**changes: object) -> ReferralInput:
    data = ReferralInput(
        recipient="Dr Sam Lee, Riverside Clinic",
        recipient_address="4 Mill Lane, Salem OR",
        client_agreed=True,
        sections={"reason": "Needs specialist eating-disorder care.",
                  "recommendations": "Day programme; review medication with the GP."},
    )  # fmt: skip
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_the_letter_holds_what_was_written_and_no_note(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    vault.clients.discharge(ids["ana"], "Referred on", "Dr Sam Lee", "2026-11-18")
    letter = vault.ending.referrals.write(ids["ana"], _letter())
    result = referral_letter_pdf(vault, letter.id, out / "letter.pdf", password=PASSWORD)
    text = flat(all_text(result.path, PASSWORD))
    assert "Referral letter" in text and "Dr Sam Lee, Riverside Clinic" in text
    assert "Ana Okafor" in text and "1988-03-14" in text
    assert "Needs specialist eating-disorder care." in text
    assert "2024-05-01 to 2026-11-18" in text
    assert f"Signature of {CLINICIAN}" in text
    for word in (SIGNED, ADDENDUM, CONTACT, PROCESS):
        assert word not in text
    assert reader(result.path).is_encrypted  # protected: unreadable without its password
    assert vault.disclosures.for_client(ids["ana"]) == []  # printed is not yet sent
    assert vault.audit.recent(1)[0].detail == f"referral_letter:{letter.id}"


def test_marking_it_sent_writes_one_exempt_disclosure_under_treatment(
    vault: Vault, ids: dict[str, int]
) -> None:
    letter = vault.ending.referrals.write(ids["ana"], _letter())
    sent = vault.ending.referrals.mark_sent(letter.id, "mail")
    [entry] = vault.disclosures.for_client(ids["ana"])
    assert sent.disclosure_id == entry.id and sent.sent_on is not None
    assert (entry.recipient, entry.legal_basis, entry.accountable) == (
        "Dr Sam Lee, Riverside Clinic", "treatment", False,
    )  # fmt: skip
    assert entry.purpose.startswith("Continuity of care")
    assert "what i suggest" in entry.description and "why i am referring" in entry.description
    with pytest.raises(InvalidRecord, match="already marked sent"):
        vault.ending.referrals.mark_sent(letter.id)
    assert len(vault.disclosures.for_client(ids["ana"])) == 1


def test_under_a_release_that_covers_a_summary_the_basis_is_the_authorization(
    vault: Vault, ids: dict[str, int]
) -> None:
    release = vault.releases.save(
        ids["ana"],
        release_input(
            recipient_name="Riverside Clinic", scope=["treatment_summary"], purpose="Referral"
        ),  # fmt: skip
    )
    letter = vault.ending.referrals.write(ids["ana"], _letter(release_id=release.id,
                                                              client_agreed=False))  # fmt: skip
    vault.ending.referrals.mark_sent(letter.id, "email")
    [entry] = vault.disclosures.for_client(ids["ana"])
    assert (entry.legal_basis, entry.release_id, entry.method) == ("authorization", release.id,
                                                                    "email")  # fmt: skip


def test_a_letter_needs_a_reason_and_the_clients_agreement_or_a_release(
    vault: Vault, ids: dict[str, int]
) -> None:
    letters = vault.ending.referrals
    with pytest.raises(InvalidRecord) as no_reason:
        letters.write(ids["ana"], _letter(sections={"summary": "Some work"}))
    assert no_reason.value.field == "reason"
    with pytest.raises(InvalidRecord, match="agreed") as no_agreement:
        letters.write(ids["ana"], _letter(client_agreed=False))
    assert no_agreement.value.field == "client_agreed"
    insurer = vault.releases.save(ids["ana"], release_input())  # dates and fees only
    with pytest.raises(InvalidRecord, match="does not cover treatment summary"):
        letters.write(ids["ana"], _letter(release_id=insurer.id))
    with pytest.raises(InvalidRecord) as no_recipient:
        letters.write(ids["ana"], _letter(recipient=" "))
    assert no_recipient.value.field == "recipient"
    assert letters.for_client(ids["ana"]) == []


def test_hostile_text_is_drawn_plain_without_controls_or_direction_overrides(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    hostile = "**Bold?** <b>tag</b> \u202eEnaz\u202c \x1b[31mred"
    letter = vault.ending.referrals.write(ids["ana"], _letter(sections={"reason": hostile}))
    result = referral_letter_pdf(vault, letter.id, out / "letter.pdf", password=None)
    text = all_text(result.path)
    assert "**Bold?** <b>tag</b>" in text  # no markdown or HTML interpreted
    assert "\u202e" not in text and "\x1b" not in text and "Enaz" in text
