"""The session details of a draft note: date, minutes, modality, attendance, fee.

The form never saves: it posts `SessionForm.Edited` when a field is left or
submitted (or a choice is made), and the screen saves and answers with
`accepted` or `rejected`. Saving on every keystroke would complain about a
date that is only half typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from vault.errors import InvalidRecord
from vault.records.models import ATTENDANCE_LABELS, MODALITY_LABELS, Session
from vault.records.notes import SessionInput

DEFAULT_MINUTES = 50

# InvalidRecord.field (from vault.validation) -> the widget that shows the mistake.
FIELD_WIDGETS = {
    "date": "#session-date",
    "duration_minutes": "#session-minutes",
    "modality": "#session-modality",
    "attendance": "#session-attendance",
    "fee": "#session-fee",
}


def fee_text(fee_cents: int | None) -> str:
    return "" if fee_cents is None else f"{fee_cents / 100:.2f}"


def session_input(session: Session | None, note_date: date) -> SessionInput:
    """What the form starts with; a note without a session gets the usual defaults."""
    if session is None:
        return SessionInput(note_date.isoformat(), str(DEFAULT_MINUTES), fee="")
    minutes = "" if session.duration_minutes is None else str(session.duration_minutes)
    return SessionInput(
        session.date.isoformat(),
        minutes,
        session.modality,
        session.attendance,
        fee_text(session.fee_cents),
    )


class SessionForm(Vertical):
    @dataclass
    class Edited(Message):
        """The user changed a session detail; `values` is everything in the form."""

        form: SessionForm
        values: SessionInput

    def __init__(
        self, session: Session | None, note_date: date, *, typed: SessionInput | None = None,
        id: str | None = None,
    ) -> None:  # fmt: skip
        """`typed`: values the vault did not take before a lock, shown again to be fixed."""
        super().__init__(id=id)
        self._saved = session_input(session, note_date)
        self._typed = typed

    def compose(self) -> ComposeResult:
        saved = self._typed or self._saved
        # Two rows, so attendance and fee stay on screen in an 80-column terminal.
        with Horizontal(id="session-fields", classes="session-row"):
            yield Label("Date", classes="session-label")
            yield Input(str(saved.date), id="session-date", max_length=10, compact=True,
                        placeholder="YYYY-MM-DD", restrict=r"[0-9-]*")  # fmt: skip
            yield Label("Minutes", classes="session-label")
            yield Input(str(saved.duration_minutes or ""), id="session-minutes", max_length=3,
                        compact=True, restrict=r"[0-9]*")  # fmt: skip
            yield Label("Modality", classes="session-label")
            yield Select(_choices(MODALITY_LABELS), value=saved.modality, id="session-modality",
                         allow_blank=False, compact=True)  # fmt: skip
        with Horizontal(id="session-billing", classes="session-row"):
            yield Label("Attendance", classes="session-label")
            yield Select(_choices(ATTENDANCE_LABELS), value=saved.attendance,
                         id="session-attendance", allow_blank=False, compact=True)  # fmt: skip
            yield Label("Fee", classes="session-label")
            yield Input(str(saved.fee or ""), id="session-fee", max_length=9, compact=True,
                        placeholder="none", restrict=r"[0-9.]*")  # fmt: skip
        yield Static("", id="session-error", markup=False)

    def values(self) -> SessionInput:
        return SessionInput(
            date=self.query_one("#session-date", Input).value,
            duration_minutes=self.query_one("#session-minutes", Input).value,
            modality=str(self.query_one("#session-modality", Select).value),
            attendance=str(self.query_one("#session-attendance", Select).value),
            fee=self.query_one("#session-fee", Input).value,
        )

    def is_unchanged(self) -> bool:
        return self.values() == self._saved

    def has_unsaved_input(self) -> bool:
        """A detail typed or chosen that is not in the vault yet (or was refused)."""
        return not self.is_unchanged()

    def accepted(self, values: SessionInput) -> None:
        self._saved = values
        self._show_error(None)

    def rejected(self, error: InvalidRecord) -> None:
        self._show_error(error)

    def _show_error(self, error: InvalidRecord | None) -> None:
        for selector in FIELD_WIDGETS.values():
            self.query_one(selector).remove_class("-invalid")
        if error is not None and error.field in FIELD_WIDGETS:
            self.query_one(FIELD_WIDGETS[error.field]).add_class("-invalid")
        self.query_one("#session-error", Static).update(error.message if error else "")
        self.set_class(error is not None, "-has-error")

    def _maybe_post(self) -> None:
        if not self.is_unchanged():
            self.post_message(self.Edited(self, self.values()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._maybe_post()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self._maybe_post()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._maybe_post()


def _choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, value) for value, label in labels.items()]
