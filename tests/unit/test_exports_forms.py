"""Printable forms: a consent form from the exact pinned text, and a release form with
every element of 164.508(c). Both audited as printed forms; neither is a disclosure."""

# The fixtures come from tests/export_practice.py; tests name them as parameters.
# ruff: noqa: F401, F811
from __future__ import annotations

from pathlib import Path

from tests.export_practice import (
    CLINICIAN,
    GUARDIAN,
    PRACTICE,
    clock,
    ids,
    out,
    release_input,
    vault,
)
from tests.pdf_reading import all_text, flat
from vault.consent.models import ConsentInput
from vault.exports.exports import consent_form_pdf, release_form_pdf
from vault.records.clients import ClientInput
from vault.vault import Vault

PASSWORD = "amber rocket willow staple cedar"


def _text(result_path: Path, password: str | None = PASSWORD) -> str:
    return flat(all_text(result_path, password))


def test_an_adults_form_is_the_newest_informed_consent_filled_for_them(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    version = vault.consent_templates.latest_of("informed_consent")
    result = consent_form_pdf(vault, ids["ana"], out / "consent.pdf", password=PASSWORD)
    text = _text(result.path)
    assert text.startswith(f"{PRACTICE} Ana Okafor Informed consent for psychotherapy")
    assert f"therapy with {CLINICIAN} at {PRACTICE} works" in text
    assert "as long as the law of Oregon requires" in text
    assert "{" not in text  # every placeholder filled
    assert f"Form text version {version.version}." in text and version.sha256 in text
    assert "Limits of confidentiality this form explains" in text
    assert "Threat to an identifiable person" in text
    assert "Signature of Ana Okafor" in text and f"Signature of {CLINICIAN}" in text
    assert "parent or guardian" not in text.lower().split("signatures")[-1]
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject, last.detail) == (
        "print_form", f"client:{ids['ana']}", f"consent_form:template_version:{version.id}",
    )  # fmt: skip
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_minors_form_has_the_guardians_signature_and_the_minors_agreement(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    text = _text(consent_form_pdf(vault, ids["leo"], out / "leo.pdf", password=None).path, None)
    minor = vault.consent_templates.latest_of("minor_consent")
    assert minor.sha256 in text
    assert f"Parent or guardian {GUARDIAN}" in text
    assert "Signature of the parent or guardian" in text
    assert "Leo's agreement" in text and "Signature of Leo Brandt" in text
    assert f"Signature of {CLINICIAN}" in text


def test_a_recorded_consent_prints_the_version_it_pinned_not_the_newest(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    first = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(ids["ana"], ConsentInput(
        template_version_id=first.id, discussed_on="2026-03-02", discussed_by=CLINICIAN,
        signer_name="Ana Okafor", signed_on="2026-03-02", copy_given=True,
    ))  # fmt: skip
    newer = vault.consent_templates.edit(
        first.template_id, first.body + "\n\nA paragraph added in the new version.", material=True
    )
    assert newer.version == first.version + 1
    pinned = _text(consent_form_pdf(vault, ids["ana"], out / "pinned.pdf", password=None).path,
                   None)  # fmt: skip
    assert first.sha256 in pinned and newer.sha256 not in pinned
    assert "A paragraph added in the new version." not in pinned
    assert "As recorded in the client's file" in pinned
    assert f"Discussed 2026-03-02 with {CLINICIAN}" in pinned and "Copy given Yes" in pinned
    fresh = _text(consent_form_pdf(vault, ids["ana"], out / "fresh.pdf", password=None,
                                   template_kind="informed_consent").path, None)  # fmt: skip
    assert newer.sha256 in fresh and "A paragraph added in the new version." in fresh
    assert "As recorded in the client's file" not in fresh


def test_hostile_names_and_template_text_print_literally(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    hostile = vault.clients.add(
        ClientInput("{practice_name}", "**Bold** <b>x</b>", "1990-01-01")
    ).id
    template = vault.consent_templates.latest_of("telehealth")
    vault.consent_templates.edit(
        template.template_id,
        template.body
        + "\n\n<b>not bold</b> and **not bold** and [link](http://x) \u202eevil\u202c",
        material=False,
    )
    result = consent_form_pdf(
        vault, hostile, out / "h.pdf", password=None, template_kind="telehealth"
    )
    text = _text(result.path, None)
    assert "{practice_name} **Bold** <b>x</b>" in text  # the name, not the practice's
    assert "<b>not bold</b> and **not bold** and [link](http://x) evil" in text
    assert "\u202e" not in text


def test_a_release_form_fills_every_element_and_the_three_statements(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release = vault.releases.save(ids["ana"], release_input(expiry_event="The claim is settled"))
    result = release_form_pdf(vault, release.id, out / "release.pdf", password=PASSWORD)
    text = _text(result.path)
    for expected in (f"Release no. {release.id}", "Client Ana Okafor", "Date of birth 1988-03-14",
                     f"Released by {PRACTICE}", "Recipient Northwind Health Plan, Claims department",
                     "Address PO Box 12, Salem OR", "\u2612 Dates of service",
                     "\u2612 Session durations", "\u2612 Fees and payments",
                     "\u2610 Progress notes", "\u2610 Psychotherapy notes",
                     "Records dated 2025-01-01 to 2025-12-31",
                     "Purpose Insurance claims for 2025",
                     "On 2027-06-30 or When this happens: The claim is settled",
                     "withdraw this authorization at any time",
                     "do not depend on whether you sign",
                     "may be passed on by whoever receives it",
                     "Signed by Ana Okafor", "Signed on 2026-11-02",
                     "entitled to a copy"):  # fmt: skip
        assert expected in text
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject) == ("print_form", f"release:{release.id}")
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_draft_release_prints_as_a_form_to_sign_and_names_a_missing_statement(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    draft = vault.releases.save(ids["ana"], release_input(
        signed_on=None, signed_by=None, statement_conditioning=False, scope=["psychotherapy_notes"],
    ))  # fmt: skip
    text = _text(release_form_pdf(vault, draft.id, out / "draft.pdf", password=None).path, None)
    assert "Not included on this release: the statement about treatment not depending on it" in text
    assert "\u2612 Psychotherapy notes" in text and "\u2610 Dates of service" in text
    assert "released only on an authorization of their own" in text
    assert "Signed by ____" in text
