"""The audit view at 120x40 and 80x24: the whole log up to a fixed day, one client's
entries opened from their record, a bad date, and privacy mode. Every entry shown was
written with a fixed clock (the unlock's own entry, at the real time, is left out by
the 'to' date), so the times drawn never change. Cursors do not blink.

Regenerate with `pytest tests/ui/test_snapshots_audit.py --snapshot-update` and read
every SVG's text before committing it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from screens.audit_view import AuditViewScreen
from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.ui.test_snapshots_a import still, unlocked
from vault.vault import Vault

LARGE, SMALL = (120, 40), (80, 24)
DAY = "2026-11-20"
HOSTILE = "[bold red]boom[/] \x1b[2J \u202eevil"


@pytest.fixture
def practice_ids(vault_dir: Path) -> dict[str, int]:
    """The usual practice, written on 2026-11-20 from 09:00 a minute apart."""
    clock = FakeClock(datetime(2026, 11, 20, 9, 0).astimezone())
    ticking = _Ticking(clock)
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=ticking)
    try:
        ids = add_practice(vault)
        vault.audit.record("backup", "", "pages=412")
        vault.audit.record("backup", "", HOSTILE)
        return ids
    finally:
        vault.close()


class _Ticking:
    """A fixed clock that moves a minute each time it is read."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self) -> datetime:
        from datetime import timedelta

        self.clock.now += timedelta(minutes=1)
        return self.clock.now


async def _view(pilot: Pilot[Any], **fields: str) -> AuditViewScreen:
    await unlocked(pilot)
    pilot.app.vault.store.clock = FakeClock(datetime(2026, 11, 20, 11, 30).astimezone())
    await pilot.press("ctrl+t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AuditViewScreen)
    for name, value in {"to_date": DAY, **fields}.items():
        screen.field(name).value = value
    screen.field("to_date").focus()
    await pilot.press("enter")
    await still(pilot)
    return screen


def _run(**fields: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _view(pilot, **fields)

    return run_before


def test_audit_view(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=LARGE, run_before=_run())


def test_audit_view_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_run())


def test_audit_view_bad_date_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await _view(pilot)  # the good filter first: the real-time unlock is left out
        screen.field("from_date").value = "2026-11-31"
        screen.field("from_date").focus()
        await pilot.press("enter")
        await still(pilot)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_audit_view_of_a_client_in_privacy_mode(snap_compare, make_app, practice_ids) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await unlocked(pilot)
        pilot.app.vault.store.clock = FakeClock(datetime(2026, 11, 20, 11, 30).astimezone())
        pilot.app.open_client(practice_ids["ana"])
        await pilot.pause()
        await pilot.press("4", "l")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await still(pilot)

    assert snap_compare(make_app(), terminal_size=LARGE, run_before=run_before)


def test_audit_view_of_a_client_80x24(snap_compare, make_app, practice_ids) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await unlocked(pilot)
        pilot.app.vault.store.clock = FakeClock(datetime(2026, 11, 20, 11, 30).astimezone())
        pilot.app.open_client(practice_ids["ana"])
        await pilot.pause()
        await pilot.press("4", "l")
        await still(pilot)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)
