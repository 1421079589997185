"""What the tests of the measures, the safety plan and the Risk view share: a practice
(tests/conftest.py's `add_practice`: Ana Okafor, an adult, and Leo Brandt, a minor) in
a vault whose jurisdiction is California, a fixed "today" (TODAY, 2026-11-20) and a
vault clock fixed at 15:00 that day, so dates and times left do not move; a screen
that holds the Risk view alone, as the client record will; ways to lock and unlock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, TextArea

from screens.app import QuietroomApp
from screens.base import VaultScreen
from screens.record_risk import RiskView
from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.ui.conftest import SIZE, TODAY, unlock
from vault.vault import Vault

NOW = datetime(2026, 11, 20, 15, 0).astimezone()


class RiskViewScreen(VaultScreen):
    """The Risk view on a screen of its own (the client record mounts it as a view)."""

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield RiskView(self.client_id, id="risk-view")
        yield Footer(compact=True)

    @property
    def view(self) -> RiskView:
        return self.query_one(RiskView)

    def on_mount(self) -> None:
        self.view.load()
        self.view.table.focus(scroll_visible=False)

    def refresh_record(self) -> None:
        self.view.load()

    def reopen(self) -> Any:
        return lambda: RiskViewScreen(self.client_id)


def make_measures_vault(vault_dir: Path) -> dict[str, int]:
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FakeClock(NOW))
    try:
        ids = add_practice(vault)
        vault.settings.set("jurisdiction", "US-CA")
        return ids
    finally:
        vault.close()


def fix_clock(pilot: Pilot[Any]) -> None:
    pilot.app.vault.store.clock = FakeClock(NOW)  # type: ignore[attr-defined]


@asynccontextmanager
async def running(
    tmp_path: Path, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    """An unlocked app on a fresh practice (clock fixed), and the practice's ids."""
    vault_dir = tmp_path / "vault"
    ids = make_measures_vault(vault_dir)
    app = make_app(vault_dir)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        fix_clock(pilot)
        yield pilot, ids


def make_app(vault_dir: Path) -> QuietroomApp:
    return QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)


async def show(pilot: Pilot[Any], screen: Screen[Any]) -> Screen[Any]:
    pilot.app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return screen


async def lock_and_unlock(pilot: Pilot[Any]) -> None:
    pilot.app.lock()  # type: ignore[attr-defined]
    await pilot.pause()
    await unlock(pilot)
    fix_clock(pilot)
    await pilot.pause()


def still(screen: Screen[Any]) -> None:
    """No blinking cursors: they would flip a snapshot."""
    for widget in screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
