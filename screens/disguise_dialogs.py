"""The two dialogs of the disguise review: adding a replacement, and writing the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from screens.export_dialog import KINDS, ExportDialog, default_folder
from screens.form_fields import field
from vault.supervision.case import Case

ADD_NOTE = (
    "Everywhere in the chosen notes, in any case, this word or phrase is replaced by what "
    "you type under it (left empty: [removed])."
)


class AddReplacementScreen(ModalScreen[tuple[str, str] | None]):
    """A word or phrase, and what to put instead; `check` says what is wrong, if anything."""

    BINDINGS = [
        Binding("ctrl+s", "add", "Add", id="disguise_add.add", priority=True),
        Binding("escape", "cancel", "Cancel", id="disguise_add.cancel"),
    ]

    def __init__(self, check: Callable[[str, str], str | None]) -> None:
        super().__init__()
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="record-form compact-form"):
            yield Static("Add a replacement", id="form-title", markup=False)
            yield Static("", id="form-error")
            yield Static(ADD_NOTE, classes="form-note", markup=False)
            yield from field("phrase", "Replace *", "a word or phrase in the notes")
            yield from field("instead", "With", "[a hobby], Kit, …")
            yield Static("Enter or ctrl+s adds · Escape cancels", classes="hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#phrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "phrase":
            self.query_one("#instead", Input).focus()
        else:
            self.action_add()

    def action_add(self) -> None:
        phrase = self.query_one("#phrase", Input).value
        instead = self.query_one("#instead", Input).value
        problem = self._check(phrase, instead)
        error = self.query_one("#phrase-error", Static)
        error.update(Text(problem or ""))
        error.set_class(problem is not None, "-shown")
        if problem is None:
            self.dismiss((phrase, instead))
        else:
            self.query_one("#phrase", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class DisguisedExportDialog(ExportDialog):
    """The export dialog, for a case: named after the pseudonym, never the client."""

    def __init__(self, case: Case) -> None:
        super().__init__("disguised", case.client_id)
        self.case = case

    def on_mount(self, event: events.Mount) -> None:
        # The base dialog would name the file and the title after the client.
        event.prevent_default()
        self.query_one("#export-done").display = False
        self.query_one("#unprotected").display = False
        title, _explained, part = KINDS[self.kind]
        self.query_one("#form-title", Static).update(Text(f"{title} — {self.case.pseudonym}"))
        name = f"{self.case.pseudonym}-{part}-{self.qr_app.today().isoformat()}.pdf"
        self.query_one("#out", Input).value = str(default_folder() / name)
        self.query_one("#out", Input).focus()

    def _export(self, exports: Any, out: Path, password: str | None) -> Any:
        from vault.exports.disguised import export_disguised

        return export_disguised(self.vault, self.case, out, password=password)
