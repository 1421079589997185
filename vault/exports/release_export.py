"""What a release lets leave the vault, and nothing more.

Every block is drawn only because the release's scope names it, and only for the
release's date range (45 CFR 164.508(c)(1)(i); the minimum necessary of 164.502(b) and
the ethics codes). "Dates and fees only" is the common case: an insurer sees the
client's name and date of birth, the sessions that took place with their durations and
fees, and nothing else: no note text, no diagnosis, no other person's name.

Psychotherapy notes appear only under a release whose scope is psychotherapy notes
alone (164.508(a)(2), (b)(3)); progress notes never include them, and drafts never
leave. The vault keeps no diagnosis, treatment plan, summary or assessment fields yet,
so a release naming them gets "None recorded" rather than anything made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vault.consent.models import PRESET_LABELS, PRESETS, SCOPE_LABELS, Release
from vault.errors import ReleaseNotValid
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name, sessions, signed_notes
from vault.exports.sections import day, legal_name, notes_section, period, sessions_table
from vault.records.models import Client
from vault.storage.store import Store

TITLE = "Records released with the client's authorization"
SESSION_ITEMS = frozenset({"dates_of_service", "durations", "attendance", "fees_payments"})
NOT_KEPT = {
    "diagnosis": "None recorded: this record holds no diagnosis.",
    "treatment_plan": "None recorded: this record holds no treatment plan.",
    "treatment_summary": "None recorded: this record holds no treatment summary.",
    "assessments": "None recorded: this record holds no assessment scores.",
}
CLOSING = (
    "This information is released with the client's written authorization, for the "
    "purpose stated above. Nothing the authorization does not name was included."
)


@dataclass(frozen=True)
class ReleaseExport:
    document: PdfDocument
    description: str  # for the disclosure log: what was released, never note text


def short_label(item: str) -> str:
    return SCOPE_LABELS[item].split(" (")[0]


def scope_labels(scope: tuple[str, ...]) -> list[str]:
    """The scope as the release names it: a preset by its name, items by theirs."""
    labels = []
    for name in scope:
        if name in SCOPE_LABELS:
            labels.append(short_label(name))
        else:
            items = ", ".join(short_label(item).lower() for item in PRESETS[name])
            labels.append(f"{PRESET_LABELS[name]} ({items})")
    return labels


def recipient_line(release: Release) -> str:
    parts = [release.recipient_name]
    if release.recipient_org:
        parts.append(release.recipient_org)
    line = ", ".join(part.strip() for part in parts if part and part.strip())
    return f"{line} ({release.recipient_role.strip()})" if release.recipient_role else line


def build_release_export(
    store: Store, client: Client, release: Release, today: date
) -> ReleaseExport:
    items = release.covered_items
    if "psychotherapy_notes" in items and len(items) > 1:  # the release check refuses it too
        raise ReleaseNotValid("Psychotherapy notes can only be released on a release of their own.")
    start, end = release.date_from, release.date_to
    practice = practice_name(store)
    labels = scope_labels(release.scope)
    doc = PdfDocument(TITLE, practice=practice, client=legal_name(client))
    doc.title(TITLE)
    doc.field("Client", legal_name(client))
    doc.field("Date of birth", day(client.date_of_birth))
    doc.field("Released to", recipient_line(release))
    if release.recipient_address:
        doc.field("Address", release.recipient_address)
    doc.field("Released by", release.discloser or practice)
    doc.field("Authorization", f"Release no. {release.id}, signed {day(release.signed_on)}")
    doc.field("Purpose", release.purpose)
    doc.field("Information", "; ".join(labels))
    doc.field("Period", period(start, end))
    doc.field("Prepared on", day(today))
    counts: list[str] = []

    if items & SESSION_ITEMS:
        doc.heading("Sessions")
        attended_only = "attendance" not in items
        if attended_only:  # a missed appointment is not a service, nor is its date one
            doc.paragraph("Sessions that took place; missed appointments are not listed.", size=8)
        found = sessions(store, client.id, start, end, attended_only=attended_only)
        sessions_table(doc, found, items & SESSION_ITEMS)
        counts.append(f"{len(found)} session{'s' if len(found) != 1 else ''}")
    for item, psychotherapy in (("progress_notes", False), ("psychotherapy_notes", True)):
        if item in items:
            doc.heading(short_label(item))
            notes = signed_notes(store, client.id, start, end, psychotherapy=psychotherapy)
            notes_section(doc, notes, "No signed notes of this kind are recorded for this period.")
            counts.append(f"{len(notes)} signed {short_label(item).lower()}")
    for item, sentence in NOT_KEPT.items():
        if item in items:
            doc.heading(short_label(item))
            doc.paragraph(sentence)
            counts.append(f"{short_label(item).lower()}: none recorded")
    doc.gap()
    doc.paragraph(CLOSING, size=8)
    description = f"{'; '.join(labels)}. Period: {period(start, end).lower()}."
    if counts:
        description += f" {', '.join(counts).capitalize()}."
    return ReleaseExport(doc, description)
