"""Discharging a client: a reason (required) and a referral (optional)."""

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


class DischargeScreen(ModalScreen[bool]):
    """Returns True once the client is discharged in the vault."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Discharge", id="discharge.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="discharge.cancel"),
    ]

    def __init__(self, client_id: int, client_name: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name  # initials in privacy mode

    def compose(self) -> ComposeResult:
        with Vertical(id="discharge-dialog"):
            yield Static(Text(f"Discharge {self.client_name}"), id="discharge-title")
            yield Label("Reason *")
            yield Input(placeholder="Treatment goals met, moved away, …", id="discharge_reason")
            yield Label("Referred to")
            yield Input(placeholder="optional", id="referral")
            yield Static("", id="discharge-error")
            yield Static("ctrl+s discharges today · Escape cancels", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#discharge_reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "discharge_reason":
            self.focus_next()
        else:
            self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#discharge_reason", Input).value
        referral = self.query_one("#referral", Input).value.strip() or None
        try:
            vault = cast("QuietroomApp", self.app).require_vault()
            vault.clients.discharge(self.client_id, reason, referral)
        except InvalidRecord as error:
            self._show_error(error.message)
            target = self.query(f"#{error.field}")
            if target:
                target.first().focus()
            return
        except VaultError as error:
            self._show_error(error.message)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _show_error(self, message: str) -> None:
        label = self.query_one("#discharge-error", Static)
        label.update(Text(message))
        label.add_class("-shown")
