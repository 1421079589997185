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

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from screens.app import QuietroomApp
from screens.client_list import ClientListScreen
from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.ui.conftest import SIZE, TODAY, unlock
from vault.vault import Vault

NOW = datetime(2026, 11, 20, 15, 0).astimezone()


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
    # The header's deadline and the list's Risk column were drawn at unlock with the real
    # clock: draw them again.
    pilot.app.refresh_deadline()  # type: ignore[attr-defined]
    for screen in pilot.app.screen_stack:
        if isinstance(screen, ClientListScreen):
            screen.reload(keep_position=True)


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
