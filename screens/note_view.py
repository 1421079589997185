"""Read-only rendering of notes: a signed note with its addenda, or the original
note shown above an addendum for context.

Every piece of note text is a `NoteText`, so privacy mode can hide all of them
at once without losing what they hold.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens import safe
from vault.records.models import ATTENDANCE_LABELS, MODALITY_LABELS, Note, Session

READ_ONLY_HINT = "Signed notes cannot be edited. Press a to add an addendum."


def clock_time(iso: str | None) -> str:
    """'2025-01-06T14:02:00+01:00' -> '2025-01-06 14:02' (the clinician's local time)."""
    return (iso or "")[:16].replace("T", " ")


def signature_line(note: Note) -> Text:
    """'Signed 2025-01-06 14:02 by Dr Ada Lee · SHA-256 3f2a9c01be77' (or 'Draft')."""
    if not note.is_signed:
        return Text("Draft — not signed yet", style="italic")
    result = Text(f"Signed {clock_time(note.signed_at)} by ", style="bold")
    result.append_text(safe.line(note.signed_by, "bold"))
    result.append(f" · SHA-256 {(note.sha256 or '')[:12]}", style="dim")
    return result


def session_summary(session: Session | None) -> str:
    if session is None:
        return "No session details"
    parts = [session.date.isoformat()]
    if session.duration_minutes is not None:
        parts.append(f"{session.duration_minutes} min")
    parts.append(MODALITY_LABELS.get(session.modality, session.modality))
    parts.append(ATTENDANCE_LABELS.get(session.attendance, session.attendance))
    if session.fee_cents is not None:
        parts.append(f"fee {session.fee_cents / 100:.2f}")
    return " · ".join(parts)


class NoteText(Static):
    """The text of one note, or the privacy placeholder; the text itself is kept."""

    def __init__(self, body: str, *, privacy: bool, classes: str = "") -> None:
        super().__init__(classes=f"note-text {classes}".strip())
        self._body = body
        self.privacy = privacy

    def on_mount(self) -> None:
        self.show_privately(self.privacy)

    def show_privately(self, privacy: bool) -> None:
        self.privacy = privacy
        if privacy:
            self.update(safe.HIDDEN)
        elif self._body.strip():
            self.update(safe.plain(self._body))
        else:
            self.update(Text("(empty)", style="dim italic"))


def addendum_heading(addendum: Note, number: int) -> Text:
    heading = Text(f"Addendum {number} · {addendum.note_date.isoformat()} · ", style="bold")
    if addendum.is_signed:
        heading.append_text(signature_line(addendum))
    else:
        heading.append("Draft — press a to continue it", style="italic")
    return heading


class SignedNoteView(VerticalScroll):
    """A signed note, its seal, its session and its addenda, to read and scroll."""

    can_focus = True

    def __init__(
        self, note: Note, session: Session | None, addenda: list[Note], *, privacy: bool
    ) -> None:
        super().__init__(id="note-view")
        self._note = note
        self._session = session
        self._addenda = addenda
        self._privacy = privacy

    def compose(self) -> ComposeResult:
        yield Static(signature_line(self._note), id="note-signature")
        if not self._note.is_addendum:
            yield Static(session_summary(self._session), id="note-session-summary", markup=False)
        yield NoteText(self._note.body, privacy=self._privacy, classes="signed-body")
        if self._addenda:
            yield Static(f"Addenda ({len(self._addenda)})", id="addenda-heading", markup=False)
        for number, addendum in enumerate(self._addenda, start=1):
            yield Static(addendum_heading(addendum, number), classes="addendum-heading")
            yield NoteText(addendum.body, privacy=self._privacy, classes="addendum-body")


class OriginalNoteContext(VerticalScroll):
    """Above an addendum: the signed note it amends, short and scrollable."""

    can_focus = True

    def __init__(self, original: Note, *, privacy: bool) -> None:
        super().__init__(id="original-note")
        self._original = original
        self._privacy = privacy

    def compose(self) -> ComposeResult:
        yield Static(signature_line(self._original), classes="original-signature")
        yield NoteText(self._original.body, privacy=self._privacy, classes="original-body")
