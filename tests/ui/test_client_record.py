"""The client record: header, timeline, new notes, addenda, discharge."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from screens.client_form import ClientFormScreen
from screens.client_list import ClientListScreen
from screens.client_record import NO_NOTE, PROCESS_NOTE_LABEL, ClientRecordScreen
from screens.confirm import ConfirmScreen
from screens.discharge import DischargeScreen
from screens.note_picker import NotePickerScreen
from tests.conftest import CHEAP, PASSPHRASE
from tests.ui.conftest import SIZE, unlock
from vault.importer import import_practice
from vault.records.clients import ClientInput, GuardianInput
from vault.records.notes import SessionInput
from vault.vault import Vault


async def open_record(pilot, client_id: int) -> ClientRecordScreen:
    pilot.app.open_client(client_id)
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)
    return record


async def leave_termination_note(pilot) -> None:
    """A discharge opens the prefilled termination note (issue 9); Escape keeps it a draft."""
    from screens.note_editor import NoteEditorScreen

    editor = pilot.app.screen
    assert isinstance(editor, NoteEditorScreen)
    assert pilot.app.vault.notes.get(editor.note_id).kind == "termination"
    await pilot.press("escape")
    await pilot.pause()


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
        ["2025-01-13", "Progress note", "Attended", "", "Draft"],
        ["2025-01-06", "Progress note", "Attended", "150.00", "Signed · 1 addendum"],
    ]
    assert "showing 2 of 2 entries" in str(record.query_one("#timeline-count", Static).render())
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
        assert timeline_rows(record)[0][:3] == ["2025-02-01", PROCESS_NOTE_LABEL, "Attended"]


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
    await pilot.press("x")  # written in, so kept
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is record
    assert timeline_rows(record)[0][1] == PROCESS_NOTE_LABEL  # refreshed on return


async def test_a_clients_first_note_starts_as_a_free_text_intake(unlocked_app, practice_ids):
    pilot = unlocked_app
    await open_record(pilot, practice_ids["leo"])  # no notes yet
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotePickerScreen)
    await pilot.press("enter")
    await pilot.pause()
    (first,) = pilot.app.vault.notes.timeline(practice_ids["leo"])
    assert (first.kind, first.template) == ("intake", "free")


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
    error = dialog.query_one("#discharge_reason-error")
    assert str(error.render()) == "Discharge reason is required." and error.has_class("-shown")
    dialog.query_one("#discharge_reason", Input).value = "Goals met"
    dialog.query_one("#referral", Input).value = "Dr. Yusuf, sleep clinic"
    await pilot.press("ctrl+s")
    await pilot.pause()
    await leave_termination_note(pilot)  # issue 9: it opens after a discharge
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


async def test_guardians_phone_and_email_are_in_the_header(make_app, tmp_path) -> None:
    vault_dir = tmp_path / "own"
    with Vault.create(vault_dir, PASSPHRASE, CHEAP)[0] as vault:
        kid = vault.clients.add(ClientInput(
            "Mia", "Sand", "2015-05-05",
            guardians=[GuardianInput("Tom Sand", "father", "555-0199", "tom@example.org")],
        ))  # fmt: skip
    app = make_app(vault_dir=vault_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, kid.id)
        assert "Guardian: Tom Sand (father) — can access records · 555-0199 · tom@example.org" in (
            header(record)
        )
        await pilot.press("f2")
        await pilot.pause()
        assert "555-0199" not in header(record) and "tom@" not in header(record)


async def test_sessions_without_a_note_are_part_of_the_record(make_app, tmp_path) -> None:
    vault_dir = tmp_path / "own"
    practice = {
        "clients": [{
            "first_name": "Ana", "last_name": "Okafor", "date_of_birth": "1988-03-14",
            "sessions": [
                {"date": "2025-01-06", "fee": "150.00",
                 "notes": [{"template": "free", "text": "First session."}]},
                {"date": "2025-01-13", "attendance": "no_show", "fee": "75.00", "notes": []},
                {"date": "2025-01-20", "attendance": "late_cancel", "notes": []},
            ],
        }],
    }  # fmt: skip
    with Vault.create(vault_dir, PASSPHRASE, CHEAP)[0] as vault:
        import_practice(vault, practice)
        ana = vault.clients.page()[0].id
    app = make_app(vault_dir=vault_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, ana)
        assert timeline_rows(record) == [
            ["2025-01-20", NO_NOTE, "Late cancel", "", ""],
            ["2025-01-13", NO_NOTE, "No-show", "75.00", ""],
            ["2025-01-06", "Progress note", "Attended", "150.00", "Draft"],
        ]
        await pilot.press("enter")  # nothing to open: said so, and the record stays
        await pilot.pause()
        assert pilot.app.screen is record
        messages = [n.message for n in pilot.app._notifications]
        assert any(m.startswith("This session has no note") for m in messages)


async def test_discharge_on_a_chosen_date(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("d")
    await pilot.pause()
    dialog = pilot.app.screen
    when = dialog.query_one("#discharge_date", Input)
    assert when.value == "2026-11-20"  # today (the app's)
    assert not dialog.has_unsaved_input()
    dialog.query_one("#discharge_reason", Input).value = "Goals met"
    when.value = "2024-12-31"
    await pilot.press("ctrl+s")
    await pilot.pause()
    error = dialog.query_one("#discharge_date-error", Static)
    assert str(error.render()) == "Discharge date cannot be before the intake date (2025-01-06)."
    assert error.has_class("-shown") and when.has_focus
    when.value = "2025-06-30"
    await pilot.press("ctrl+s")
    await pilot.pause()
    await leave_termination_note(pilot)
    assert pilot.app.screen is record
    assert "Discharged 2025-06-30: Goals met" in header(record)


async def test_escape_with_a_typed_reason_asks_before_losing_it(unlocked_app, practice_ids):
    pilot = unlocked_app
    record = await open_record(pilot, practice_ids["ana"])
    await pilot.press("d")
    await pilot.pause()
    dialog = pilot.app.screen
    dialog.query_one("#discharge_reason", Input).value = "Moved away"
    assert dialog.has_unsaved_input()
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert pilot.app.screen is dialog
    await pilot.press("escape", "y")
    await pilot.pause()
    assert pilot.app.screen is record
    assert pilot.app.vault.clients.get(practice_ids["ana"]).status == "active"


async def test_the_new_client_form_knows_when_something_was_typed(unlocked_app) -> None:
    pilot = unlocked_app
    form = ClientFormScreen()
    await pilot.app.push_screen(form)
    await pilot.pause()
    assert not form.has_unsaved_input()  # the pre-filled intake date is not typing
    form.query_one("#last_name", Input).value = "Okafor"
    assert form.has_unsaved_input()
