"""Consent, releases and disclosures for the client record's tests, added through the
services to the notes_app practice (Ana Okafor, adult; Leo Brandt, a minor with a
guardian). Dates are relative to the UI tests' fixed TODAY (2026-11-20):

- Ana: a consent signed 2026-01-12 and, before it, one superseded. Releases: dates and
  fees only to her insurer, expiring 2026-12-05 (in 15 days); a treatment summary to her
  GP (valid, until an event); one revoked; one expired; a draft. Disclosures: a mandated
  report (accountable), the insurer's (under the release: not accountable), a phone call
  in an emergency eight years ago (outside the accounting's six years).
- Leo: nothing at all (his consent is MISSING).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE, FakeClock
from vault.consent.models import ConsentInput, DisclosureInput, ReleaseInput
from vault.vault import Vault

HOSTILE = "\x1b[31mEvil\x1b[0m [red]x[/red] \u202eEnaz\u202c Clinic"


def signed(**fields: object) -> ReleaseInput:
    """A release with every element, signed by the client; `fields` change some."""
    data = ReleaseInput(
        recipient_name="Northwind Health Insurance", recipient_org="Northwind Health",
        recipient_role="insurer", recipient_address="PO Box 12, Springfield",
        scope=["dates_and_fees_only"], date_from="2026-01-01", date_to="2026-12-31",
        purpose="Reimbursement of session fees", expires_on="2026-12-05",
        signed_by="Ana Okafor", signed_on="2026-01-12", signature_method="paper",
        copy_given=True,
    )  # fmt: skip
    for name, value in fields.items():
        setattr(data, name, value)
    return data


def populate(vault_dir: Path, ids: dict[str, int], *, hostile: bool = False) -> None:
    """Add the paperwork above to a closed vault; ids gains "consent", "insurer", "gp",
    "revoked", "expired", "draft", "report"."""
    with Vault.open(vault_dir, PASSPHRASE, clock=FakeClock()) as vault:
        add_paperwork(vault, ids, hostile=hostile)


def add_paperwork(vault: Vault, ids: dict[str, int], *, hostile: bool = False) -> None:
    ana = ids["ana"]
    informed = vault.consent_templates.latest_of("informed_consent")
    for day in ("2025-01-06", "2026-01-12"):
        consent = vault.consents.record(ana, ConsentInput(
            template_version_id=informed.id, discussed_on=day, discussed_by="Dr Ada Lee",
            signer_name="Ana Okafor", signature_method="paper", signed_on=day, copy_given=True,
        ))  # fmt: skip
    ids["consent"] = consent.id
    releases = vault.releases
    name = HOSTILE if hostile else "Northwind Health Insurance"
    ids["insurer"] = releases.save(ana, signed(recipient_name=name)).id
    ids["gp"] = releases.save(ana, signed(
        recipient_name="Dr Sam Reyes", recipient_org="Elm Street Practice",
        recipient_role="general practitioner", scope=["treatment_summary"],
        purpose="Coordination of care", expires_on=None,
        expiry_event="the end of treatment with Dr Reyes",
    )).id  # fmt: skip
    revoked = releases.save(
        ana,
        signed(
            recipient_name="Jordan Okafor",
            recipient_org=None,
            recipient_role="spouse",
            purpose="At the client's request",
        ),
    )
    releases.revoke(revoked.id, "2026-06-01", "Letter received")
    ids["revoked"] = revoked.id
    ids["expired"] = releases.save(ana, signed(
        recipient_name="Acme Employee Assistance", recipient_org=None,
        recipient_role="employer programme",
        date_from="2025-01-01", date_to="2025-06-30", expires_on="2025-12-31",
        signed_on="2025-01-10",
    )).id  # fmt: skip
    ids["draft"] = releases.save(ana, ReleaseInput(
        recipient_name="Riverside Legal", recipient_role="attorney", scope=["progress_notes"],
    )).id  # fmt: skip
    log = vault.disclosures
    ids["report"] = log.record(DisclosureInput(
        client_id=ana, disclosed_at="2026-03-04", recipient="County Child Protection",
        description="Concern about a child's safety, by phone", purpose="Mandated report",
        legal_basis="mandated_report", method="phone", reference="CP-2026-118",
    )).id  # fmt: skip
    log.record(DisclosureInput(
        client_id=ana, disclosed_at="2026-02-10", recipient="Northwind Health Insurance",
        description="Dates and fees, January 2026", purpose="Reimbursement",
        legal_basis="authorization", release_id=ids["insurer"], method="exported_file",
    ))  # fmt: skip
    log.record(DisclosureInput(
        client_id=ana, disclosed_at="2018-05-02", recipient="City Hospital emergency desk",
        description="Current medication", purpose="Emergency admission",
        legal_basis="emergency", method="phone",
    ))  # fmt: skip
