"""A client's risk view on a screen of its own: risk records, instrument trends and the
safety plan. The client record opens it with `5`; the record's four paperwork views
share one screen, but this one holds its own keys (PHQ-9, GAD-7, safety plan, flag)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from screens import safe
from screens.base import VaultScreen
from screens.record_risk import RiskView
from vault.errors import VaultError


class RiskViewScreen(VaultScreen):
    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="risk-client")
        yield RiskView(self.client_id, id="risk-view")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def view(self) -> RiskView:
        return self.query_one(RiskView)

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", lambda _privacy: self._name_client(), init=False)
        self._name_client()
        self.view.load()
        self.view.table.focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        # Back from the risk prompt (a full screen): its record may have moved on.
        if self.covered_since_shown():
            self.view.load()

    def _name_client(self) -> None:
        """Whose records these are, first: the view is reached from the record, but a
        worried clinician must never wonder which client they are writing about."""
        try:
            client = self.vault.clients.get(self.client_id, audit=False)
        except VaultError as error:
            self.show_error(error)
            return
        line = Text()
        line.append_text(
            safe.line(client.initials if self.privacy else client.display_name, "bold")
        )
        line.append(f" · {client.age(self.qr_app.today())} years")
        if client.is_minor(self.qr_app.today()):
            line.append("  ").append(" MINOR ", style="bold reverse")
        line.append(" — risk records, measures and safety plan", style="dim")
        self.query_one("#risk-client", Static).update(line)

    def refresh_record(self) -> None:
        self.view.load()

    def reopen(self) -> Callable[[], Screen[None]] | None:
        client_id = self.client_id
        return lambda: RiskViewScreen(client_id)
