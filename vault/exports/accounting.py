"""The accounting of disclosures (45 CFR 164.528): for each accountable disclosure of
the last six years, its date, who received it (and their address when known), what was
disclosed and why. Disclosures exempt under 164.528(a)(1) (treatment, payment,
operations, to the client, under the client's authorization) are not listed; the full
log keeps them. The same rows give the command line's text and the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vault.consent.disclosures import accounting_start
from vault.consent.models import LEGAL_BASIS_LABELS, Disclosure
from vault.exports.pdf import PdfDocument
from vault.exports.sections import day, legal_name
from vault.records.display import clean_line
from vault.records.models import Client

TITLE = "Accounting of disclosures"
EMPTY = "No disclosures that must be accounted for in this period."
EXPLAINED = (
    "This lists each time information from this record was disclosed in the period "
    "above where the law requires an accounting. Disclosures for treatment, payment or "
    "the practice's operations, to the client, or with the client's written "
    "authorization are not listed."
)


@dataclass(frozen=True)
class Accounting:
    client: Client
    practice: str
    start: date
    end: date
    entries: tuple[Disclosure, ...]  # oldest first


def make_accounting(
    client: Client, practice: str, entries: list[Disclosure], today: date
) -> Accounting:
    return Accounting(client, practice, accounting_start(today), today, tuple(entries))


def _recipient(entry: Disclosure) -> str:
    if entry.recipient_address:
        return f"{entry.recipient}, {entry.recipient_address}"
    return entry.recipient


def _basis(entry: Disclosure) -> str:
    return LEGAL_BASIS_LABELS.get(entry.legal_basis, entry.legal_basis)


def accounting_pdf_document(accounting: Accounting) -> PdfDocument:
    name = legal_name(accounting.client)
    doc = PdfDocument(TITLE, practice=accounting.practice, client=name)
    doc.title(TITLE)
    doc.field("Client", name)
    doc.field("Date of birth", day(accounting.client.date_of_birth))
    doc.field("Period covered", f"{day(accounting.start)} to {day(accounting.end)}")
    doc.field("Prepared by", accounting.practice)
    doc.gap()
    doc.paragraph(EXPLAINED, size=8)
    doc.gap()
    if not accounting.entries:
        doc.paragraph(EMPTY)
    for entry in accounting.entries:
        doc.subheading(f"{entry.disclosed_at[:10]}  ·  {entry.recipient}")
        if entry.recipient_address:
            doc.field("Address", entry.recipient_address)
        doc.field("What", entry.description)
        doc.field("Purpose", entry.purpose)
        doc.field("Legal basis", _basis(entry))
        doc.gap()
    return doc


def accounting_as_text(accounting: Accounting) -> str:
    """Plain text for a terminal: vault text cleaned of controls, no markup."""
    name = clean_line(legal_name(accounting.client))
    lines = [
        f"{TITLE} for {name} (born {day(accounting.client.date_of_birth)})",
        f"Period covered: {day(accounting.start)} to {day(accounting.end)}",
        f"Prepared by: {clean_line(accounting.practice)}",
        "",
    ]
    if not accounting.entries:
        lines.append(EMPTY)
    for entry in accounting.entries:
        lines += [
            f"{entry.disclosed_at[:10]}  {clean_line(_recipient(entry))}",
            f"  What: {clean_line(entry.description)}",
            f"  Purpose: {clean_line(entry.purpose)}",
            f"  Legal basis: {_basis(entry)}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
