"""The note editor inside the real app: templates, autosave, lock, crash, signing,
addenda, session details, discarding, privacy."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Select, Static, TextArea

from screens.confirm import ConfirmScreen
from screens.note_editor import NoteEditorScreen
from screens.note_view import READ_ONLY_HINT, NoteText
from screens.safe import HIDDEN
from tests.conftest import PASSPHRASE
from tests.ui.notes_app import PROCESS_TEXT, make_app, open_note, type_text
from tests.ui.notes_app import unlock as unlock_app
from vault.errors import DiskFull, RecordNotFound
from vault.records.templates import SECTIONS
from vault.vault import Vault


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosave waits seconds in real use; tests should not."""
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 0.05)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 0.5)


def body_of(screen: NoteEditorScreen) -> TextArea:
    return screen.query_one("#note-body", TextArea)


def status_of(screen: NoteEditorScreen) -> str:
    return str(screen.query_one("#note-status", Static).render())


async def settle(pilot) -> None:
    await pilot.pause(0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("template", ["soap", "dap", "birp", "free"])
async def test_write_a_note_from_each_template(practice_dir, template: str) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        note = app.vault.notes.start(ids["ana"], template=template)
        screen = await open_note(pilot, note.id)
        area = body_of(screen)
        for heading in SECTIONS[template]:
            assert f"{heading}:" in area.text
        assert area.has_focus
        area.move_cursor(area.document.end)
        await type_text(pilot, "Slept well.")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditorScreen)
        saved = app.vault.notes.get(note.id).body
        assert saved.endswith("Slept well.")
        for heading in SECTIONS[template]:
            assert f"{heading}:" in saved


async def test_debounced_autosave_writes_while_the_editor_stays_open(
    practice_dir, monkeypatch
) -> None:
    # Long enough that a loaded CI machine still sees "Editing…" before the save.
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 1.0)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        await type_text(pilot, "Note ")
        assert status_of(screen) == "Editing…"
        await pilot.pause(1.2)
        await settle(pilot)
        assert app.screen is screen
        assert app.vault.notes.get(ids["draft"]).body.endswith("anxiety lower.Note ")
        assert status_of(screen).startswith("Saved ")


async def test_long_typing_is_saved_every_few_seconds(practice_dir, monkeypatch) -> None:
    # The idle timer never fires while typing goes on; the max timer still saves.
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 0.1)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["draft"])
        await type_text(pilot, "abc")
        await settle(pilot)
        assert app.vault.notes.get(ids["draft"]).body.endswith("lower.abc")


async def test_an_older_save_never_overwrites_a_newer_one(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        notes = app.vault.notes
        assert screen._save_body(notes, 2, "newer") is not None
        assert screen._save_body(notes, 1, "older") is None  # arrived late: dropped
        assert notes.get(ids["draft"]).body == "newer"


async def test_a_failed_save_keeps_the_text_and_says_why(practice_dir, monkeypatch) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])

        def disk_full(note_id: int, body: str) -> None:
            raise DiskFull("The disk is full, so your note could not be saved.")

        monkeypatch.setattr(app.vault.notes, "save_draft", disk_full)
        await type_text(pilot, "Keep me")
        await settle(pilot)
        assert status_of(screen) == "Not saved: The disk is full, so your note could not be saved."
        assert body_of(screen).text.endswith("lower.Keep me")
        await pilot.press("escape")  # cannot save: stays, and warns
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")  # a second Escape leaves anyway
        await pilot.pause()
        assert app.screen is not screen


async def test_unsaved_text_survives_a_lock(practice_dir, monkeypatch) -> None:
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 60.0)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["draft"])
        await type_text(pilot, "Lock ")
        app.lock()
        await pilot.pause()
        assert app.vault is None
        assert not app.query(TextArea)
        await unlock_app(pilot)
        screen = app.screen
        assert isinstance(screen, NoteEditorScreen) and screen.note_id == ids["draft"]
        assert body_of(screen).text.endswith("lower.Lock ")
        assert app.vault.notes.get(ids["draft"]).body.endswith("lower.Lock ")


async def test_text_that_cannot_be_saved_at_lock_comes_back_after_unlock(
    practice_dir, monkeypatch
) -> None:
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 60.0)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["draft"])

        def disk_full(note_id: int, body: str) -> None:
            raise DiskFull("The disk is full, so your note could not be saved.")

        monkeypatch.setattr(app.vault.notes, "save_draft", disk_full)
        await type_text(pilot, "Full")
        app.lock()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "The disk is full, so your note could not be saved." in messages
        await unlock_app(pilot)  # a new Vault object: saving works again
        screen = app.screen
        assert isinstance(screen, NoteEditorScreen)
        assert body_of(screen).text.endswith("lower.Full")
        await settle(pilot)
        assert app.vault.notes.get(ids["draft"]).body.endswith("lower.Full")


async def test_unsaved_text_survives_a_crash(practice_dir, monkeypatch) -> None:
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_MAX", 60.0)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)

    def crash() -> None:
        raise RuntimeError("a bug somewhere else in the app")

    with pytest.raises(RuntimeError):  # run_test hands the app's crash back to the test
        async with app.run_test(size=(120, 40)) as pilot:
            await unlock_app(pilot)
            await open_note(pilot, ids["draft"])
            await type_text(pilot, "Crash")
            app.call_later(crash)
            await pilot.pause()
    assert app.vault is None  # the crash path closed it
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.notes.get(ids["draft"]).body.endswith("lower.Crash")


