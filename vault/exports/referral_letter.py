"""The referral letter as a printable PDF, for the clinician or service the client is
referred to: the episode's dates and the summary the clinician wrote, nothing else from
the record. Protected like every export; printing it is audited, and the disclosure
entry is written when the clinician marks it sent (vault/lifecycle/referrals.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vault.errors import RecordNotFound
from vault.exports.exports import ExportResult, _audit, _write
from vault.exports.files import check_target
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name
from vault.exports.sections import day, legal_name
from vault.lifecycle.episodes import Episode
from vault.lifecycle.referrals import SECTIONS, ReferralLetter
from vault.records.models import Client

if TYPE_CHECKING:
    from vault.vault import Vault

TITLE = "Referral letter"
MINIMUM = (
    "This letter shares only what is written above, with the client's agreement: no "
    "session notes and no psychotherapy notes are included. Please keep it confidential "
    "and do not pass it on without the client's consent."
)


def build_referral_letter(
    client: Client, letter: ReferralLetter, episode: Episode | None, *, practice: str,
    clinician: str,
) -> PdfDocument:  # fmt: skip
    name = legal_name(client)
    doc = PdfDocument(TITLE, practice=practice, client=name)
    doc.title(TITLE)
    doc.field("Date", day(letter.written_on))
    doc.field("To", letter.recipient)
    if letter.recipient_address:
        doc.field("Address", letter.recipient_address)
    doc.field("From", clinician or practice)
    doc.gap()
    doc.field("About", name)
    doc.field("Date of birth", day(client.date_of_birth))
    if episode is not None:
        ended = f" to {day(episode.closed_on)}" if episode.closed_on else ", continuing"
        doc.field("Seen", f"{day(episode.opened_on)}{ended} ({episode.sessions} sessions)")
    for field_name, heading, _label in SECTIONS:
        text = letter.sections.get(field_name)
        if text:
            doc.heading(heading)
            doc.paragraph(text)
    doc.gap()
    if letter.release_id is not None:
        doc.paragraph(f"Shared under the client's signed release no. {letter.release_id}.", size=8)
    doc.paragraph(MINIMUM, size=8)
    doc.gap(6)
    doc.signature_lines([(f"Signature of {clinician or 'the clinician'}", 120), ("Date", 60)])
    return doc


def referral_letter_pdf(
    vault: Vault, letter_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """Letter `letter_id` as a PDF. Audited as a printed form; not yet a disclosure."""
    target = check_target(out, vault.layout.root)
    letter = vault.ending.referrals.get(letter_id)
    client = vault.clients.get(letter.client_id, audit=False)
    episodes = vault.ending.episodes.history(letter.client_id)
    episode = next((e for e in episodes if e.number == letter.episode), None)
    doc = build_referral_letter(
        client, letter, episode, practice=practice_name(vault.store),
        clinician=vault.settings.signer,
    )  # fmt: skip
    record = _audit("print_form", f"client:{letter.client_id}", f"referral_letter:{letter_id}")
    return _write(vault, doc, target, password, "the record of the printed letter", record)


NO_LETTER = (
    "No referral letter has been written for this client yet; write one in the app "
    "(the Episodes view, key l), then print it here."
)


def latest_referral_letter_pdf(
    vault: Vault, client_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """The newest referral letter written for the client (`quietroom form referral`)."""
    letters = vault.ending.referrals.for_client(client_id)
    if not letters:
        raise RecordNotFound(NO_LETTER)
    return referral_letter_pdf(vault, letters[0].id, out, password=password)
