"""The clinician's name and credentials, asked once, at the first signature in a vault
that has none: otherwise every note would be signed "by the clinician" for good.

Returns how signatures will read ("Dr Ada Lee, PsyD") once saved, or None if cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from vault.errors import InvalidRecord, VaultError

if TYPE_CHECKING:
    from screens.app import QuietroomApp

SIGNER_EXPLAINED = (
    "A signed note carries your name for good. Quietroom asks once and keeps it in the "
    "vault (`quietroom settings` changes it for later notes)."
)


class SignerFormScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    SignerFormScreen {
        align: center middle;
        background: $background 70%;
        #signer-dialog {
            width: 70;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            padding: 0 1;
            background: $surface;
        }
        #signer-title {
            text-style: bold;
        }
        Label {
            margin-top: 1;
        }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save and sign", id="signer_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="signer_form.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="signer-dialog", classes="compact-form"):
            yield Static("Your name on signatures", id="signer-title")
            yield Static(SIGNER_EXPLAINED, classes="hint", markup=False)
            yield Label("Your name *")
            yield Input(placeholder="Dr Ada Lee", id="clinician_name", compact=True)
            yield Static("", id="clinician_name-error", classes="field-error")
            yield Label("Credentials")
            yield Input(placeholder="optional: PsyD, LCSW, …", id="credentials", compact=True)
            yield Static("", id="credentials-error", classes="field-error")
            yield Static(
                "Enter or ctrl+s saves, then asks to sign · Escape cancels", classes="hint"
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#clinician_name", Input).focus()

    def has_unsaved_input(self) -> bool:
        return any(box.value.strip() for box in self.query(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "clinician_name":
            self.focus_next()
        else:
            self.action_save()

    def action_save(self) -> None:
        for label in self.query(".field-error").results(Static):
            label.remove_class("-shown")
        name = self.query_one("#clinician_name", Input).value
        credentials = self.query_one("#credentials", Input).value
        try:
            vault = cast("QuietroomApp", self.app).require_vault()
            signature = vault.settings.set_signer(name, credentials)
        except InvalidRecord as error:
            self._show_error(error.field or "clinician_name", error.message)
            return
        except VaultError as error:
            self._show_error("clinician_name", error.message)
            return
        self.dismiss(signature)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _show_error(self, field: str, message: str) -> None:
        found = self.query(f"#{field}-error")
        label = found.first(Static) if found else self.query_one("#clinician_name-error", Static)
        label.update(Text(message))
        label.add_class("-shown")
        inputs = self.query(f"#{field}")
        (inputs.first() if inputs else self.query_one("#clinician_name")).focus()
