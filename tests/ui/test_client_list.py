"""The client list (filtering, paging, opening) and the new-client form."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static

from screens.client_form import ClientFormScreen
from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.help import HelpScreen
from screens.paged_table import PAGE_SIZE
from screens.search import SearchScreen
from tests.conftest import PASSPHRASE
from tests.ui.conftest import SIZE, unlock
from vault.records.clients import ClientInput
from vault.vault import Vault


def names(screen: ClientListScreen) -> list[str]:
    table = screen.table
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


def count_line(screen: ClientListScreen) -> str:
    return str(screen.query_one("#client-count", Static).render())


async def test_list_shows_names_ages_minors_and_status(unlocked_app) -> None:
    screen = unlocked_app.app.screen
    assert isinstance(screen, ClientListScreen)
    assert names(screen) == ["Leo Brandt", "Ana Okafor"]  # by last name
    leo, ana = (screen.table.get_row_at(row) for row in range(2))
    # Neither has a consent on file yet: both are marked (C).
    assert [str(cell) for cell in leo] == ["Leo Brandt", "14 minor", "", "Active", "—", "C"]
    assert [str(cell) for cell in ana] == ["Ana Okafor", "38", "", "Active", "2025-01-13", "C"]
    assert count_line(screen) == "showing 2 of 2 clients"


async def test_filter_as_you_type(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    await pilot.press(*"oka")
    await pilot.pause(0.3)  # the filter waits for typing to pause
    assert names(screen) == ["Ana Okafor"]
    assert count_line(screen) == "showing 1 of 1 matching clients"
    await pilot.press("backspace", "backspace", "backspace", *"zzz")
    await pilot.pause(0.3)
    assert names(screen) == []


async def test_down_moves_into_the_list_and_enter_opens(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    assert screen.query_one("#client-filter", Input).has_focus
    await pilot.press("down")
    assert screen.table.has_focus
    await pilot.press("down", "enter")
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)
    assert record.client_id == screen.table.selected_key
    assert "Ana Okafor" in str(record.query_one("#record-header", Static).render())


async def test_enter_in_the_filter_opens_the_first_match_at_once(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press(*"leo", "enter")  # before the filter delay has run out
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientRecordScreen)
    assert "Leo Brandt" in str(pilot.app.screen.query_one("#record-header", Static).render())


async def test_up_from_the_first_row_returns_to_the_filter(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    await pilot.press("down", "down", "up")
    assert screen.table.has_focus and screen.table.cursor_row == 0
    await pilot.press("up")
    assert screen.query_one("#client-filter", Input).has_focus


async def test_letters_typed_in_the_list_go_to_the_filter(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    await pilot.press("down", "b", "r")
    box = screen.query_one("#client-filter", Input)
    assert box.has_focus and box.value == "br"


async def test_escape_on_the_list_does_nothing(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press("escape", "escape")
    assert isinstance(pilot.app.screen, ClientListScreen)
    assert pilot.app.vault is not None


async def test_discharged_clients_are_dimmed(make_app, demo_vault_dir, practice_ids) -> None:
    with Vault.open(demo_vault_dir, PASSPHRASE) as vault:
        vault.clients.discharge(practice_ids["leo"], "Moved away", None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        leo = app.screen.table.get_row_at(0)
        assert str(leo[3]) == "Discharged"
        risk_column = 2  # empty here; an open flag is never dimmed
        assert all("dim" in str(cell.style) for i, cell in enumerate(leo) if i != risk_column)


async def test_a_long_list_keeps_only_two_pages_mounted(make_app, demo_vault_dir) -> None:
    with Vault.open(demo_vault_dir, PASSPHRASE) as vault:
        for number in range(2 * PAGE_SIZE + 50):
            vault.clients.add(ClientInput("Test", f"Zimmer{number:03d}", "1990-01-01"))
    total = 2 * PAGE_SIZE + 52
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.table
        assert table.row_count == 2 * PAGE_SIZE
        assert count_line(app.screen) == f"showing 1–{2 * PAGE_SIZE} of {total} clients"
        await pilot.press("down", "ctrl+end")
        assert table.row_count <= 2 * PAGE_SIZE
        assert str(table.get_row_at(table.cursor_row)[0]) == f"Test Zimmer{2 * PAGE_SIZE + 49:03d}"
        assert count_line(app.screen) == f"showing {PAGE_SIZE + 1}–{total} of {total} clients"
        await pilot.press("ctrl+home")
        assert str(table.get_row_at(table.cursor_row)[0]) == "Leo Brandt"
        for _ in range(15):  # page by page past the first window
            await pilot.press("pagedown")
        assert table.window_start == PAGE_SIZE
        assert table.row_count <= 2 * PAGE_SIZE


# -- the new-client form ------------------------------------------------------------------


async def open_form(pilot) -> ClientFormScreen:
    await pilot.press("ctrl+n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ClientFormScreen)
    return form


def fill(form: ClientFormScreen, **values: str) -> None:
    for field, value in values.items():
        form.query_one(f"#{field}", Input).value = value


def field_error(form: ClientFormScreen, field: str) -> str:
    return str(form.query_one(f"#{field}-error", Static).render())


async def test_new_client_is_saved_and_appears_in_the_list(unlocked_app) -> None:
    pilot = unlocked_app
    form = await open_form(pilot)
    assert form.query_one("#first_name", Input).has_focus
    assert form.query_one("#intake_date", Input).value == "2026-11-20"  # today by default
    fill(form, first_name="Rosa", last_name="Adeyemi", date_of_birth="1979-05-02")
    await pilot.press("ctrl+s")
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)  # straight on to write the intake
    assert pilot.app.vault.clients.get(record.client_id, audit=False).first_name == "Rosa"
    await pilot.press("escape")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ClientListScreen)
    assert names(screen) == ["Rosa Adeyemi", "Leo Brandt", "Ana Okafor"]
    assert str(screen.table.get_row_at(screen.table.cursor_row)[0]) == "Rosa Adeyemi"


async def test_each_invalid_field_gets_its_own_message(unlocked_app) -> None:
    pilot = unlocked_app
    form = await open_form(pilot)
    await pilot.press("ctrl+s")
    assert field_error(form, "first_name") == "First name is required."
    assert form.query_one("#first_name", Input).has_focus

    fill(form, first_name="Rosa", last_name="Adeyemi", date_of_birth="02/05/1979")
    await pilot.press("ctrl+s")
    assert field_error(form, "first_name") == ""
    assert "YYYY-MM-DD" in field_error(form, "date_of_birth")
    assert form.query_one("#date_of_birth", Input).has_focus

    fill(form, date_of_birth="1979-05-02", email="not an email")
    await pilot.press("ctrl+s")
    assert field_error(form, "email") == "Email must look like name@example.org."
    assert isinstance(pilot.app.screen, ClientFormScreen)


async def test_a_minor_needs_a_guardian(unlocked_app) -> None:
    pilot = unlocked_app
    form = await open_form(pilot)
    fill(form, first_name="Mia", last_name="Chen", date_of_birth="2015-09-01")
    await pilot.press("ctrl+s")
    assert "needs at least one guardian" in field_error(form, "guardian_name")
    assert form.query_one("#guardian_name", Input).has_focus

    fill(form, guardian_name="Wei Chen", guardian_relationship="father")
    form.query_one("#guardian_access", Checkbox).value = False
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientRecordScreen)
    client_id = pilot.app.screen.client_id
    guardian = pilot.app.vault.clients.get(client_id).guardians[0]
    assert (guardian.name, guardian.relationship, guardian.can_access_records) == (
        "Wei Chen", "father", False,
    )  # fmt: skip


async def test_tab_moves_between_fields(unlocked_app) -> None:
    pilot = unlocked_app
    form = await open_form(pilot)
    await pilot.press("tab")
    assert form.query_one("#last_name", Input).has_focus
    await pilot.press("enter")  # Enter moves on too; only ctrl+s saves
    assert form.query_one("#preferred_name", Input).has_focus


async def test_escape_cancels_and_asks_first_when_something_was_typed(unlocked_app) -> None:
    pilot = unlocked_app
    await open_form(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)

    form = await open_form(pilot)
    fill(form, first_name="Half")
    await pilot.press("escape")
    await pilot.pause()
    assert "Discard" in str(pilot.app.screen.query_one("#confirm-question").render())
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)
    assert pilot.app.vault.clients.count() == 2


async def test_back_from_a_client_the_next_name_typed_starts_a_new_filter(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    await pilot.press(*"oka")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientRecordScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen
    await pilot.press(*"bra")
    await pilot.pause(0.3)
    assert screen.query_one("#client-filter", Input).value == "bra"
    assert names(screen) == ["Leo Brandt"]


# -- one-key commands in an empty filter, privacy -------------------------------------------


async def test_slash_question_mark_and_n_work_in_the_empty_filter(unlocked_app) -> None:
    pilot = unlocked_app
    app = pilot.app
    box = app.screen.query_one("#client-filter", Input)
    assert box.has_focus and box.value == ""
    for key, opened in (("slash", SearchScreen), ("question_mark", HelpScreen),
                        ("n", ClientFormScreen)):  # fmt: skip
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, opened), key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClientListScreen)
        assert box.value == ""


async def test_once_a_name_is_begun_those_keys_are_letters(unlocked_app) -> None:
    pilot = unlocked_app
    screen = pilot.app.screen
    await pilot.press("N", "a", "n")  # Nan...: a capital N starts a name
    box = screen.query_one("#client-filter", Input)
    assert box.value == "Nan" and pilot.app.screen is screen
    assert "type N" in box.placeholder


async def test_an_empty_vault_names_a_key_that_works(make_app, tmp_path) -> None:
    from tests.conftest import CHEAP

    empty = tmp_path / "empty"
    Vault.create(empty, PASSPHRASE, CHEAP)[0].close()
    app = make_app(vault_dir=empty)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert count_line(app.screen) == "No clients yet. Press n (or ctrl+n) to add the first one."
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ClientFormScreen)


async def test_privacy_masks_the_filter(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press(*"oka")
    await pilot.pause(0.3)
    assert "oka" in pilot.app.export_screenshot()
    await pilot.press("f2")
    await pilot.pause()
    shown = pilot.app.export_screenshot()
    assert "oka" not in shown and "•••" in shown
    assert names(pilot.app.screen) == ["A.O."]