async def test_quitting_saves_the_draft(practice_dir, monkeypatch) -> None:
    monkeypatch.setattr(NoteEditorScreen, "AUTOSAVE_IDLE", 60.0)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["draft"])
        await type_text(pilot, "Bye ")
        await pilot.press("ctrl+q")
        await pilot.pause()
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.notes.get(ids["draft"]).body.endswith("lower.Bye ")


async def test_a_slash_in_a_note_is_text_not_search(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        await type_text(pilot, "and/or? ")
        assert app.screen is screen
        assert body_of(screen).text.endswith("lower.and/or? ")


async def test_pasted_escape_sequences_are_made_inert(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        body_of(screen).post_message(events.Paste("x\x1b]52;c;SGVsbG8=\x07\u202ey"))
        await pilot.pause()
        text = body_of(screen).text
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert text.endswith("x␛]52;c;SGVsbG8=␇\ufffdy")


async def test_sign_asks_first_then_the_note_is_read_only(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        await type_text(pilot, "Signed ")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not app.vault.notes.get(ids["draft"]).is_signed
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        note = app.vault.notes.get(ids["draft"])
        assert note.is_signed and note.body.endswith("lower.Signed ")
        assert app.screen is screen and not screen.query(TextArea)
        signature = str(screen.query_one("#note-signature", Static).render())
        assert signature.startswith("Signed ")
        assert "by Dr Ada Lee, PsyD" in signature
        assert f"SHA-256 {note.sha256[:12]}" in signature
        hint = screen.query_one("#signed-hint", Static)
        assert str(hint.render()) == READ_ONLY_HINT
        await pilot.press("x")  # typing into a signed note: refused, and the hint lights up
        assert hint.has_class("-refused")
        assert app.vault.notes.get(ids["draft"]).body == note.body


async def test_an_addendum_amends_a_signed_note(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        original = await open_note(pilot, ids["signed"])
        assert str(original.query_one("#addenda-heading", Static).render()) == "Addenda (1)"
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen) and editor is not original
        label = str(editor.query_one("#addendum-label", Static).render())
        assert label.startswith("Addendum to note of 2025-01-06")
        assert "Trouble with sleep" in str(editor.query_one(".original-body", NoteText).render())
        await type_text(pilot, "Weekly diary.")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        addenda = app.vault.notes.addenda(ids["signed"])
        assert len(addenda) == 2 and addenda[-1].is_signed
        assert addenda[-1].body == "Weekly diary."
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is original
        assert str(original.query_one("#addenda-heading", Static).render()) == "Addenda (2)"


async def test_an_unfinished_addendum_is_continued_not_doubled(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_note(pilot, ids["signed"])
        await pilot.press("a")
        await pilot.pause()
        first = app.screen.note_id
        await type_text(pilot, "Half")  # started, so kept (an untouched one is not)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.note_id == first
        assert len(app.vault.notes.addenda(ids["signed"])) == 2


async def test_a_bad_session_date_is_explained_by_the_field(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        date_input = screen.query_one("#session-date", Input)
        date_input.focus()
        date_input.value = "2025-13-40"
        await pilot.press("enter")
        await pilot.pause()
        error = str(screen.query_one("#session-error", Static).render())
        assert error == "Session date must be a real date written YYYY-MM-DD, like 1985-04-23."
        assert date_input.has_class("-invalid")
        assert app.vault.notes.session_for(ids["draft"]).date.isoformat() == "2025-01-13"
        date_input.value = "2025-01-14"
        await pilot.press("tab")  # leaving the field saves it
        await pilot.pause()
        assert str(screen.query_one("#session-error", Static).render()) == ""
        assert app.vault.notes.session_for(ids["draft"]).date.isoformat() == "2025-01-14"
        assert app.vault.notes.get(ids["draft"]).note_date.isoformat() == "2025-01-14"


async def test_session_choices_save_at_once(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        screen.query_one("#session-modality", Select).value = "telehealth"
        screen.query_one("#session-attendance", Select).value = "late_cancel"
        await pilot.pause()
        session = app.vault.notes.session_for(ids["draft"])
        assert (session.modality, session.attendance) == ("telehealth", "late_cancel")


async def test_discard_a_draft(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        note = app.vault.notes.start(ids["ana"], template="free")
        screen = await open_note(pilot, note.id)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is not screen
        with pytest.raises(RecordNotFound):
            app.vault.notes.get(note.id)


async def test_privacy_hides_the_text_and_gives_it_back(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["draft"])
        area = body_of(screen)
        area.move_cursor((1, 5))
        await pilot.press("f2")
        await pilot.pause()
        assert not area.display
        assert screen.query_one("#note-body-hidden").display
        assert str(screen.query_one("#note-body-hidden", Static).render()) == HIDDEN.plain
        title = str(screen.query_one("#note-title", Static).render())
        assert title.startswith("A.O. ·") and "Okafor" not in title
        await pilot.press("f2")
        await pilot.pause()
        assert area.display and area.has_focus
        assert area.cursor_location == (1, 5)
        assert area.text.startswith("Data:")


async def test_privacy_hides_signed_text_and_addenda(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["signed"])
        app.privacy = True
        await pilot.pause()
        texts = list(screen.query(NoteText))
        assert len(texts) == 2
        assert all(str(text.render()) == HIDDEN.plain for text in texts)
        app.privacy = False
        await pilot.pause()
        assert "Trouble with sleep" in str(texts[0].render())


async def test_a_process_note_is_marked(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["process"])
        banner = str(screen.query_one("#process-banner", Static).render())
        assert banner.startswith("Psychotherapy note — kept apart from the clinical record")
        assert screen.has_class("-process-note")
        assert body_of(screen).text == PROCESS_TEXT


async def test_escape_from_a_signed_note_goes_back(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_note(pilot, ids["signed"])
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert not isinstance(app.screen, NoteEditorScreen)
