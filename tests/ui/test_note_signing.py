"""The editor's way to a signature, and what it leaves behind: an empty note is refused
before the question, a future date is named in it, the clinician's name is asked once,
an untouched draft is not kept, and a lock puts the cursor back where it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select, Static, TextArea

from screens.client_record import ClientRecordScreen
from screens.confirm import ConfirmScreen
from screens.note_editor import SESSION_NOT_SAVED, UNTOUCHED_DISCARDED, NoteEditorScreen
from screens.session_form import SessionForm
from screens.signer_form import SignerFormScreen
from tests.ui.notes_app import make_app, open_note, type_text
from tests.ui.notes_app import unlock as unlock_app
from vault.records.notes import SessionInput, long_date


@pytest.fixture(autouse=True)
def no_autosave_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving, locking and signing save synchronously; the timers only add noise here."""
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 60.0)


def question(app) -> str:
    assert isinstance(app.screen, ConfirmScreen), type(app.screen)
    return str(app.screen.query_one("#confirm-question", Static).render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


# -- lock and unlock ----------------------------------------------------------------------


async def test_after_a_lock_the_cursor_and_scroll_are_where_they_were(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    long_text = "\n".join(f"Line {n}: what was said in the session." for n in range(120))
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.vault.notes.save_draft(ids["draft"], long_text)
        screen = await open_note(pilot, ids["draft"])
        area = screen.query_one("#note-body", TextArea)
        area.move_cursor((40, 8))
        await pilot.pause()
        area.scroll_to(y=30, animate=False, immediate=True)
        await pilot.pause()
        assert area.scroll_y == 30
        app.lock()
        await pilot.pause()
        await unlock_app(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NoteEditorScreen)
        area = screen.query_one("#note-body", TextArea)
        assert area.cursor_location == (40, 8)
        assert area.scroll_y == 30
        await type_text(pilot, "NEW ")
        await pilot.press("escape")
        await pilot.pause()
        saved = app.vault.notes.get(ids["draft"]).body.splitlines()
        assert saved[40] == "Line 40:NEW  what was said in the session."
        assert saved[-1] == "Line 119: what was said in the session."


async def test_after_a_lock_the_record_keeps_its_selected_note(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.open_client(ids["ana"])
        await pilot.pause()
        await pilot.press("down", "down")  # the process note, the draft, then the signed note
        record = app.screen
        assert isinstance(record, ClientRecordScreen)
        assert record.timeline.selected_key == ids["signed"]
        app.lock()
        await pilot.pause()
        await unlock_app(pilot)
        record = app.screen
        assert isinstance(record, ClientRecordScreen)
        assert record.timeline.selected_key == ids["signed"]
        assert record.timeline.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen) and app.screen.note_id == ids["signed"]


# -- an untouched draft ---------------------------------------------------------------------


async def test_an_accidental_new_note_leaves_nothing_behind(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.open_client(ids["ana"])
        await pilot.pause()
        before = app.vault.notes.count_for_client(ids["ana"])
        await pilot.press("n", "enter")  # a SOAP progress note, dated today
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClientRecordScreen)
        assert app.vault.notes.count_for_client(ids["ana"]) == before
        assert UNTOUCHED_DISCARDED in messages(app)
        assert app.screen.timeline.row_count == before


async def test_a_no_show_without_text_is_kept(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.open_client(ids["ana"])
        await pilot.pause()
        before = app.vault.notes.count_for_client(ids["ana"])
        await pilot.press("n", "enter")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#session-attendance", Select).value = "no_show"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.vault.notes.count_for_client(ids["ana"]) == before + 1
        assert UNTOUCHED_DISCARDED not in messages(app)


# -- signing ----------------------------------------------------------------------------


async def test_an_empty_note_is_refused_before_the_question(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        note = app.vault.notes.start(ids["ana"], template="soap")
        screen = await open_note(pilot, note.id)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen is screen  # no "Sign this note?" to say yes to
        assert "An empty note cannot be signed. Write the note first." in messages(app)
        assert not app.vault.notes.get(note.id).is_signed
        assert screen.query(TextArea)  # still in the editor, to write it


async def test_a_future_date_is_named_and_must_be_confirmed(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        later = app.vault.store.today() + timedelta(days=9)
        app.vault.notes.update_session(ids["draft"], SessionInput(later))
        await open_note(pilot, ids["draft"])
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert question(app).startswith(
            f"This note is dated {long_date(later)}, 9 days from today. Sign it anyway?"
        )
        await pilot.press("n")
        await pilot.pause()
        assert not app.vault.notes.get(ids["draft"]).is_signed
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.vault.notes.get(ids["draft"]).is_signed


async def test_the_first_signature_asks_the_clinicians_name_once(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.vault.settings.set("clinician_name", "")
        app.vault.settings.set("credentials", "")
        await open_note(pilot, ids["draft"])
        await pilot.press("ctrl+g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SignerFormScreen)
        assert not form.has_unsaved_input()
        await pilot.press("enter", "enter")  # no name: refused beside the field
        await pilot.pause()
        error = form.query_one("#clinician_name-error", Static)
        assert error.has_class("-shown") and str(error.render()) == "Your name is required."
        assert form.query_one("#clinician_name", Input).has_focus
        await type_text(pilot, "Dr Noor Haddad")
        assert form.has_unsaved_input()
        await pilot.press("enter")
        await type_text(pilot, "LCSW")
        await pilot.press("enter")
        await pilot.pause()
        assert question(app).startswith("Sign this note?")
        await pilot.press("y")
        await pilot.pause()
        assert app.vault.notes.get(ids["draft"]).signed_by == "Dr Noor Haddad, LCSW"
        await pilot.press("a")  # an addendum: the name is known now, nothing more asked
        await pilot.pause()
        await type_text(pilot, "Also seen.")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_cancelling_the_name_signs_nothing(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        app.vault.settings.set("clinician_name", "")
        screen = await open_note(pilot, ids["draft"])
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert not app.vault.notes.get(ids["draft"]).is_signed
        assert not app.vault.settings.has_signer


async def test_the_addendums_sign_dialog_speaks_of_an_addendum(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["signed"])
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Weekly diary.")
        await pilot.press("ctrl+g")
        await pilot.pause()
        text = question(app)
        assert text.startswith("Sign this addendum?") and "note" not in text
        assert str(app.screen.query_one("#confirm-title", Static).render()) == "Sign addendum"
        await pilot.press("y")
        await pilot.pause()
        assert "Addendum signed." in messages(app)


# -- session details the vault refuses ---------------------------------------------------


async def test_a_refused_session_date_survives_a_lock_and_counts_as_unsaved(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        form = screen.query_one(SessionForm)
        assert not screen.has_unsaved_input() and not form.has_unsaved_input()
        date_box = screen.query_one("#session-date", Input)
        date_box.value = "2025-02-3"  # half typed when the lock comes
        assert form.has_unsaved_input() and screen.has_unsaved_input()
        screen.query_one("#session-fee", Input).value = "90"
        assert screen.has_unsaved_input()
        app.lock()
        await pilot.pause()
        assert SESSION_NOT_SAVED in messages(app)
        await unlock_app(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NoteEditorScreen)
        assert screen.query_one("#session-date", Input).value == "2025-02-3"
        assert screen.query_one("#session-fee", Input).value == "90"
        error = str(screen.query_one("#session-error", Static).render())
        assert error.startswith("Session date must be a real date")
        screen.query_one("#session-date", Input).value = "2025-02-03"
        await pilot.press("escape")
        await pilot.pause()
        session = app.vault.notes.session_for(ids["draft"])
        assert (session.date.isoformat(), session.fee_cents) == ("2025-02-03", 9000)


async def test_after_a_lock_a_long_signed_note_is_scrolled_where_it_was(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_app(pilot)
        note = app.vault.notes.start(ids["ana"], template="free")
        app.vault.notes.save_draft(note.id, "\n".join(f"Line {n}." for n in range(80)))
        app.vault.notes.sign(note.id)
        screen = await open_note(pilot, note.id)
        view = screen.query_one("#note-view")
        view.scroll_to(y=25, animate=False, immediate=True)
        await pilot.pause()
        app.lock()
        await pilot.pause()
        await unlock_app(pilot)
        await pilot.pause()
        assert app.screen.query_one("#note-view").scroll_y == 25
