"""Session notes: drafts that autosave, signing that locks, addenda that amend.

A note is a draft until it is signed. Signing stores a SHA-256 of the note's
content and from then on the database itself (a trigger) refuses any edit or
deletion; later corrections are addenda, which are notes of their own that
point at the original and are signed in turn.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from vault.errors import InvalidRecord, RecordNotFound, SignedNoteReadOnly
from vault.records import validation as v
from vault.records.audit import append
from vault.records.models import (
    ATTENDANCE,
    MODALITIES,
    NOTE_KINDS,
    TEMPLATES,
    Note,
    NoteSummary,
    Session,
    TimelineEntry,
)
from vault.records.templates import SECTIONS, template_body
from vault.storage.db import Connection
from vault.storage.store import Store

NOTE_COLUMNS = (
    "id, client_id, session_id, amends_note_id, kind, template, note_date, body,"
    " created_at, updated_at, signed_at, signed_by, sha256"
)
MAX_NOTE_CHARS = 200_000
BLANK_NOTE = "An empty note cannot be signed. Write the note first."
FUTURE_NOTE_ADVICE = "Check the session date, or confirm that you mean to sign it now."


@dataclass
class SessionInput:
    date: str | date
    duration_minutes: int | str | None = 50
    modality: str = "in_person"
    attendance: str = "attended"
    fee: str | int | float | None = None

    def validated(self) -> dict[str, Any]:
        return {
            "date": v.parse_date(self.date, "date", "Session date").isoformat(),
            "duration_minutes": v.duration(self.duration_minutes),
            "modality": v.choice(self.modality, MODALITIES, "modality", "Modality"),
            "attendance": v.choice(self.attendance, ATTENDANCE, "attendance", "Attendance"),
            "fee_cents": v.fee_cents(self.fee),
        }


def note_digest(note: dict[str, Any]) -> str:
    """The SHA-256 that seals a signed note: its text and everything that frames it."""
    sealed = {
        key: note[key]
        for key in ("client_id", "amends_note_id", "kind", "template", "note_date", "body",
                    "signed_at", "signed_by")
    }  # fmt: skip
    return hashlib.sha256(json.dumps(sealed, sort_keys=True).encode("utf-8")).hexdigest()


def _note_from_row(row: tuple[Any, ...]) -> Note:
    values = list(row)
    values[6] = date.fromisoformat(values[6])
    return Note(*values)


def is_blank_note(body: str, template: str) -> bool:
    """Nothing written beyond the template's own headings ("Subjective:" ...).

    A note started from a template and never written is as empty as a blank one,
    and once signed it could never be removed from the record.
    """
    headings = [f"{name}:" for name in SECTIONS.get(template, ())]
    rest = body
    for heading in headings:
        rest = rest.replace(heading, "")
    if rest.strip():  # the common case, decided without splitting the note into lines
        return False
    return all(not line.strip() or line.strip() in headings for line in body.splitlines())


def long_date(day: date) -> str:
    """'Friday 4 December 2026': the way a person reads a date back before signing."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def future_date_warning(note_date: date, today: date) -> str | None:
    """'This note is dated Friday 4 December 2026, 9 days from today.', or None when it
    is not in the future. A future date is usually a typo in the session date."""
    days = (note_date - today).days
    if days <= 0:
        return None
    when = "tomorrow" if days == 1 else f"{days:,} days from today"
    return f"This note is dated {long_date(note_date)}, {when}."


def check_body(body: str) -> str:
    if len(body) > MAX_NOTE_CHARS:
        raise InvalidRecord(f"A note can hold at most {MAX_NOTE_CHARS:,} characters.", "body")
    return body


def insert_session(conn: Connection, client_id: int, values: dict[str, Any]) -> int:
    cur = conn.execute(
        "INSERT INTO sessions (client_id, date, duration_minutes, modality, attendance, fee_cents)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (client_id, values["date"], values["duration_minutes"], values["modality"],
         values["attendance"], values["fee_cents"]),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def insert_note(
    conn: Connection, *, client_id: int, session_id: int | None, kind: str, template: str,
    note_date: str, body: str, now: str, amends: int | None = None,
) -> int:  # fmt: skip
    cur = conn.execute(
        "INSERT INTO notes (client_id, session_id, amends_note_id, kind, template, note_date, body,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (client_id, session_id, amends, kind, template, note_date, body, now, now),
    )
    return int(cur.lastrowid or 0)


