"""A disguised case for supervision or consultation, as a PDF (APA 4.06, ACA B.7).

It holds only the chosen notes, disguised: titled with the pseudonym, dated with the
moved dates, with no practice, clinician, signature time or record number in it. It is
written like every export (protected by default, 0600, renamed into place with its
record) and noted in the audit trail as `supervision_export`. It is not logged as a
disclosure: nothing that identifies the client leaves the vault, which is the point of
disguising, and what the clinician reviewed is what is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vault.exports.exports import ExportResult, _audit, _write
from vault.exports.files import check_target
from vault.exports.pdf import PdfDocument
from vault.records.models import KIND_LABELS
from vault.supervision.case import Case

if TYPE_CHECKING:
    from vault.vault import Vault

TITLE = "Disguised case for supervision"
EXPLAINED = (
    "Names, dates, ages, places, contact details, employers and schools in these notes "
    "have been replaced, and every date moved by the same number of days, so the "
    "intervals between them are kept. It is not a copy of the record."
)
KINDS = {**KIND_LABELS, "psychotherapy": "Process note"}


def disguised_document(case: Case) -> PdfDocument:
    disguise = case.disguise
    doc = PdfDocument(TITLE, practice=TITLE, client=case.pseudonym)
    doc.title(f"The case of {case.pseudonym}")
    doc.paragraph(EXPLAINED, size=8)
    count = len(case.notes)
    doc.paragraph(f"{count} note{'s' if count != 1 else ''}.", size=8)
    for note in case.notes:
        day = disguise.move(note.day).isoformat()
        doc.subheading(f"{day}  ·  {KINDS.get(note.kind, note.kind)}")
        doc.paragraph(disguise.apply(note.body).strip() or "(This note has no text.)", indent=4)
        for added_on, body in note.addenda:
            doc.subheading(f"Addendum written {disguise.move(added_on).isoformat()}")
            doc.paragraph(disguise.apply(body).strip(), indent=4)
        doc.gap()
    return doc


def disguised_text(case: Case) -> str:
    """The same content as plain text: what the review screen shows before writing."""
    disguise = case.disguise
    blocks = [f"The case of {case.pseudonym}"]
    for note in case.notes:
        day = disguise.move(note.day).isoformat()
        blocks.append(f"{day} · {KINDS.get(note.kind, note.kind)}\n{disguise.apply(note.body)}")
        for added_on, body in note.addenda:
            moved = disguise.move(added_on).isoformat()
            blocks.append(f"Addendum written {moved}\n{disguise.apply(body)}")
    return "\n\n".join(block.strip() for block in blocks)


def export_disguised(vault: Vault, case: Case, out: Path, *, password: str | None) -> ExportResult:
    """Write `case` as reviewed; audited with the number of notes, never their text."""
    target = check_target(out, vault.layout.root)
    doc = disguised_document(case)
    record = _audit("supervision_export", f"client:{case.client_id}", f"notes:{len(case.notes)}")
    return _write(vault, doc, target, password, "the record of the disguised case", record)
