"""At 80x24 every field can be reached and seen: the form scrolls to the field at fault
with its message, and the session's attendance and fee are on screen in the editor."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input

from screens.client_form import MINOR_NEEDS_GUARDIAN, ClientFormScreen
from tests.ui.conftest import unlock
from tests.ui.notes_app import open_note

SMALL = (80, 24)


def fully_visible(widget, within) -> bool:
    """Inside `within` and inside the terminal: not clipped by a parent either."""
    region: Region = widget.region
    screen = Region(0, 0, *widget.app.size)
    return (
        region.height > 0
        and within.region.contains_region(region)
        and screen.contains_region(region)
    )


async def test_the_form_scrolls_to_a_guardian_it_asks_for(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClientFormScreen)
        fields = form.query_one("#client-form")
        guardian = form.query_one("#guardian_name", Input)
        assert not fully_visible(guardian, fields)  # below the fold at first
        form.query_one("#first_name", Input).value = "Mia"
        form.query_one("#last_name", Input).value = "Sand"
        form.query_one("#date_of_birth", Input).value = "2015-02-03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        error = form.query_one("#guardian_name-error")
        assert str(error.render()) == MINOR_NEEDS_GUARDIAN
        assert guardian.has_focus
        assert fully_visible(guardian, fields) and fully_visible(error, fields)


async def test_tab_brings_every_field_of_the_form_into_view(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        fields = form.query_one("#client-form")
        for _ in range(len(form.query(Input)) + 1):  # every input, then the checkbox
            await pilot.press("tab")
            await pilot.pause()
            assert fully_visible(app.focused, fields), app.focused


async def test_attendance_and_fee_are_on_screen_in_the_editor(make_app, practice_ids) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await unlock(pilot)
        screen = await open_note(pilot, practice_ids["draft"])
        for selector in ("#session-date", "#session-attendance", "#session-fee", "#note-body"):
            assert fully_visible(screen.query_one(selector), screen), selector
