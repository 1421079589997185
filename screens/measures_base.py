"""What the instrument, C-SSRS and safety-plan dialogs share: the client's name in the
title (initials in privacy mode), one error line, and a draft of what was typed kept
in the vault when it locks, so nothing typed is lost. Escape asks before dropping
typed input; saving or cancelling removes the draft.

The app's lock calls `before_lock` and `reopen` on modals that define them (the
issue 7 forms' hook); the subclass says what its values are (`values`, `fill`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from screens.drafted_form import DraftedForm
from vault.errors import VaultError

if TYPE_CHECKING:
    pass

RESTORED = "Restored what you had typed before the vault locked."

MEASURE_DIALOG_CSS = """
%(cls)s {
    align: center middle;
    background: $background 70%%;
    .measure-dialog {
        width: 100;
        max-width: 100%%;
        height: auto;
        max-height: 100%%;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    .measure-title {
        text-style: bold;
    }
    .measure-error {
        display: none;
        color: $text-error;
        &.-shown {
            display: block;
        }
    }
    .measure-hint {
        color: $text-muted;
    }
    .measure-dialog.-tall {
        height: 100%%;
    }
    .measure-scroll {
        height: 1fr;
    }
}
"""


class MeasureDialog(DraftedForm, ModalScreen[Any]):
    FORM_NAME = ""  # the form_drafts key
    HEADING = ""
    ERROR_ID = "measure-error"
    TITLE_ID = "measure-title"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="measures.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="measures.cancel"),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self._names = ("", "")
        self._initial: dict[str, Any] | None = None
        self.reopened = False  # rebuilt after an unlock: nobody waits for its result
        self.saved = False  # stored already (a notice may still be on top): not rebuilt

    # -- subclasses --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What was typed, JSON-friendly (a draft is stored as JSON)."""
        raise NotImplementedError

    def fill(self, values: dict[str, Any]) -> None:
        """Put a draft's values back; anything that no longer fits is ignored."""
        raise NotImplementedError

    def rebuild(self) -> MeasureDialog:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    # -- the title and errors ------------------------------------------------------------

    def start(self) -> None:
        """Call at the end of the subclass's on_mount, once its fields hold their defaults."""
        try:
            client = self.vault.clients.get(self.client_id, audit=False)
            self._names = (client.display_name, client.initials)
        except VaultError as error:
            self.show_error(error.message)
        self._initial = self.values()
        self.watch(self.app, "privacy", self._privacy_changed, init=True)
        self._restore_draft()

    def _privacy_changed(self, privacy: bool) -> None:
        self._show_title()
        self.show_privately(privacy)

    def show_privately(self, privacy: bool) -> None:
        """Hide (or show again) what privacy mode hides beyond the client's name."""

    def _show_title(self) -> None:
        name = self._names[1] if self.qr_app.privacy else self._names[0]
        self.query_one(f"#{self.TITLE_ID}", Static).update(Text(f"{self.HEADING} — {name}"))

    def show_error(self, message: str) -> None:
        label = self.query_one(f"#{self.ERROR_ID}", Static)
        label.update(Text(message))
        label.add_class("-shown")

    def clear_error(self) -> None:
        label = self.query_one(f"#{self.ERROR_ID}", Static)
        label.update("")
        label.remove_class("-shown")

    @property
    def error_text(self) -> str:
        label = self.query_one(f"#{self.ERROR_ID}", Static)
        return str(label.render()) if label.has_class("-shown") else ""

    # -- drafts, locking, leaving ----------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        return self._initial is not None and self.values() != self._initial

    def before_lock(self) -> None:
        if self.has_unsaved_input():
            self.vault.form_drafts.save(self.FORM_NAME, self.client_id, self.values())

    def reopen(self) -> Callable[[], Screen[None]] | None:
        if self.saved:
            return None

        def build() -> MeasureDialog:
            dialog = self.rebuild()
            dialog.reopened = True
            return dialog

        return cast("Callable[[], Screen[None]]", build)

    def _restore_draft(self) -> None:
        try:
            draft = self.vault.form_drafts.load(self.FORM_NAME, self.client_id)
        except VaultError:
            return
        if draft:
            self.fill(draft)
            self.notify(RESTORED, title=self.HEADING, markup=False)
