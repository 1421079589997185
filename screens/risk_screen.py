"""A client's risk view on a screen of its own: risk records, instrument trends and the
safety plan. The client record opens it with `5`; the record's four paperwork views
share one screen, but this one holds its own keys (PHQ-9, GAD-7, safety plan, flag)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from screens.base import VaultScreen
from screens.record_risk import RiskView


class RiskViewScreen(VaultScreen):
    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield RiskView(self.client_id, id="risk-view")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def view(self) -> RiskView:
        return self.query_one(RiskView)

    def on_mount(self) -> None:
        self.view.load()
        self.view.table.focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        # Back from the risk prompt (a full screen): its record may have moved on.
        if self.covered_since_shown():
            self.view.load()

    def refresh_record(self) -> None:
        self.view.load()

    def reopen(self) -> Callable[[], Screen[None]] | None:
        client_id = self.client_id
        return lambda: RiskViewScreen(client_id)
