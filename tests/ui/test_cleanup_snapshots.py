"""Snapshots of the records clean-up screen, the retention screen, the typed-number
confirmation and a retention form, at 120x40 and 80x24. "Today" is fixed (TODAY) and
every date shown comes from the data, so nothing moves.

Regenerate with `pytest tests/ui/test_cleanup_snapshots.py --snapshot-update` and read
every SVG's text before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from screens.app import QuietroomApp
from tests.ui.conftest import SIZE, TODAY, unlock
from tests.ui.test_cleanup import make_retention_vault
from tests.ui.test_snapshots_small_records import still

SMALL = (80, 24)
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])


@pytest.fixture
def retention_dir(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_retention_vault(vault_dir)


def app_on(vault_dir: Path) -> QuietroomApp:
    return QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)


@SIZES
def test_cleanup_screen(snap_compare, retention_dir, size) -> None:
    vault_dir, _ids = retention_dir

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await pilot.press("ctrl+y")
        await still(pilot)

    assert snap_compare(app_on(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_destroy_confirmation(snap_compare, retention_dir, size) -> None:
    vault_dir, ids = retention_dir

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("down", "down", "d")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = str(ids["otto"] + 1)
        await pilot.press("enter")
        await still(pilot)

    assert snap_compare(app_on(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_retention_screen_of_a_held_client(snap_compare, retention_dir, size) -> None:
    vault_dir, ids = retention_dir

    async def run_before(pilot) -> None:
        await unlock(pilot)
        pilot.app.open_client(ids["wren"])
        await pilot.pause()
        await pilot.press("7")
        await still(pilot)

    assert snap_compare(app_on(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_record_of_a_client_past_retention(snap_compare, retention_dir, size) -> None:
    vault_dir, ids = retention_dir

    async def run_before(pilot) -> None:
        await unlock(pilot)
        pilot.app.open_client(ids["otto"])
        await still(pilot)

    assert snap_compare(app_on(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_keep_longer_form_with_an_error(snap_compare, retention_dir, size) -> None:
    vault_dir, ids = retention_dir

    async def run_before(pilot) -> None:
        await unlock(pilot)
        pilot.app.open_client(ids["ines"])
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#keep_until", Input).value = "2030-01-01"
        form.query_one("#reason", Input).value = "Insurer asks for ten years"
        await pilot.press("ctrl+s")
        await still(pilot)

    assert snap_compare(app_on(vault_dir), terminal_size=size, run_before=run_before)
