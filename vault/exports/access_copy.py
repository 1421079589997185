"""The client's own copy of their record (right of access, 45 CFR 164.524).

Everything the record holds about them: their details, every session, every signed
note with its signed addenda, and their consents. Psychotherapy notes are excluded
from the right of access (164.524(a)(1)(i)) and drafts are not yet part of the record,
so neither is in the copy. It goes to the client, so it is audited, not logged as a
disclosure (164.528(a)(1)(ii)).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vault.consent.models import SIGNATURE_METHOD_LABELS, Consent
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name, sessions, signed_notes
from vault.exports.sections import (
    SESSION_COLUMNS,
    day,
    legal_name,
    notes_section,
    sessions_table,
)
from vault.records.models import Client
from vault.storage.store import Store

TITLE = "Copy of a client's record"
STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged"}
LEFT_OUT = (
    "This copy holds every signed note in the record. Psychotherapy notes, if any, are "
    "not part of it, and notes not yet signed are not included."
)


def build_access_copy(
    store: Store, client: Client, consents: Sequence[Consent], today: date
) -> PdfDocument:
    doc = PdfDocument(TITLE, practice=practice_name(store), client=legal_name(client))
    doc.title(f"Record of {legal_name(client)}")
    doc.field("Prepared on", day(today))
    doc.gap()
    doc.paragraph(LEFT_OUT, size=8)

    doc.heading("Details")
    _details(doc, client)

    doc.heading("Sessions")
    sessions_table(doc, sessions(store, client.id), SESSION_COLUMNS)

    doc.heading("Notes")
    notes_section(doc, signed_notes(store, client.id), "No signed notes are recorded.")

    doc.heading("Consent")
    if not consents:
        doc.paragraph("No consent is recorded.")
    for consent in consents:
        _consent(doc, consent)
    return doc


def _details(doc: PdfDocument, client: Client) -> None:
    fields = [
        ("Name", legal_name(client)),
        ("Preferred name", client.preferred_name or ""),
        ("Pronouns", client.pronouns or ""),
        ("Date of birth", day(client.date_of_birth)),
        ("Phone", client.phone or ""),
        ("Email", client.email or ""),
        ("Address", client.address or ""),
        ("Intake date", day(client.intake_date)),
        ("Status", STATUS_LABELS.get(client.status, client.status)),
        ("Discharged on", day(client.discharge_date)),
        ("Reason", client.discharge_reason or ""),
        ("Referred to", client.referral or ""),
    ]
    emergency = ", ".join(
        part
        for part in (client.emergency_name, client.emergency_relationship, client.emergency_phone)
        if part
    )
    fields.append(("Emergency contact", emergency))
    for guardian in client.guardians:
        about = [guardian.relationship, guardian.phone, guardian.email]
        described = ", ".join([guardian.name, *(part for part in about if part)])
        access = "" if guardian.can_access_records else " (no access to records)"
        fields.append(("Parent or guardian", described + access))
    for label, value in fields:
        if value:
            doc.field(label, value)


def _consent(doc: PdfDocument, consent: Consent) -> None:
    doc.subheading(f"{consent.template_title}, version {consent.version} ({consent.status})")
    signer = consent.signer_name
    if consent.signer_kind == "guardian":
        signer += f", guardian ({consent.signer_authority or 'authority not recorded'})"
    doc.field("Discussed", f"{day(consent.discussed_on)} with {consent.discussed_by}")
    doc.field("Signed", f"{day(consent.signed_on)} by {signer}")
    method = SIGNATURE_METHOD_LABELS.get(consent.signature_method, consent.signature_method)
    doc.field("How", method)
    doc.field("Copy given", "Yes" if consent.copy_given else "No")
    if consent.revoked_on is not None:
        how = f" ({consent.revocation_method})" if consent.revocation_method else ""
        doc.field("Withdrawn", f"{day(consent.revoked_on)}{how}")
    doc.gap()
