"""The client record: header, timeline, new notes, addenda, discharge."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from screens.client_list import ClientListScreen
from screens.client_record import PROCESS_NOTE_LABEL, ClientRecordScreen
from screens.discharge import DischargeScreen
from screens.note_picker import NotePickerScreen
from tests.conftest import PASSPHRASE
from tests.ui.conftest import SIZE, unlock
from vault.notes import SessionInput
from vault.vault import Vault


async def open_record(pilot, client_id: int) -> ClientRecordScreen:
    pilot.app.open_client(client_id)
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)
    return record


def header(record: ClientRecordScreen) -> str:
    return str(record.query_one("#record-header", Static).render())


def timeline_rows(record: ClientRecordScreen) -> list[list[str]]:
    table = record.timeline
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_header_shows_a_minor_and_guardian_rights(unlocked_app, practice_ids) -> None:
    record = await open_record(unlocked_app, practice_ids["leo"])
    text = header(record)
    assert "Leo Brandt · 14 years" in text and "MINOR" in text and "Active" in text
    assert "Guardian: Mara Brandt (mother) — can access records" in text


async def test_timeline_is_newest_first_without_note_text(unlocked_app, practice_ids) -> None:
    record = await open_record(unlocked_app, practice_ids["ana"])
    assert "Ana Okafor · 38 years · Active · intake 2025-01-06" in header(record)
    assert timeline_rows(record) == [
        ["2025-01-13", "Progress note", "DAP", "Draft", ""],
        ["2025-01-06", "Progress note", "SOAP", "Signed", "1"],
    ]
    assert "showing 2 of 2 notes" in str(record.query_one("#timeline-count", Static).render())
    assert "Sleep" not in unlocked_app.app.export_screenshot()


async def test_process_notes_are_marked_private(make_app, demo_vault_dir, practice_ids) -> None:
    with Vault.open(demo_vault_dir, PASSPHRASE) as vault:
        vault.notes.start(
            practice_ids["ana"], kind="psychotherapy", template="free",
            session=SessionInput("2025-02-01"),
        )  # fmt: skip
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, practice_ids["ana"])
        assert timeline_rows(record)[0][:3] == ["2025-02-01", PROCESS_NOTE_LABEL, "Free text"]


async def test_new_note_picker_starts_a_draft_and_opens_the_editor(unlocked_app, practice_ids):
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotePickerScreen)
    await pilot.press("down", "down", "down", "down", "tab", "down", "enter")  # process note, DAP
    await pilot.pause()
    newest = pilot.app.vault.notes.timeline(practice_ids["ana"], limit=1)[0]
    assert (newest.kind, newest.template, newest.note_date.isoformat()) == (
        "psychotherapy", "dap", "2026-11-20",
    )  # fmt: skip
    editor = pytest.importorskip("screens.note_editor")
    assert isinstance(pilot.app.screen, editor.NoteEditorScreen)
    assert pilot.app.screen.note_id == newest.id
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is record
    assert timeline_rows(record)[0][1] == PROCESS_NOTE_LABEL  # refreshed on return


async def test_escape_cancels_the_picker(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("n", "escape")
    await pilot.pause()
    assert pilot.app.screen is record
    assert pilot.app.vault.notes.count_for_client(practice_ids["ana"]) == 2


async def test_enter_opens_the_selected_note(unlocked_app, practice_ids) -> None:
    editor = pytest.importorskip("screens.note_editor")
    pilot = unlocked_app
    await open_record(pilot, practice_ids["ana"])
    await pilot.press("down", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, editor.NoteEditorScreen)
    assert pilot.app.screen.note_id == practice_ids["signed"]


async def test_addendum_to_a_signed_note(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("a")  # the cursor is on the draft: nothing to amend
    await pilot.pause()
    assert pilot.app.screen is record
    await pilot.press("down", "a")
    await pilot.pause()
    addenda = pilot.app.vault.notes.addenda(practice_ids["signed"])
    assert len(addenda) == 2 and not addenda[-1].is_signed
    editor = pytest.importorskip("screens.note_editor")
    assert isinstance(pilot.app.screen, editor.NoteEditorScreen)
    assert pilot.app.screen.note_id == addenda[-1].id


async def test_discharge_needs_a_reason_then_shows_in_the_header(unlocked_app, practice_ids):
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("d")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, DischargeScreen)
    await pilot.press("ctrl+s")
    assert "Discharge reason is required." in str(dialog.query_one("#discharge-error").render())
    dialog.query_one("#discharge_reason", Input).value = "Goals met"
    dialog.query_one("#referral", Input).value = "Dr. Yusuf, sleep clinic"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen is record
    text = header(record)
    assert "Discharged" in text and "Goals met · referred to Dr. Yusuf, sleep clinic" in text
    assert pilot.app.vault.clients.get(practice_ids["ana"]).status == "discharged"
    await pilot.press("d")  # already discharged: no dialog
    await pilot.pause()
    assert pilot.app.screen is record


async def test_escape_cancels_discharge_and_goes_back_to_the_list(unlocked_app, practice_ids):
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("d", "escape")
    await pilot.pause()
    assert pilot.app.screen is record
    assert pilot.app.vault.clients.get(practice_ids["ana"]).status == "active"
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)


async def test_open_note_puts_the_clients_record_underneath(unlocked_app, practice_ids) -> None:
    editor = pytest.importorskip("screens.note_editor")
    pilot = unlocked_app
    pilot.app.open_note(practice_ids["draft"])
    await pilot.pause()
    stack = pilot.app.screen_stack
    assert isinstance(stack[-1], editor.NoteEditorScreen)
    assert isinstance(stack[-2], ClientRecordScreen)
    assert stack[-2].client_id == practice_ids["ana"]
    pilot.app.open_note(practice_ids["signed"])  # the record is there already: not twice
    await pilot.pause()
    assert sum(isinstance(screen, ClientRecordScreen) for screen in pilot.app.screen_stack) == 1


async def test_opening_a_note_already_open_returns_to_its_editor(unlocked_app, practice_ids):
    editor = pytest.importorskip("screens.note_editor")
    pilot = unlocked_app
    pilot.app.open_note(practice_ids["draft"])
    await pilot.pause()
    first = pilot.app.screen
    await pilot.app.push_screen(DischargeScreen(practice_ids["ana"], "Ana Okafor"))
    pilot.app.open_note(practice_ids["draft"])  # as search would, from on top of the editor
    await pilot.pause()
    assert pilot.app.screen is first
    assert sum(isinstance(s, editor.NoteEditorScreen) for s in pilot.app.screen_stack) == 1
