"""Discharging a client: the date (today unless changed), a reason (required) and a
referral (optional). Each mistake is shown under the field that caused it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from screens.confirm import ConfirmScreen
from vault.errors import InvalidRecord, VaultError

if TYPE_CHECKING:
    from screens.app import QuietroomApp

# (field id, label, placeholder); the ids are the core's InvalidRecord.field names.
DISCHARGE_FIELDS = [
    ("discharge_date", "Date of discharge *", "YYYY-MM-DD"),
    ("discharge_reason", "Reason *", "Treatment goals met, moved away, …"),
    ("referral", "Referred to", "optional"),
]


class DischargeScreen(ModalScreen[bool]):
    """Returns True once the client is discharged in the vault."""

    # With screens.tcss's DischargeScreen and .compact-form rules: errors under their field, a dialog that
    # scrolls rather than overflows on a 24-line terminal.
    DEFAULT_CSS = """
    DischargeScreen {
        #discharge-dialog {
            max-height: 100%;
        }
        #discharge_date {
            width: 14;
        }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Discharge", id="discharge.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="discharge.cancel"),
    ]

    def __init__(self, client_id: int, client_name: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name  # initials in privacy mode
        self._today = ""

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="discharge-dialog", classes="compact-form"):
            yield Static(Text(f"Discharge {self.client_name}"), id="discharge-title")
            for field, label, placeholder in DISCHARGE_FIELDS:
                yield Label(label)
                yield Input(placeholder=placeholder, id=field, compact=True)
                yield Static("", id=f"{field}-error", classes="field-error")
            yield Static("", id="discharge-error", classes="field-error")
            yield Static("ctrl+s discharges · Escape cancels", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._today = self.qr_app.today().isoformat()
        self.query_one("#discharge_date", Input).value = self._today
        self.query_one("#discharge_reason", Input).focus()

    def has_unsaved_input(self) -> bool:
        """Something typed that leaving would lose (the date counts once changed)."""
        values = {box.id: box.value.strip() for box in self.query(Input)}
        return bool(
            values.get("discharge_reason")
            or values.get("referral")
            or values.get("discharge_date") != self._today
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "referral":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        for label in self.query(".field-error").results(Static):
            label.remove_class("-shown")
        when = self.query_one("#discharge_date", Input).value
        reason = self.query_one("#discharge_reason", Input).value
        referral = self.query_one("#referral", Input).value.strip() or None
        try:
            self.qr_app.require_vault().clients.discharge(self.client_id, reason, referral, when)
        except InvalidRecord as error:
            self._show_error(error.message, error.field)
            return
        except VaultError as error:
            self._show_error(error.message, None)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():
            self.dismiss(False)
            return

        def discard(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen("Discard?", "Leave without discharging? What you typed is lost.",
                          "Leave"),
            discard,
        )  # fmt: skip

    def _show_error(self, message: str, field: str | None) -> None:
        found = self.query(f"#{field}-error") if field else None
        label = found.first(Static) if found else self.query_one("#discharge-error", Static)
        label.update(Text(message))
        label.add_class("-shown")
        if field and self.query(f"#{field}"):
            self.query_one(f"#{field}").focus()
