"""The records custodian letter: what a trusted colleague needs if the clinician dies or
can no longer practise.

Professional ethics codes ask a therapist to name someone who will look after the
records in that case. This letter, filled from the practice settings, says where the
records are, how they can be opened, and what the custodian is asked to do. It names no
client. It never holds the recovery key or the passphrase: only a blank line on which
the clinician writes, by hand, where the sealed recovery key is kept. Printing it is
noted in the audit trail ("print_form"); it is protected like every export.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vault.exports.exports import ExportResult, _audit, _write
from vault.exports.files import check_target
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name
from vault.exports.sections import day

if TYPE_CHECKING:
    from datetime import date

    from vault.vault import Vault

TITLE = "Records custodian letter"
BLANK = "_" * 44
APA_RULE = {"after": 7, "majority": 3, "age": 18,
            "whose": "the American Psychological Association's guideline"}  # fmt: skip
RETENTION = (
    "{after} years after a client's last session, or, for a client who was a minor, "
    "{majority} years after they came of age ({age}), whichever is later ({whose}), unless "
    "the law {where} asks for longer"
)


def custodian_letter_pdf(vault: Vault, out: Path, *, password: str | None) -> ExportResult:
    """The letter, filled from the settings, as a PDF at `out`."""
    target = check_target(out, vault.layout.root)
    settings = vault.settings
    doc = build_custodian_letter(
        clinician=settings.get("clinician_name"), credentials=settings.get("credentials"),
        practice=practice_name(vault.store), jurisdiction=settings.get("jurisdiction"),
        vault_folder=str(vault.layout.root.absolute()),
        backup_folder=settings.get("backup_folder"),
        custodian=settings.get("custodian_name"), contact=settings.get("custodian_contact"),
        today=vault.store.today(), rule=retention_words(vault),
    )  # fmt: skip
    record = _audit("print_form", "", "custodian_letter")
    return _write(vault, doc, target, password, "the record of the printed letter", record)


def retention_words(vault: Vault) -> dict[str, object]:
    """The rule the records clean-up applies (vault/lifecycle/retention.py), for the letter."""
    rule = vault.retention.rule()
    return {
        "after": rule.years_after_last_service, "majority": rule.years_after_majority,
        "age": rule.age_of_majority,
        "whose": f"the rule for {rule.from_pack}" if rule.from_pack else APA_RULE["whose"],
    }  # fmt: skip


def build_custodian_letter(
    *, clinician: str, credentials: str, practice: str, jurisdiction: str, vault_folder: str,
    backup_folder: str, custodian: str, contact: str, today: date,
    rule: dict[str, object] | None = None,
) -> PdfDocument:  # fmt: skip
    me = clinician or BLANK
    doc = PdfDocument(TITLE, practice=practice, client=TITLE)
    doc.title("To the custodian of my clinical records")
    doc.field("From", f"{clinician}, {credentials}" if clinician and credentials else me)
    doc.field("Practice", practice or BLANK)
    doc.field("Where I practise", jurisdiction or BLANK)
    doc.field("Prepared on", day(today))
    doc.paragraph(
        f"If I, {clinician or 'the clinician named above'}, die, become too ill to work, or can no longer practise for any other "
        "reason, I ask you to look after my clients' records and to act for them as this "
        "letter sets out. Please keep it somewhere safe, apart from the computer that holds "
        "the records."
    )

    doc.heading("The custodian")
    doc.field("Name", custodian or BLANK)
    doc.field("How to reach them", contact or BLANK)
    doc.field("Who can tell them", BLANK)
    doc.paragraph(
        "Write here, too, who will let the custodian know that they are needed (a family "
        "member, a colleague, an executor).",
        size=8,
    )

    doc.heading("Where the records are")
    doc.paragraph(
        "My records are kept with Quietroom, a program that stores them in one encrypted "
        "file on my computer. Without my passphrase or my recovery key nobody can read "
        "them: not a thief, not a repair shop, and not you."
    )
    doc.field("Computer", BLANK)
    doc.field("Records folder", vault_folder)
    doc.field("Backups", backup_folder or BLANK)
    doc.field("Other backups", BLANK)

    doc.heading("How to open them")
    doc.paragraph(
        "The recovery key opens the records without my passphrase. It is written on paper, "
        "sealed, and kept apart from this letter and from the computer. It is not in this "
        "letter, and it must never be written here."
    )
    doc.field("Sealed key kept at", BLANK)
    doc.field("", BLANK)
    doc.paragraph(
        "To open the records: install Quietroom on the computer that holds them. In a "
        "terminal, run `quietroom recover --vault FOLDER` with the records folder as FOLDER, "
        "type the recovery key when asked, and choose a passphrase of your own. From then on "
        "`quietroom --vault FOLDER open` opens them with your passphrase. Each backup is a "
        "whole records folder too: if the computer is lost or broken, copy the newest backup "
        "to another computer and use that copy as FOLDER."
    )

    doc.heading("What I ask you to do")
    retention = RETENTION.format(
        **(rule or APA_RULE),
        where=f"where I practise ({jurisdiction})" if jurisdiction else "where I practise",
    )
    doc.bullets(
        (
            "Tell my current clients promptly, kindly and in plain words what has happened, "
            "and offer each of them the names of other therapists who could continue their "
            "care. The client list shows who was still in therapy.",
            "Answer requests from clients, or from those entitled to act for them, for a "
            "copy of their records, as the law where I practise requires. Quietroom can "
            "print a client's own copy and a release of information.",
            f"Keep the records safe and unread, apart from these tasks, for as long as the "
            f"law requires: {retention}.",
            "When a client's retention period has ended, destroy that client's records "
            "with Quietroom's own records clean-up, which removes every part of the record "
            "and keeps only a note that it was destroyed. When every record has been "
            "destroyed, delete the records folder and every backup copy of it, and destroy "
            "the paper recovery key.",
            "Keep a written log of what you did: which clients you told and when, the "
            "copies you sent and to whom, and which records you destroyed and when.",
        )
    )

    doc.heading("Signatures")
    doc.signature_lines([(f"Signature of {clinician or 'the clinician'}", 120), ("Date", 60)])
    doc.gap(6)
    doc.signature_lines([("Signature of the custodian, agreeing to act", 120), ("Date", 60)])
    return doc
