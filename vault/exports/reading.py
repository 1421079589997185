"""What an export reads from the vault: sessions and signed notes for a date range.

Read-only queries, one per kind of record, so a 1,000-note record is two queries rather
than a thousand `notes.get` calls. Drafts never leave: every note query asks for a
signature. Psychotherapy (process) notes are asked for, or left out, by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vault.records.models import Note, Session
from vault.records.notes import NOTE_COLUMNS
from vault.records.settings import Settings
from vault.storage.store import Store

EARLIEST = date(1, 1, 1)
LATEST = date(9999, 12, 31)


@dataclass(frozen=True)
class SignedNote:
    note: Note
    addenda: tuple[Note, ...]  # signed addenda only, oldest first


def fee_text(fee_cents: int | None) -> str:
    return "" if fee_cents is None else f"{fee_cents / 100:.2f}"


def sessions(
    store: Store, client_id: int, start: date | None = None, end: date | None = None,
    *, attended_only: bool = False,
) -> list[Session]:  # fmt: skip
    """The client's sessions dated `start`..`end` (inclusive), oldest first."""
    attended = " AND attendance = 'attended'" if attended_only else ""
    with store.reading("the sessions to export") as conn:
        rows = conn.execute(
            "SELECT id, client_id, date, duration_minutes, modality, attendance, fee_cents"
            f" FROM sessions WHERE client_id = ? AND date BETWEEN ? AND ?{attended}"
            " ORDER BY date, id",
            (client_id, (start or EARLIEST).isoformat(), (end or LATEST).isoformat()),
        ).fetchall()
    return [
        Session(sid, cid, date.fromisoformat(day), minutes, modality, attendance, fee)
        for sid, cid, day, minutes, modality, attendance, fee in rows
    ]


def signed_notes(
    store: Store, client_id: int, start: date | None = None, end: date | None = None,
    *, psychotherapy: bool = False,
) -> list[SignedNote]:  # fmt: skip
    """Signed notes dated `start`..`end`, oldest first, each with its signed addenda.

    `psychotherapy` chooses between the two kinds that never mix: False gives every
    note except psychotherapy notes, True gives psychotherapy notes only."""
    chosen = (
        "n.client_id = ? AND n.amends_note_id IS NULL AND n.signed_at IS NOT NULL"
        " AND (n.kind = 'psychotherapy') = ? AND n.note_date BETWEEN ? AND ?"
    )
    params = (
        client_id, int(psychotherapy), (start or EARLIEST).isoformat(),
        (end or LATEST).isoformat(),
    )  # fmt: skip
    columns = ", ".join(f"n.{name.strip()}" for name in NOTE_COLUMNS.split(","))
    with store.reading("the notes to export") as conn:
        notes = conn.execute(
            f"SELECT {columns} FROM notes n WHERE {chosen} ORDER BY n.note_date, n.id", params
        ).fetchall()
        addenda = conn.execute(
            f"SELECT {NOTE_COLUMNS} FROM notes WHERE signed_at IS NOT NULL AND amends_note_id IN"
            f" (SELECT n.id FROM notes n WHERE {chosen}) ORDER BY amends_note_id, id",
            params,
        ).fetchall()
    by_note: dict[int, list[Note]] = {}
    for row in addenda:
        addendum = _note(row)
        assert addendum.amends_note_id is not None
        by_note.setdefault(addendum.amends_note_id, []).append(addendum)
    return [
        SignedNote(note, tuple(by_note.get(note.id, ()))) for note in (_note(row) for row in notes)
    ]


def _note(row: tuple[Any, ...]) -> Note:
    values = list(row)
    values[6] = date.fromisoformat(values[6])  # note_date
    return Note(*values)


def practice_name(store: Store) -> str:
    """The name a document is issued under: the practice, else the clinician."""
    settings = Settings(store)
    return settings.get("practice_name") or settings.signer
