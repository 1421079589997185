"""The Episodes view and its forms at 120x40 and 80x24 (issue 9): fixed data and a
fixed "today", so nothing moves. Regenerate with
`pytest tests/ui/test_snapshots_episodes.py --snapshot-update` and read every SVG."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.episodes_app import make_episodes_vault
from tests.ui.notes_app import make_app, unlock

SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture
def practice(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_episodes_vault(vault_dir, letter=True)


async def still(pilot) -> None:
    for widget in pilot.app.screen.query("Input"):
        assert isinstance(widget, Input)
        widget.cursor_blink = False
    await pilot.pause()


async def on_episodes(pilot, client_id: int, *keys: str) -> None:
    await unlock(pilot)
    pilot.app.open_client(client_id)
    await pilot.pause()
    await pilot.press("6", *keys)
    await pilot.pause()
    await still(pilot)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["120x40", "80x24"])
def test_episodes_view(snap_compare, practice, size: tuple[int, int]) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_episodes(pilot, ids["ana"])

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["120x40", "80x24"])
def test_referral_letter_form(snap_compare, practice, size: tuple[int, int]) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_episodes(pilot, ids["ana"], "l")

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


def test_follow_up_form_with_an_error(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_episodes(pilot, ids["ana"], "n")
        await pilot.press("ctrl+s")
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_close_follow_up_form(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_episodes(pilot, ids["ana"], "enter")

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_reopen_form(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_episodes(pilot, ids["ana"], "o")

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)
