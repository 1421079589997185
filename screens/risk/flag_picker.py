"""Raising a risk flag: a short list of the six flags, then the guided prompt.

`raise_flag(screen, client_id)` is what the client record and the note editor call.
A record of the same flag for the same client that is not yet signed is continued
rather than a second one opened: a worried clinician pressing the key twice should
not end up with two half-filled records.
"""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from vault.errors import VaultError
from vault.risk.rules import FLAG_LABELS, FLAGS

PICKER_HINT = "Enter (or 1-6) opens a guided record for it · Escape cancels"


class FlagPicker(ModalScreen[str | None]):
    """Which flag to raise: returns the flag's key, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="flag_picker.cancel")]
    DEFAULT_CSS = """
    FlagPicker {
        align: center middle;
        background: $background 70%;
        #flag-dialog {
            width: 64;
            max-width: 100%;
            height: auto;
            border: round $warning;
            padding: 0 1;
            background: $surface;
        }
        #flag-title { text-style: bold; }
        #flag-list { height: auto; border: none; padding: 0; margin: 1 0; }
        #flag-hint { color: $text-muted; }
    }
    """

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-dialog"):
            yield Static("Raise a risk flag", id="flag-title")
            yield OptionList(
                *(Option(Text(f"{n}  {FLAG_LABELS[flag]}"), id=flag)
                  for n, flag in enumerate(FLAGS, 1)),
                id="flag-list",
            )  # fmt: skip
            yield Static(PICKER_HINT, id="flag-hint", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#flag-list", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in "123456":
            event.stop()
            self.dismiss(FLAGS[int(event.character) - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)


def raise_flag(screen: Screen[Any], client_id: int) -> None:
    """Ask which flag, open (or continue) its record, and show the prompt."""
    from screens.app import QuietroomApp

    app = cast(QuietroomApp, screen.app)

    def chosen(flag: str | None) -> None:
        if not flag:
            return
        try:
            vault = app.require_vault()
            event = next(
                (e for e in vault.risk.for_client(client_id)
                 if e.flag == flag and not e.is_signed),
                None,
            )  # fmt: skip
            if event is not None:
                app.notify(
                    f"Continuing the record of this flag opened {event.opened_at[:10]}.",
                    markup=False,
                )
            else:
                event = vault.risk.open(client_id, flag, vault.rule_pack())
        except VaultError as error:
            app.notify(error.message, title=error.title, severity="error", markup=False)
            return
        from screens.risk.prompt import RiskPromptScreen

        app.push_screen(RiskPromptScreen(event.id))

    app.push_screen(FlagPicker(client_id), chosen)