def _unsigned_note(conn: Connection, note_id: int) -> dict[str, Any]:
    row = conn.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise RecordNotFound("That note no longer exists.")
    note = dict(zip(NOTE_COLUMNS.replace(" ", "").split(","), row, strict=True))
    if note["signed_at"] is not None:
        raise SignedNoteReadOnly("This note is already signed.")
    return note


def _refuse_blank(note: dict[str, Any]) -> None:
    if is_blank_note(note["body"], note["template"]):
        raise InvalidRecord(BLANK_NOTE, "body")


def seal(
    conn: Connection, note_id: int, signed_at: str, signed_by: str, *, today: date,
    allow_future: bool = False,
) -> str:  # fmt: skip
    """Sign one unsigned note inside the caller's transaction; return its digest.

    A note dated after `today` is refused unless the signer confirmed that date.
    """
    note = _unsigned_note(conn, note_id)
    _refuse_blank(note)
    warning = future_date_warning(date.fromisoformat(note["note_date"]), today)
    if warning and not allow_future:
        raise InvalidRecord(f"{warning} {FUTURE_NOTE_ADVICE}", "date")
    note.update(signed_at=signed_at, signed_by=signed_by)
    digest = note_digest(note)
    conn.execute(
        "UPDATE notes SET signed_at = ?, signed_by = ?, sha256 = ? WHERE id = ?",
        (signed_at, signed_by, digest, note_id),
    )
    return digest


# A session of the client that no note points at (imported no-shows, late cancels).
# NOT IN runs its subquery once, through the client's own notes (notes_by_client).
_SESSION_WITHOUT_NOTE = (
    "s.client_id = ? AND s.id NOT IN (SELECT session_id FROM notes WHERE client_id = ?"
    " AND amends_note_id IS NULL AND session_id IS NOT NULL)"
)


