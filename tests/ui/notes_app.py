"""Helpers for the note editor and search tests: a practice vault made with a fixed
clock (so signing times are stable in snapshots), the real QuietroomApp, typing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from screens.app import QuietroomApp
from screens.note_editor import NoteEditorScreen
from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from tests.ui.conftest import SIZE, TODAY
from vault.records.notes import SessionInput
from vault.vault import Vault

FIXED_CLOCK = FakeClock(datetime(2025, 1, 20, 16, 30).astimezone())
PROCESS_TEXT = "Private reflection: the sleep theme again, and my own reaction to it."


def make_practice_vault(vault_dir: Path) -> dict[str, int]:
    """The shared tiny practice plus a psychotherapy note; closed again so the app can open it."""
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FIXED_CLOCK)
    try:
        vault.settings.set("clinician_name", "Dr Ada Lee")
        vault.settings.set("credentials", "PsyD")
        ids = add_practice(vault)
        process = vault.notes.start(
            ids["ana"], kind="psychotherapy", template="free", session=SessionInput("2025-01-20")
        )
        vault.notes.save_draft(process.id, PROCESS_TEXT)
        ids["process"] = process.id
    finally:
        vault.close()
    return ids


def make_app(vault_dir: Path) -> QuietroomApp:
    return QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)


__all__ = ["SIZE", "make_app", "make_practice_vault", "open_note", "type_text", "unlock"]


async def unlock(pilot: Pilot[None]) -> None:
    """Unlock through the real unlock screen. The passphrase is put in the box whole:
    pressing its 28 keys one by one costs two seconds per test."""
    pilot.app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.vault is not None, "the vault did not unlock"


async def open_note(pilot: Pilot[None], note_id: int) -> NoteEditorScreen:
    app = pilot.app
    assert isinstance(app, QuietroomApp)
    app.open_note(note_id)
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, NoteEditorScreen), type(screen)
    return screen


KEY_NAMES = {" ": "space", "\n": "enter", "/": "slash", ".": "full_stop", ",": "comma",
             ":": "colon", ";": "semicolon", "-": "minus", "?": "question_mark", "'": "apostrophe"}  # fmt: skip


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type as a person would, key by key (so bindings see every keystroke)."""
    await pilot.press(*(KEY_NAMES.get(char, char) for char in text))
