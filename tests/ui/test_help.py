"""Help (? and F1) and Escape on every screen of the app's own."""

from __future__ import annotations

from textual.widgets import Input

from screens.client_form import ClientFormScreen
from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.discharge import DischargeScreen
from screens.help import HelpScreen, binding_rows
from screens.note_picker import NotePickerScreen
from screens.unlock import UnlockScreen
from tests.ui.conftest import SIZE


def help_text(pilot) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return "\n".join(str(group.render()) for group in screen.query(".help-group"))


async def open_and_close_help(pilot, key: str) -> str:
    below = pilot.app.screen
    await pilot.press(key)
    await pilot.pause()
    text = help_text(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is below
    return text


async def test_help_on_the_unlock_screen_lists_only_what_works_there(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = await open_and_close_help(pilot, "f1")
        assert "Privacy" in text and "Help" in text and "Quit" in text and "Unlock" in text
        for missing in ("Lock\n", "Search", "New client", "Back", "Move in a list"):
            assert missing not in text + "\n", missing
        await pilot.press("escape")  # nothing to go back to
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("question_mark")  # typed into the passphrase, not a command
        assert app.screen.query_one("#passphrase", Input).value == "?"


async def test_help_lists_the_client_lists_own_keys_and_the_apps(unlocked_app) -> None:
    pilot = unlocked_app
    text = await open_and_close_help(pilot, "f1")
    for line in ("n / ^n", "New client", "^l", "Lock", "^o / f2", "Privacy", "Search", "Help",
                 "Move in a list"):  # fmt: skip
        assert line in text
    assert "Back" not in text  # the list is the bottom screen: Escape goes nowhere
    await pilot.press("down")  # the list has focus: ? is help, not a letter for the filter
    text = await open_and_close_help(pilot, "question_mark")
    assert "New client" in text
    assert isinstance(pilot.app.screen, ClientListScreen)


async def test_help_and_escape_on_the_record_and_its_dialogs(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    pilot.app.open_client(practice_ids["ana"])
    await pilot.pause()
    for key in ("question_mark", "f1"):
        text = await open_and_close_help(pilot, key)
        assert "New note" in text and "Discharge" in text and "Addendum" in text

    # ? works where no text box has focus; in a text box it is typed, so F1 is the way.
    for opener, dialog, help_key, own_key in (
        ("n", NotePickerScreen, "question_mark", "Start note"),
        ("d", DischargeScreen, "f1", "Discharge"),
    ):
        await pilot.press(opener)
        await pilot.pause()
        assert isinstance(pilot.app.screen, dialog)
        assert own_key in await open_and_close_help(pilot, help_key)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClientRecordScreen)

    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)


async def test_help_and_escape_on_the_new_client_form(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientFormScreen)
    text = await open_and_close_help(pilot, "f1")
    assert "Save" in text and "Cancel" in text
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)


async def test_every_f_key_has_a_ctrl_key_that_does_the_same(unlocked_app) -> None:
    pilot = unlocked_app
    app = pilot.app
    await pilot.press("ctrl+o")
    assert app.privacy
    await pilot.press("ctrl+o")
    assert not app.privacy
    app.open_client(app.screen.table.selected_key)  # a screen with no text box focused
    await pilot.pause()
    await pilot.press("ctrl+b")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("ctrl+b")
    await pilot.pause()
    assert isinstance(app.screen, ClientRecordScreen)
    footer = app.export_screenshot()
    assert "^b" in footer and "^o" in footer


async def test_help_closes_with_its_own_keys(unlocked_app) -> None:
    pilot = unlocked_app
    for close in ("f1", "question_mark", "escape", "ctrl+b"):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press(close)
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClientListScreen)


async def test_keys_doing_the_same_thing_share_a_row(unlocked_app) -> None:
    app = unlocked_app.app
    rows = dict((description, keys) for keys, description in binding_rows(app._bindings, app))
    assert rows["Help"] == "^b / ? / f1"
    assert rows["Privacy"] == "^o / f2"
    assert rows["Search"] == "^f / /"
    assert rows["Quit"] == "^q / ^c"


def test_every_binding_has_an_id_and_a_description() -> None:
    from screens.app import QuietroomApp

    owners = [QuietroomApp, UnlockScreen, ClientListScreen, ClientRecordScreen, ClientFormScreen,
              DischargeScreen, NotePickerScreen, HelpScreen]  # fmt: skip
    for owner in owners:
        for binding in owner.__dict__.get("BINDINGS", []):  # its own, not inherited
            assert binding.id and binding.description, (owner.__name__, binding)