class NoteService:
    def __init__(self, store: Store, signer: Any) -> None:
        self._store = store
        self._signer = signer  # a callable returning the clinician's name at signing time

    def start(
        self, client_id: int, *, kind: str = "progress", template: str = "soap",
        session: SessionInput | None = None, note_date: str | date | None = None,
    ) -> Note:  # fmt: skip
        """A new draft, pre-filled with its template's sections, saved at once."""
        kind = v.choice(kind, NOTE_KINDS, "kind", "Kind of note")
        template = v.choice(template, TEMPLATES, "template", "Template")
        session_values = session.validated() if session else None
        day = (
            session_values["date"] if session_values
            else v.parse_date(note_date or self._store.today(), "note_date", "Date").isoformat()
        )  # fmt: skip
        with self._store.writing("the new note") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            session_id = insert_session(conn, client_id, session_values) if session_values else None
            note_id = insert_note(
                conn, client_id=client_id, session_id=session_id, kind=kind, template=template,
                note_date=day, body=template_body(template), now=self._store.now_iso(),
            )  # fmt: skip
            append(
                conn, self._store.utc_iso(), "create_note", f"note:{note_id}", f"client:{client_id}"
            )
        return self.get(note_id)

    def save_draft(self, note_id: int, body: str) -> Note:
        """Autosave: cheap, idempotent, refused for a signed note."""
        check_body(body)
        with self._store.writing("your note") as conn:
            signed = self._signed_state(conn, note_id)
            if signed:
                raise SignedNoteReadOnly(
                    "This note is signed and can no longer be edited. Add an addendum instead."
                )
            conn.execute(
                "UPDATE notes SET body = ?, updated_at = ? WHERE id = ? AND body <> ?",
                (body, self._store.now_iso(), note_id, body),
            )
        return self.get(note_id)

    def update_session(self, note_id: int, session: SessionInput) -> Session:
        """Change the session details of a draft (date, duration, modality, attendance, fee)."""
        values = session.validated()
        with self._store.writing("the session details") as conn:
            if self._signed_state(conn, note_id):
                raise SignedNoteReadOnly("The note is signed, so its session details are fixed.")
            row = conn.execute(
                "SELECT client_id, session_id FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
            client_id, session_id = row
            if session_id is None:
                session_id = insert_session(conn, client_id, values)
                conn.execute("UPDATE notes SET session_id = ? WHERE id = ?", (session_id, note_id))
            else:
                conn.execute(
                    "UPDATE sessions SET date = ?, duration_minutes = ?, modality = ?, attendance = ?,"
                    " fee_cents = ? WHERE id = ?",
                    (values["date"], values["duration_minutes"], values["modality"],
                     values["attendance"], values["fee_cents"], session_id),
                )  # fmt: skip
            conn.execute("UPDATE notes SET note_date = ? WHERE id = ?", (values["date"], note_id))
        found = self.session_for(note_id)
        assert found is not None
        return found

    def check_signable(self, note_id: int) -> str | None:
        """Before asking "Sign?": raise what would refuse the signature (an empty note, a
        signed one); return a sentence naming the date when the note is dated in the
        future, which the signer must confirm (`sign(..., allow_future=True)`)."""
        with self._store.reading() as conn:
            note = _unsigned_note(conn, note_id)
        _refuse_blank(note)
        return future_date_warning(date.fromisoformat(note["note_date"]), self._store.today())

    def sign(self, note_id: int, *, allow_future: bool = False) -> Note:
        """Seal the note for good. `allow_future`: the signer confirmed a date after today."""
        signer = str(self._signer())
        with self._store.writing("the signature") as conn:
            seal(conn, note_id, self._store.now_iso(), signer, today=self._store.today(),
                 allow_future=allow_future)  # fmt: skip
            append(conn, self._store.utc_iso(), "sign_note", f"note:{note_id}")
        return self.get(note_id)

    def add_addendum(self, note_id: int, body: str = "") -> Note:
        """Start an addendum (a draft) to a signed note."""
        check_body(body)
        with self._store.writing("the addendum") as conn:
            row = conn.execute(
                "SELECT client_id, kind, template, signed_at, amends_note_id FROM notes WHERE id = ?",
                (note_id,),
            ).fetchone()
            if row is None:
                raise RecordNotFound("That note no longer exists.")
            client_id, kind, _template, signed_at, amends = row
            if signed_at is None:
                raise InvalidRecord("This note is still a draft: edit it directly instead.", "body")
            if amends is not None:
                raise InvalidRecord(
                    "Add the addendum to the original note, not to an addendum.", "body"
                )
            addendum_id = insert_note(
                conn, client_id=client_id, session_id=None, kind=kind, template="free",
                note_date=self._store.today().isoformat(), body=body, now=self._store.now_iso(),
                amends=note_id,
            )  # fmt: skip
            append(
                conn,
                self._store.utc_iso(),
                "create_note",
                f"note:{addendum_id}",
                f"amends:{note_id}",
            )
        return self.get(addendum_id)

    def discard_draft(self, note_id: int) -> None:
        """Delete an unsigned draft (an empty note started by mistake). Signed notes stay."""
        with self._store.writing("the draft") as conn:
            if self._signed_state(conn, note_id):
                raise SignedNoteReadOnly(
                    "A signed note is part of the record and cannot be deleted."
                )
            session_id = conn.execute(
                "SELECT session_id FROM notes WHERE id = ?", (note_id,)
            ).fetchone()[0]
            self._delete_draft(conn, note_id, session_id)

    def _delete_draft(self, conn: Connection, note_id: int, session_id: int | None) -> None:
        # Logged first, while the note still says whose it was (the entry's client_id).
        append(conn, self._store.utc_iso(), "delete_draft", f"note:{note_id}")
        conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        if session_id is not None:
            still_used = conn.execute(
                "SELECT 1 FROM notes WHERE session_id = ?", (session_id,)
            ).fetchone()
            if not still_used:
                conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def discard_if_untouched(self, note_id: int, defaults: SessionInput) -> bool:
        """Delete a draft nobody wrote in: its text is still its template's and its session
        details are still `defaults` (what a new note starts with). True if it was deleted.

        An accidental `n` would otherwise leave an empty draft in the record for good.
        A session detail that was changed (a no-show, a fee) keeps the draft.
        """
        expected = defaults.validated()
        with self._store.writing("the empty draft") as conn:
            row = conn.execute(
                "SELECT template, body, signed_at, session_id FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
            if row is None:
                return False
            template, body, signed_at, session_id = row
            if signed_at is not None or body != template_body(template):
                return False
            if session_id is not None:
                session = conn.execute(
                    "SELECT date, duration_minutes, modality, attendance, fee_cents"
                    " FROM sessions WHERE id = ?",
                    (session_id,),
                ).fetchone()
                if session != tuple(expected.values()):
                    return False
            self._delete_draft(conn, note_id, session_id)
        return True

    def get(self, note_id: int) -> Note:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound("That note no longer exists.")
        return _note_from_row(row)

    def session_for(self, note_id: int) -> Session | None:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT s.id, s.client_id, s.date, s.duration_minutes, s.modality, s.attendance,"
                " s.fee_cents FROM sessions s JOIN notes n ON n.session_id = s.id WHERE n.id = ?",
                (note_id,),
            ).fetchone()
        if row is None:
            return None
        sid, cid, day, minutes, modality, attendance, fee = row
        return Session(sid, cid, date.fromisoformat(day), minutes, modality, attendance, fee)

    def addenda(self, note_id: int) -> list[Note]:
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {NOTE_COLUMNS} FROM notes WHERE amends_note_id = ? ORDER BY id", (note_id,)
            ).fetchall()
        return [_note_from_row(row) for row in rows]

    def count_for_client(self, client_id: int) -> int:
        with self._store.reading() as conn:
            return int(conn.execute(
                "SELECT count(*) FROM notes WHERE client_id = ? AND amends_note_id IS NULL", (client_id,)
            ).fetchone()[0])  # fmt: skip

    def timeline(self, client_id: int, *, offset: int = 0, limit: int = 200) -> list[NoteSummary]:
        """A client's notes, newest first, without their text."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT n.id, n.kind, n.template, n.note_date, n.signed_at,"
                " (SELECT count(*) FROM notes a WHERE a.amends_note_id = n.id),"
                " (SELECT max(a.id) FROM notes a WHERE a.amends_note_id = n.id AND a.signed_at IS NULL)"
                " FROM notes n WHERE n.client_id = ? AND n.amends_note_id IS NULL"
                " ORDER BY n.note_date DESC, n.id DESC LIMIT ? OFFSET ?",
                (client_id, limit, offset),
            ).fetchall()
        return [
            NoteSummary(nid, kind, template, date.fromisoformat(day), signed, count, open_id)
            for nid, kind, template, day, signed, count, open_id in rows
        ]

    def record_count(self, client_id: int) -> int:
        """How many rows `record` has: the client's notes and their sessions without a note."""
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM notes WHERE client_id = ? AND amends_note_id IS NULL)"
                f" + (SELECT count(*) FROM sessions s WHERE {_SESSION_WITHOUT_NOTE})",
                (client_id, client_id, client_id),
            ).fetchone()
        return int(row[0])

    def record(self, client_id: int, *, offset: int = 0, limit: int = 200) -> list[TimelineEntry]:
        """A client's record, newest first: every note (with its session's attendance and
        fee) and every session without a note (a no-show or late cancel), without text."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT n.note_date AS day, n.id, NULL, n.kind, n.template, n.signed_at,"
                " (SELECT count(*) FROM notes a WHERE a.amends_note_id = n.id),"
                " (SELECT max(a.id) FROM notes a WHERE a.amends_note_id = n.id AND a.signed_at IS NULL),"
                " s.attendance, s.fee_cents"
                " FROM notes n LEFT JOIN sessions s ON s.id = n.session_id"
                " WHERE n.client_id = ? AND n.amends_note_id IS NULL"
                " UNION ALL"
                " SELECT s.date, NULL, s.id, NULL, NULL, NULL, 0, NULL, s.attendance, s.fee_cents"
                f" FROM sessions s WHERE {_SESSION_WITHOUT_NOTE}"
                " ORDER BY day DESC, 2 DESC, 3 DESC LIMIT ? OFFSET ?",
                (client_id, client_id, client_id, limit, offset),
            ).fetchall()
        entries = []
        for day, nid, sid, kind, template, signed, count, open_id, attendance, fee in rows:
            note = (
                NoteSummary(nid, kind, template, date.fromisoformat(day), signed, count, open_id)
                if nid is not None else None
            )  # fmt: skip
            entries.append(TimelineEntry(date.fromisoformat(day), note, sid, attendance, fee))
        return entries

    def verify_signatures(self) -> list[int]:
        """Ids of signed notes whose stored SHA-256 no longer matches their content."""
        bad = []
        names = NOTE_COLUMNS.replace(" ", "").split(",")
        with self._store.reading("checking signatures") as conn:
            for row in conn.execute(
                f"SELECT {NOTE_COLUMNS} FROM notes WHERE signed_at IS NOT NULL"
            ):
                note = dict(zip(names, row, strict=True))
                if note_digest(note) != note["sha256"]:
                    bad.append(note["id"])
        return bad

    @staticmethod
    def _signed_state(conn: Connection, note_id: int) -> bool:
        row = conn.execute("SELECT signed_at FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise RecordNotFound("That note no longer exists.")
        return row[0] is not None
