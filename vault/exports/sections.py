"""Blocks that more than one document draws: who the client is, a table of sessions,
signed notes with their addenda. Each takes exactly the records it is given, so what a
document holds is decided by the caller alone (the release export's scope)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from vault.exports.pdf import Column, PdfDocument
from vault.exports.reading import SignedNote, fee_text
from vault.records.models import (
    ATTENDANCE_LABELS,
    KIND_LABELS,
    MODALITY_LABELS,
    TEMPLATE_LABELS,
    Client,
    Note,
    Session,
)

# The session columns a release may name, in the order they are drawn.
SESSION_COLUMNS = ("dates_of_service", "durations", "modality", "attendance", "fees_payments")
_COLUMN = {
    "dates_of_service": Column("Date", 32),
    "durations": Column("Duration", 28, "R"),
    "modality": Column("How", 32),
    "attendance": Column("Attendance", 34),
    "fees_payments": Column("Fee", 28, "R"),
}


def legal_name(client: Client) -> str:
    return f"{client.first_name} {client.last_name}"


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def moment(stamp: str | None) -> str:
    """A stored ISO date-time as a person reads it: "2026-03-02 14:05"."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "All dates"
    if start is None:
        return f"Up to {day(end)}"
    if end is None:
        return f"From {day(start)}"
    return f"{day(start)} to {day(end)}"


def sessions_table(doc: PdfDocument, sessions: Sequence[Session], columns: Iterable[str]) -> None:
    """One row per session with only the `columns` named; fees totalled when shown."""
    chosen = [name for name in SESSION_COLUMNS if name in set(columns)]
    if not chosen:
        return
    if not sessions:
        doc.paragraph("No sessions are recorded for this period.")
        return
    rows = [[_session_cell(session, name) for name in chosen] for session in sessions]
    if "fees_payments" in chosen:
        total = fee_text(sum(session.fee_cents or 0 for session in sessions))
        last = ["Total"] + [""] * (len(chosen) - 1)
        at = chosen.index("fees_payments")
        last[at] = f"Total {total}" if at == 0 else total
        rows.append(last)
    doc.table([_COLUMN[name] for name in chosen], rows)
    doc.paragraph(f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}.")


def _session_cell(session: Session, column: str) -> str:
    if column == "dates_of_service":
        return day(session.date)
    if column == "durations":
        return "" if session.duration_minutes is None else f"{session.duration_minutes} min"
    if column == "modality":
        return MODALITY_LABELS.get(session.modality, session.modality)
    if column == "attendance":
        return ATTENDANCE_LABELS.get(session.attendance, session.attendance)
    return fee_text(session.fee_cents)


def notes_section(doc: PdfDocument, notes: Sequence[SignedNote], empty: str) -> None:
    if not notes:
        doc.paragraph(empty)
        return
    for signed in notes:
        _note(doc, signed.note, addendum=False)
        for addendum in signed.addenda:
            _note(doc, addendum, addendum=True)
        doc.gap()


def _note(doc: PdfDocument, note: Note, *, addendum: bool) -> None:
    kind = KIND_LABELS.get(note.kind, note.kind)
    if addendum:
        doc.subheading(f"Addendum written {day(note.note_date)}")
    else:
        form = TEMPLATE_LABELS.get(note.template, note.template)
        doc.subheading(f"{day(note.note_date)}  ·  {kind} ({form})")
    doc.paragraph(
        f"Signed by {note.signed_by or 'the clinician'} on {moment(note.signed_at)}.",
        size=8,
    )
    doc.paragraph(note.body.strip() or "(This note has no text.)", indent=4)
