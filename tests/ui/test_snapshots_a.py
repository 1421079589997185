"""Snapshots of the app's own screens. "Today" is fixed (TODAY) so ages stay put, and
cursors do not blink. Update after a deliberate change with --snapshot-update."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.conftest import SIZE, unlock


async def still(pilot) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


async def unlocked(pilot) -> None:
    await unlock(pilot)
    await still(pilot)


def test_unlock_screen(snap_compare, make_app, demo_vault_dir, monkeypatch) -> None:
    monkeypatch.chdir(demo_vault_dir.parent)  # a relative path: the same on every run
    assert snap_compare(make_app(vault_dir=Path("vault")), terminal_size=SIZE, run_before=still)


def test_client_list(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=unlocked)


def test_client_list_in_privacy_mode(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await unlocked(pilot)
        await pilot.press("f2", "down")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("client", ["ana", "leo"])
def test_client_record(snap_compare, make_app, practice_ids, client) -> None:
    async def run_before(pilot) -> None:
        await unlocked(pilot)
        pilot.app.open_client(practice_ids[client])
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_new_client_form(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await unlocked(pilot)
        await pilot.press("ctrl+n")
        await still(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_on_the_client_list(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await unlocked(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
