"""The record's retention screen (6): the date and its rule, holds placed and lifted,
keeping longer, and erasure requests refused or carried out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from screens.cleanup import TypedConfirmScreen
from screens.record_retention import RetentionScreen
from screens.retention_forms import ErasureForm, HoldForm, LiftHoldForm, OverrideForm
from tests.ui.forms_app import error_under, fill, lock_and_unlock
from tests.ui.test_cleanup import running


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


async def open_retention(pilot: Pilot[Any], client_id: int) -> RetentionScreen:
    pilot.app.open_client(client_id)  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.press("7")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RetentionScreen)
    return screen


def shown(screen: RetentionScreen) -> str:
    return str(screen.query_one("#retention-text", Static).render())


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


async def test_the_record_shows_the_date_and_the_screen_its_rule(app: Any) -> None:
    pilot, ids = app
    pilot.app.open_client(ids["otto"])
    await pilot.pause()
    line = str(pilot.app.screen.query_one("#record-paperwork", Static).render())
    assert "Records kept until 2019-05-04: past, they may be destroyed" in line
    await press(pilot, "7")
    text = shown(pilot.app.screen)
    assert "Records kept until 2019-05-04" in text
    assert "7 years after the last service (session, 2012-05-04)" in text
    assert "Record Keeping Guidelines" in text


async def test_an_active_client_record_has_no_retention_line(app: Any) -> None:
    pilot, ids = app
    pilot.app.open_client(ids["ana"])
    await pilot.pause()
    assert "kept until" not in str(pilot.app.screen.query_one("#record-paperwork", Static).render())


async def test_a_hold_is_placed_then_lifted(app: Any) -> None:
    pilot, ids = app
    screen = await open_retention(pilot, ids["otto"])
    await press(pilot, "h")
    form = pilot.app.screen
    assert isinstance(form, HoldForm)
    await press(pilot, "ctrl+s")
    assert error_under(form, "reason") == "The reason is required."
    form.query_one("#kind", Select).value = "complaint"
    fill(form, reason="Board complaint 26-311")
    await press(pilot, "ctrl+s")
    assert pilot.app.screen is screen
    assert "IN FORCE  Complaint: Board complaint 26-311" in shown(screen)
    await press(pilot, "l")
    lift = pilot.app.screen
    assert isinstance(lift, LiftHoldForm)
    fill(lift, reason="Complaint withdrawn")
    await press(pilot, "ctrl+s")
    assert "lifted 2026-11-20" in shown(screen)
    assert "lifted because: Complaint withdrawn" in shown(screen)


async def test_lifting_without_a_hold_says_so(app: Any) -> None:
    pilot, ids = app
    screen = await open_retention(pilot, ids["otto"])
    await press(pilot, "l")
    assert pilot.app.screen is screen


async def test_a_held_client_shows_the_hold_on_the_record(app: Any) -> None:
    pilot, ids = app
    pilot.app.open_client(ids["wren"])
    await pilot.pause()
    line = str(pilot.app.screen.query_one("#record-paperwork", Static).render())
    assert "LEGAL HOLD  Court case: Vale v. Hale, 22-CV-104, since 2026-01-05" in line


async def test_keeping_longer_refuses_an_earlier_date_under_its_field(app: Any) -> None:
    pilot, ids = app
    screen = await open_retention(pilot, ids["ines"])
    await press(pilot, "k")
    form = pilot.app.screen
    assert isinstance(form, OverrideForm)
    fill(form, keep_until="2030-01-01", reason="Asked by the insurer")
    await press(pilot, "ctrl+s")
    assert "must be after 2032-06-01" in error_under(form, "keep_until")
    fill(form, keep_until="2036-01-01")
    await press(pilot, "ctrl+s")
    assert pilot.app.screen is screen
    assert "Kept until 2036-01-01 by your decision (Asked by the insurer)" in shown(screen)
    await press(pilot, "ctrl+o")
    assert "(reason hidden: privacy mode)" in shown(screen)
    assert "insurer" not in shown(screen)


async def test_an_erasure_request_is_refused_while_records_must_be_kept(app: Any) -> None:
    pilot, ids = app
    screen = await open_retention(pilot, ids["ines"])
    await press(pilot, "e")
    form = pilot.app.screen
    assert isinstance(form, ErasureForm)
    note = str(form.query_one("#assessment", Static).render())
    assert note.startswith("It will be refused: ")
    fill(form, requested_by="The client, by email", asked="Delete everything")
    await press(pilot, "ctrl+s")
    assert pilot.app.screen is screen
    text = shown(screen)
    assert "Refused on" in text and "must be kept until 2032-06-01" in text
    assert pilot.app.vault.clients.get(ids["ines"], audit=False).first_name == "Ines"


async def test_an_allowed_erasure_is_carried_out_after_the_number_is_typed(app: Any) -> None:
    pilot, ids = app
    await open_retention(pilot, ids["otto"])
    await press(pilot, "e")
    form = pilot.app.screen
    fill(form, requested_by="The client", asked="Erase my records")
    await press(pilot, "ctrl+s")
    confirm = pilot.app.screen
    assert isinstance(confirm, TypedConfirmScreen)
    confirm.query_one(Input).value = str(ids["otto"])
    await press(pilot, "enter")
    assert type(pilot.app.screen).__name__ == "ClientListScreen"
    requests = pilot.app.vault.retention.erasure.for_client(ids["otto"])
    assert [r.outcome for r in requests] == ["carried_out"]
    assert pilot.app.vault.clients.count() == 5


async def test_cancelling_the_confirmation_records_and_destroys_nothing(app: Any) -> None:
    pilot, ids = app
    screen = await open_retention(pilot, ids["otto"])
    await press(pilot, "e")
    fill(pilot.app.screen, requested_by="The client", asked="Erase my records")
    await press(pilot, "ctrl+s")
    await press(pilot, "escape")
    assert pilot.app.screen is screen
    assert pilot.app.vault.retention.erasure.for_client(ids["otto"]) == []


async def test_a_half_filled_hold_survives_a_lock(app: Any) -> None:
    pilot, ids = app
    await open_retention(pilot, ids["otto"])
    await press(pilot, "h")
    fill(pilot.app.screen, reason="Subpoena from the county court")
    await lock_and_unlock(pilot)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, HoldForm)
    assert form.query_one("#reason", Input).value == "Subpoena from the county court"


async def test_privacy_mode_hides_the_hold_reason_and_the_requests_words(app: Any) -> None:
    pilot, ids = app
    pilot.app.open_client(ids["wren"])
    await pilot.pause()
    await press(pilot, "ctrl+o")
    line = str(pilot.app.screen.query_one("#record-paperwork", Static).render())
    assert "LEGAL HOLD  Court case, since 2026-01-05" in line
    assert "Vale v. Hale" not in line
    await press(pilot, "7")
    text = shown(pilot.app.screen)
    assert "Vale v. Hale" not in text and "hidden (privacy mode)" in text
    assert "Retention — W.H." in str(
        pilot.app.screen.query_one("#retention-title", Static).render()
    )
