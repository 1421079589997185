"""The client list's backup reminder: one calm line when a backup is due, none otherwise.

"Today" is fixed (TODAY); the vaults here are made with fixed clocks, so whether a
backup is due does not change with the calendar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from screens.client_list import ClientListScreen
from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.ui.notes_app import make_app, unlock
from tests.ui.test_snapshots_a import still
from vault.backup import backup

LONG_AGO = FakeClock(datetime(2026, 10, 1, 9, 0).astimezone())
LAST_WEEK = FakeClock(datetime(2026, 11, 12, 18, 0).astimezone())  # 8 days before TODAY
YESTERDAY = FakeClock(datetime(2026, 11, 19, 18, 0).astimezone())


def make_vault(vault_dir: Path, created: FakeClock, backed_up: FakeClock | None = None) -> None:
    from vault.vault import Vault

    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=created)
    try:
        add_practice(vault)
        if backed_up is not None:
            vault.store.clock = backed_up
            backup(vault, vault_dir.parent / "copy")
    finally:
        vault.close()


async def reminder(vault_dir: Path) -> tuple[bool, str]:
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ClientListScreen)
        line = screen.query_one("#backup-reminder", Static)
        return line.display, str(line.render())


async def test_never_backed_up(vault_dir: Path) -> None:
    make_vault(vault_dir, LONG_AGO)
    assert await reminder(vault_dir) == (
        True,
        "No backup yet: in a terminal, run `quietroom backup --into FOLDER`.",
    )


async def test_a_backup_older_than_the_setting(vault_dir: Path) -> None:
    make_vault(vault_dir, LONG_AGO, backed_up=LAST_WEEK)
    assert await reminder(vault_dir) == (
        True,
        "Last backup 8 days ago (2026-11-12): in a terminal, run `quietroom backup --into FOLDER`.",
    )


async def test_a_recent_backup_shows_nothing(vault_dir: Path) -> None:
    make_vault(vault_dir, LONG_AGO, backed_up=YESTERDAY)
    shown, _line = await reminder(vault_dir)
    assert not shown


async def test_a_new_vault_is_not_reminded_on_its_first_days(vault_dir: Path) -> None:
    make_vault(vault_dir, YESTERDAY)
    shown, _line = await reminder(vault_dir)
    assert not shown


def test_reminder_snapshot(snap_compare, vault_dir: Path) -> None:
    make_vault(vault_dir, LONG_AGO, backed_up=LAST_WEEK)

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=(120, 40), run_before=run_before)


def test_reminder_snapshot_80x24(snap_compare, vault_dir: Path) -> None:
    make_vault(vault_dir, LONG_AGO)

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=(80, 24), run_before=run_before)
