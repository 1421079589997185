"""A client's retention on a screen of its own (the record opens it with 6): how long
the records are kept and by which rule, legal holds, and erasure requests, with a key
for each form. The record's footer has no room for these keys; this screen's has."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from screens import safe
from screens.base import VaultScreen
from screens.cleanup import TypedConfirmScreen
from vault.errors import VaultError
from vault.lifecycle.erasure import ErasureInput, ErasureRequest
from vault.lifecycle.holds import HOLD_LABELS, LegalHold
from vault.lifecycle.retention import Retention
from vault.records.models import Client

if TYPE_CHECKING:
    from vault.vault import Vault

KEYS = "k keep longer · h place a hold · l lift it · e erasure request · Escape back"
OUTCOMES = {"refused": "Refused", "carried_out": "Carried out"}


def retention_text(kept: Retention, holds: list[LegalHold], requests: list[ErasureRequest],
                   status: str, *, privacy: bool) -> Text:  # fmt: skip
    """Free text (a hold's reason, who asked and what) is hidden in privacy mode, like
    note text: it can name people."""

    def free(value: str) -> Text:
        return safe.HIDDEN.copy() if privacy else safe.line(value)

    text = Text()
    text.append("Records kept until ", style="bold").append(kept.keep_until.isoformat(), "bold")
    sentence = kept.reason_sentence
    if privacy and kept.override_reason:
        sentence = sentence.replace(f"({kept.override_reason})", "(reason hidden: privacy mode)")
    text.append("\n").append_text(safe.plain(sentence))
    text.append("\nSource: ", style="dim").append_text(safe.line(kept.rule.source))
    if status == "active":
        text.append("\nThe client is active: their records are never due while they are.")
    text.append("\n\nLegal holds", style="bold")
    if not holds:
        text.append("\nNone.")
    for hold in holds:
        state = "IN FORCE" if hold.in_force else f"lifted {hold.lifted_on}"
        text.append(f"\n{hold.placed_on.isoformat()}  ")
        text.append(state, style="bold reverse" if hold.in_force else "dim")
        text.append(f"  {HOLD_LABELS[hold.kind]}: ").append_text(free(hold.reason))
        if hold.lift_reason:
            text.append(" — lifted because: ").append_text(free(hold.lift_reason))
    text.append("\n\nErasure requests", style="bold")
    if not requests:
        text.append("\nNone.")
    for request in requests:
        text.append(f"\n{request.received_on.isoformat()}  {OUTCOMES[request.outcome]} ")
        text.append(f"on {request.decided_on.isoformat()}  from ")
        text.append_text(free(request.requested_by)).append(": ")
        text.append_text(free(request.asked))
        text.append("\n    ").append_text(safe.plain(request.answer))
    return text


def keeping_facts(vault: Vault, client: Client) -> tuple[LegalHold | None, Retention | None]:
    """What the record's retention line needs: a hold in force, and the retention of a
    client who is not active (an active client's date moves with every session)."""
    hold = vault.retention.holds.in_force(client.id)
    if hold is not None or client.status == "active":
        return hold, None
    return None, vault.retention.for_client(client.id)


def keeping_line(hold: LegalHold | None, kept: Retention | None, today: date, *,
                 privacy: bool) -> Text | None:  # fmt: skip
    """The record's line on retention: the hold in force, or when the records of an
    inactive or discharged client may be destroyed; None for an active client."""
    text = Text()
    if hold is not None:
        text.append(" LEGAL HOLD ", style="bold black on yellow").append(" ")
        text.append(HOLD_LABELS[hold.kind])
        if not privacy:  # the reason is free text, hidden like note text
            text.append(": ").append_text(safe.line(hold.reason))
        text.append(f", since {hold.placed_on.isoformat()} (7: retention)")
        return text
    if kept is None:
        return None
    text.append("Records kept until ", style="bold").append(kept.keep_until.isoformat())
    if not kept.runs_on(today):
        text.append(": past, they may be destroyed")
    text.append(" (7: retention)")
    return text


class RetentionScreen(VaultScreen):
    # At 80 columns the footer holds three of these beside the app's keys: lifting a hold
    # is in the key line above it and in help.
    BINDINGS = [
        Binding("k", "keep_longer", "Keep longer", id="retention.keep_longer"),
        Binding("h", "place_hold", "Hold", id="retention.place_hold"),
        Binding("l", "lift_hold", "Lift hold", id="retention.lift_hold", show=False),
        Binding("e", "erasure", "Erasure request", id="retention.erasure"),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self._hold: LegalHold | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="retention-title")
        with VerticalScroll(id="retention-body"):
            yield Static("", id="retention-text")
        yield Static(KEYS, id="retention-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", lambda _privacy: self.load(), init=False)
        self.load()

    def load(self) -> None:
        try:
            vault = self.vault
            client = vault.clients.get(self.client_id, audit=False)
            kept = vault.retention.for_client(self.client_id)
            holds = vault.retention.holds.for_client(self.client_id)
            requests = vault.retention.erasure.for_client(self.client_id)
        except VaultError as error:
            self.show_error(error)
            return
        self._hold = next((hold for hold in holds if hold.in_force), None)
        name = client.initials if self.privacy else client.display_name
        self.query_one("#retention-title", Static).update(
            Text("Retention — ").append_text(safe.line(name))
        )
        self.query_one("#retention-text", Static).update(
            retention_text(kept, holds, requests, client.status, privacy=self.privacy)
        )

    def refresh_record(self) -> None:
        self.load()

    def _done(self, saved: object) -> None:
        if saved:
            self.load()

    def action_keep_longer(self) -> None:
        from screens.retention_forms import OverrideForm

        self.app.push_screen(OverrideForm(self.client_id), self._done)

    def action_place_hold(self) -> None:
        from screens.retention_forms import HoldForm

        self.app.push_screen(HoldForm(self.client_id), self._done)

    def action_lift_hold(self) -> None:
        from screens.retention_forms import LiftHoldForm

        if self._hold is None:
            self.notify("No legal hold is in force for this client.", markup=False)
            return
        self.app.push_screen(LiftHoldForm(self._hold.id, self.client_id), self._done)

    def action_erasure(self) -> None:
        from screens.retention_forms import ErasureForm

        self.app.push_screen(ErasureForm(self.client_id), self._answer)

    def _answer(self, data: ErasureInput | None) -> None:
        if not isinstance(data, ErasureInput):
            return
        try:
            refusal = self.vault.retention.erasure.assess(self.client_id)
        except VaultError as error:
            self.show_error(error)
            return
        if refusal is not None:
            self._record(data)
            return
        number = str(self.client_id)
        question = (
            f"The records of client {number} need no longer be kept, so the request will be "
            "carried out: every record of theirs is destroyed, and only the request's dates "
            f"and outcome stay. This cannot be undone.\n\nType {number} to destroy."
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._record(data)
            else:
                self.notify("Nothing was recorded or destroyed.", markup=False)

        self.app.push_screen(
            TypedConfirmScreen("Carry out the erasure", question, number, "Destroy"), confirmed
        )

    def _record(self, data: ErasureInput) -> None:
        try:
            answered = self.vault.retention.erasure.answer(self.client_id, data)
        except VaultError as error:
            self.show_error(error)
            return
        if answered.outcome == "refused":
            self.notify(answered.answer, title="Erasure request recorded", markup=False, timeout=12)
            self.load()
            return
        self.notify(answered.answer, title="Erasure carried out", markup=False, timeout=12)
        back_to_client_list(self)

    def reopen(self) -> Callable[[], Screen[None]] | None:
        client_id = self.client_id
        return lambda: RetentionScreen(client_id)


def back_to_client_list(screen: VaultScreen) -> None:
    """The client is gone: close their screens (this one, their record) down to the list."""
    from screens.client_list import ClientListScreen

    app = screen.app
    while len(app.screen_stack) > 1 and not isinstance(app.screen, ClientListScreen):
        app.pop_screen()
