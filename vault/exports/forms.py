"""Printable forms for a paper signature: a consent form filled for the client, and a
release of information with every element of 45 CFR 164.508(c) filled from the record.

A consent form is drawn from the exact text of a template version (placeholders
filled, nothing else interpreted: lines starting "# " are headings, blank lines part
paragraphs), with the version and the SHA-256 of its text, so the signed paper can be
matched to the version the vault pinned.
"""

from __future__ import annotations

from vault.consent.models import (
    CLAUSE_LABELS,
    SCOPE_ITEMS,
    SIGNATURE_METHOD_LABELS,
    Consent,
    Release,
    TemplateVersion,
)
from vault.consent.templates import fill
from vault.exports.pdf import PdfDocument
from vault.exports.release_export import recipient_line, short_label
from vault.exports.sections import day, legal_name, period
from vault.records.models import Client

RELEASE_TITLE = "Authorization to release information"
BLANK = "____________________________"


def render_body(doc: PdfDocument, body: str) -> None:
    """A template body: "# " lines are headings, blank lines end paragraphs."""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            doc.paragraph("\n".join(paragraph))
            paragraph.clear()

    for line in body.split("\n"):
        if line.startswith("# "):
            flush()
            doc.heading(line[2:].strip())
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
    flush()


def build_consent_form(
    client: Client, version: TemplateVersion, consent: Consent | None, *, practice: str,
    clinician: str, jurisdiction: str, minor: bool,
) -> PdfDocument:  # fmt: skip
    name = legal_name(client)
    doc = PdfDocument("Consent form", practice=practice, client=name)
    values = {
        "practice_name": practice, "clinician_name": clinician, "client_name": name,
        "jurisdiction": jurisdiction,
    }  # fmt: skip
    body = fill(version.body, values)
    first, _, rest = body.lstrip("\n").partition("\n")
    if first.startswith("# "):  # the body's own first heading is the form's title
        doc.title(first[2:].strip())
        body = rest
    else:
        doc.title(version.title)
    doc.field("Client", name)
    doc.field("Date of birth", day(client.date_of_birth))
    doc.gap()
    render_body(doc, body)

    if version.clauses:
        doc.heading("Limits of confidentiality this form explains")
        doc.bullets(CLAUSE_LABELS.get(clause, clause) for clause in version.clauses)
    doc.paragraph(
        f"Form text version {version.version}. SHA-256 of the text, before names were "
        f"filled in: {version.sha256}",
        size=8,
    )
    if consent is not None:
        _recorded(doc, consent)
    _consent_signatures(doc, client, consent, clinician=clinician, minor=minor)
    return doc


def _recorded(doc: PdfDocument, consent: Consent) -> None:
    doc.heading("As recorded in the client's file")
    doc.field("Discussed", f"{day(consent.discussed_on)} with {consent.discussed_by}")
    signer = consent.signer_name
    if consent.signer_kind == "guardian" and consent.signer_authority:
        signer += f" ({consent.signer_authority})"
    doc.field("Signed", f"{day(consent.signed_on)} by {signer}")
    doc.field("How", SIGNATURE_METHOD_LABELS.get(consent.signature_method, ""))
    doc.field("Copy given", "Yes" if consent.copy_given else "No")


def _consent_signatures(
    doc: PdfDocument, client: Client, consent: Consent | None, *, clinician: str, minor: bool
) -> None:
    doc.heading("Signatures")
    if minor:
        guardian = consent.signer_name if consent and consent.signer_kind == "guardian" else ""
        if not guardian:
            allowed = [g.name for g in client.guardians if g.can_access_records]
            guardian = allowed[0] if allowed else ""
        authority = consent.signer_authority if consent and consent.signer_authority else ""
        doc.field("Parent or guardian", guardian or BLANK)
        doc.field("Their authority", authority or BLANK)
        doc.signature_lines([("Signature of the parent or guardian", 120), ("Date", 60)])
        doc.gap(6)
        doc.subheading(f"{client.preferred_name or client.first_name}'s agreement")
        doc.paragraph(
            "I have talked about this form with my therapist. I know what therapy is, what "
            "stays private and when it might not, and I agree to take part."
        )
        doc.signature_lines([(f"Signature of {legal_name(client)}", 120), ("Date", 60)])
    else:
        doc.signature_lines([(f"Signature of {legal_name(client)}", 120), ("Date", 60)])
    doc.gap(6)
    doc.signature_lines([(f"Signature of {clinician or 'the clinician'}", 120), ("Date", 60)])


def build_release_form(client: Client, release: Release, *, practice: str) -> PdfDocument:
    name = legal_name(client)
    doc = PdfDocument(RELEASE_TITLE, practice=practice, client=name)
    doc.title(RELEASE_TITLE)
    doc.field("Release no.", str(release.id))
    doc.field("Client", name)
    doc.field("Date of birth", day(client.date_of_birth))

    doc.heading("Who may release it, and to whom")
    doc.field("Released by", release.discloser or practice)
    doc.field("Recipient", recipient_line(release))
    doc.field("Address", release.recipient_address or BLANK)

    doc.heading("What may be released")
    covered = release.covered_items
    doc.checklist(((short_label(item), item in covered) for item in SCOPE_ITEMS), columns=2)
    if "dates_and_fees_only" in release.scope:
        doc.paragraph("Dates and fees only: nothing else from the record.", size=8)
    if release.is_psychotherapy_notes:
        doc.paragraph(
            "Psychotherapy notes are released only on an authorization of their own, "
            "which names nothing else.",
            size=8,
        )
    if release.scope_detail:
        doc.field("In particular", release.scope_detail)
    doc.field("Records dated", period(release.date_from, release.date_to))

    doc.heading("Why, and until when")
    doc.field("Purpose", release.purpose or BLANK)
    ends = []
    if release.expires_on is not None:
        ends.append(f"On {day(release.expires_on)}")
    if release.expiry_event:
        ends.append(f"When this happens: {release.expiry_event}")
    doc.field("It ends", " or ".join(ends) if ends else BLANK)

    doc.heading("Your rights")
    _statements(doc, release, practice)

    doc.heading("Signature")
    doc.field("Signed by", release.signed_by or BLANK)
    doc.field("Signer's authority", release.signer_authority or "")
    doc.field("Signed on", day(release.signed_on) or BLANK)
    doc.signature_lines([("Signature", 120), ("Date", 60)])
    doc.paragraph("You are entitled to a copy of this form once it is signed.", size=8)
    return doc


def _statements(doc: PdfDocument, release: Release, practice: str) -> None:
    statements = (
        (release.statement_revocation, "your right to withdraw it",
         f"You may withdraw this authorization at any time by telling {practice or 'us'} in "
         "writing. It stops counting from the day your letter is received; it cannot undo "
         "what was already released because of it."),
        (release.statement_conditioning, "treatment not depending on it",
         "Your treatment, and payment for it, do not depend on whether you sign this "
         "authorization."),
        (release.statement_redisclosure, "what the recipient may do with it",
         "Once released, the information may be passed on by whoever receives it, and "
         "federal privacy law may then no longer protect it."),
    )  # fmt: skip
    for included, topic, sentence in statements:
        if included:
            doc.paragraph(sentence)
        else:
            doc.paragraph(f"Not included on this release: the statement about {topic}.")
