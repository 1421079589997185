"""The shell's screens at 80x24, the smallest terminal Quietroom supports: nothing cut
off, and the footer shows the keys that matter. "Today" is fixed; cursors do not blink."""

from __future__ import annotations

from pathlib import Path

from tests.ui.notes_app import make_app as make_notes_app
from tests.ui.notes_app import make_practice_vault, type_text
from tests.ui.notes_app import unlock as unlock_notes_app
from tests.ui.test_snapshots_a import still, unlocked

SMALL = (80, 24)


def test_unlock_screen_80x24(snap_compare, make_app, demo_vault_dir, monkeypatch) -> None:
    monkeypatch.chdir(demo_vault_dir.parent)  # a relative path: the same on every run
    assert snap_compare(make_app(vault_dir=Path("vault")), terminal_size=SMALL, run_before=still)


def test_client_list_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=unlocked)


def test_help_on_the_client_list_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await unlocked(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_help_on_the_unlock_screen_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("f1")
        await still(pilot)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_search_with_results_80x24(snap_compare, tmp_path) -> None:
    vault_dir = tmp_path / "vault"
    make_practice_vault(vault_dir)

    async def run_before(pilot) -> None:
        await unlock_notes_app(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await type_text(pilot, "sleep")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await still(pilot)

    assert snap_compare(make_notes_app(vault_dir), terminal_size=SMALL, run_before=run_before)
