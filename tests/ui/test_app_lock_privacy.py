"""Locking (by key and when idle), privacy mode, and the ways a note could leak
out of the app: screenshots, the clipboard, a crash report."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static

from screens.app import CRASH_SAVED, QuietroomApp
from screens.base import VaultScreen
from screens.client_form import ClientFormScreen
from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.confirm import ConfirmScreen
from screens.unlock import UnlockScreen
from tests.conftest import PASSPHRASE
from tests.ui.conftest import SIZE, FakeSeconds, unlock
from vault.errors import StorageFailure
from vault.vault import Vault

SECRET = "She said the harmonica is the only thing that helps"


class DraftScreen(VaultScreen):
    """Stands in for the note editor: holds unsaved text and saves it before a lock."""

    BINDINGS = [Binding("ctrl+k", "crash", "Crash", id="test.crash")]

    def __init__(self, note_id: int) -> None:
        super().__init__()
        self.note_id = note_id
        self.unsaved = SECRET

    def compose(self):
        yield Static(self.unsaved, markup=False)

    def before_lock(self) -> None:
        self.vault.notes.save_draft(self.note_id, self.unsaved)

    def reopen(self) -> Callable[[], Screen[None]]:
        return lambda: DraftScreen(self.note_id)

    def action_crash(self) -> None:
        note_text = self.unsaved  # a local a default crash report would print
        raise RuntimeError(f"boom {len(note_text)}")


def body_of(vault_dir, note_id: int) -> str:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        return vault.notes.get(note_id).body


# -- lock -------------------------------------------------------------------------------


async def test_ctrl_l_locks_destroys_every_screen_and_unlock_returns(unlocked_app, practice_ids):
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    pilot.app.open_client(practice_ids["ana"])
    await pilot.pause()
    await app.push_screen(DraftScreen(practice_ids["draft"]))
    old_vault, old_screens = app.vault, list(app.screen_stack)
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert app.vault is None and not old_vault.is_open
    assert [type(screen) for screen in app.screen_stack] == [UnlockScreen]
    assert not any(screen.is_attached for screen in old_screens)
    assert "Okafor" not in app.export_screenshot()
    assert body_of(app.vault_dir, practice_ids["draft"]) == SECRET  # saved before the lock

    await unlock(pilot)
    stack = app.screen_stack
    assert [type(screen) for screen in stack] == [ClientListScreen, ClientRecordScreen, DraftScreen]
    assert stack[1].client_id == practice_ids["ana"] and stack[1] is not old_screens[1]
    await pilot.press("escape", "escape")
    await pilot.pause()
    assert isinstance(app.screen, ClientListScreen)


async def test_a_modal_is_dropped_by_the_lock(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientFormScreen)
    await pilot.press("ctrl+l")
    await pilot.pause()
    await unlock(pilot)
    assert [type(screen) for screen in pilot.app.screen_stack] == [ClientListScreen]


async def test_idle_minutes_lock_the_vault_and_a_key_press_resets_them(make_app) -> None:
    clock = FakeSeconds()
    app = make_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.vault.settings.set("auto_lock_minutes", "2")
        clock.now += 110
        app.check_auto_lock()
        assert app.vault is not None
        await pilot.press("down")  # any key counts as activity
        clock.now += 110
        app.check_auto_lock()
        assert app.vault is not None
        clock.now += 10
        app.check_auto_lock()
        await pilot.pause()
        assert app.vault is None
        assert isinstance(app.screen, UnlockScreen)


class UnsavableScreen(DraftScreen):
    def before_lock(self) -> None:
        raise StorageFailure("Could not complete your note: disk I/O error.")


async def test_quit_keeps_the_app_open_when_a_draft_cannot_be_saved(unlocked_app, practice_ids):
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await app.push_screen(UnsavableScreen(practice_ids["draft"]))
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert app.is_running and app.vault is not None
    assert isinstance(app.screen, UnsavableScreen)
    await pilot.press("ctrl+q")  # the second time means it
    await pilot.pause()
    assert not app.is_running or app._exit
    assert app.vault is None


async def test_lock_and_search_do_nothing_while_locked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l", "ctrl+f", "escape")
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [UnlockScreen]


# -- privacy ------------------------------------------------------------------------------


async def test_privacy_mode_turns_names_into_initials(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await pilot.press("f2")
    assert app.privacy and "PRIVACY" in app.sub_title
    assert [str(app.screen.table.get_row_at(row)[0]) for row in range(2)] == ["L.B.", "A.O."]
    shown = app.export_screenshot()
    assert "Okafor" not in shown and "Brandt" not in shown and "PRIVACY" in shown

    app.open_client(practice_ids["leo"])
    await pilot.pause()
    header = str(app.screen.query_one("#record-header", Static).render())
    assert header.startswith("L.B.") and "Guardian: M.B. (mother)" in header
    assert "Brandt" not in app.export_screenshot()

    await pilot.press("f2")
    header = str(app.screen.query_one("#record-header", Static).render())
    assert header.startswith("Leo Brandt") and not app.sub_title


async def test_privacy_hides_contact_details_and_discharge_reason(
    make_app, demo_vault_dir, practice_ids
):
    with Vault.open(demo_vault_dir, PASSPHRASE) as vault:
        vault.clients.discharge(practice_ids["ana"], "Moved to Lisbon", "Dr. Costa")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f2")
        app.open_client(practice_ids["ana"])
        await pilot.pause()
        shown = app.export_screenshot()
        for secret in ("Lisbon", "Costa", "ana@example.org", "Okafor"):
            assert secret not in shown


# -- leaks --------------------------------------------------------------------------------


async def test_command_palette_has_no_screenshot(unlocked_app) -> None:
    pilot = unlocked_app
    titles = [command.title for command in pilot.app.get_system_commands(pilot.app.screen)]
    assert "Screenshot" not in titles and "Quit" in titles
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*"screensh")
    await pilot.pause(0.5)
    assert "Screenshot" not in pilot.app.export_screenshot()


async def test_no_text_selection_and_no_system_clipboard(unlocked_app) -> None:
    app = unlocked_app.app
    assert QuietroomApp.ALLOW_SELECT is False
    written: list[str] = []
    app._driver.write = written.append
    app.copy_to_clipboard("a line of a note")
    assert app.clipboard == "a line of a note"  # copy and paste inside the app still work
    assert not any("\x1b]52" in data for data in written)


async def test_a_crash_saves_drafts_and_prints_one_plain_sentence(
    make_app, practice_ids, capsys
) -> None:
    app = make_app()
    with pytest.raises(RuntimeError):  # run_test re-raises the crash so tests can see it
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            await app.push_screen(DraftScreen(practice_ids["draft"]))
            await pilot.press("ctrl+k")
            await pilot.pause()
    printed = capsys.readouterr()
    output = " ".join((printed.out + printed.err).split())
    assert CRASH_SAVED in output
    for leak in ("Traceback", "locals", "note_text", "harmonica", SECRET):
        assert leak not in output
    assert app.vault is None
    assert body_of(app.vault_dir, practice_ids["draft"]) == SECRET


CRASHING_RUN = """
import sys
from pathlib import Path
from screens.app import QuietroomApp

class Crashing(QuietroomApp):
    CSS_PATH = QuietroomApp.CSS_PATH  # resolved beside this script otherwise
    def on_mount(self):
        super().on_mount()
        self.set_timer(0.1, self.crash)

    def crash(self):
        note_text = sys.argv[1]
        raise ValueError("failed on " + note_text[:3])

app = Crashing(Path(sys.argv[2]))
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code)
"""


def test_a_real_run_prints_no_traceback_after_a_crash(tmp_path) -> None:
    script = tmp_path / "crashing_run.py"  # a file: Textual finds CSS beside a class's source
    script.write_text(CRASHING_RUN)
    result = subprocess.run(
        [sys.executable, str(script), SECRET, str(tmp_path / "vault")],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )  # fmt: skip
    assert result.returncode == 1
    output = " ".join((result.stdout + result.stderr).split())
    assert CRASH_SAVED in output
    for leak in ("Traceback", "note_text", "harmonica", "ValueError"):
        assert leak not in output


# -- quitting with a form half filled -----------------------------------------------------


class HalfFilledForm(ModalScreen[None]):
    """Stands in for the new-client form: typed input that is not saved anywhere yet."""

    def compose(self):
        yield Input(id="typed")

    def has_unsaved_input(self) -> bool:
        return bool(self.query_one("#typed", Input).value)


class UnsavedVaultScreen(VaultScreen):
    def has_unsaved_input(self) -> bool:
        return True


async def test_ctrl_q_with_an_unsaved_form_asks_first(unlocked_app) -> None:
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await app.push_screen(HalfFilledForm())
    await pilot.press(*"Rosa")
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen) and app.is_running and app.vault is not None
    assert "not been saved" in str(app.screen.query_one("#confirm-question").render())
    await pilot.press("n")  # no: back to the form, as typed
    await pilot.pause()
    assert isinstance(app.screen, HalfFilledForm)
    assert app.screen.query_one("#typed", Input).value == "Rosa"
    await pilot.press("ctrl+q")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert app._exit and app.vault is None


async def test_ctrl_q_twice_means_quit_and_an_empty_form_does_not_ask(unlocked_app) -> None:
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await app.push_screen(UnsavedVaultScreen())
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert app._exit and app.vault is None


async def test_an_empty_form_quits_at_once(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.app.push_screen(HalfFilledForm())
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert pilot.app._exit and pilot.app.vault is None


async def test_ctrl_c_copies_a_selection_and_otherwise_quits_saving(unlocked_app, practice_ids):
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await pilot.press(*"okaf")
    box = app.screen.query_one("#client-filter", Input)
    box.select_all()
    await pilot.press("ctrl+c")
    await pilot.pause()
    assert app.clipboard == "okaf" and app.is_running and not app._exit
    await app.push_screen(DraftScreen(practice_ids["draft"]))
    await pilot.press("ctrl+c")
    await pilot.pause()
    assert app._exit and app.vault is None
    assert body_of(app.vault_dir, practice_ids["draft"]) == SECRET


async def test_ctrl_z_locks(unlocked_app, practice_ids) -> None:
    # Headless, the process is not stopped; tests/ui/test_os_signals.py stops a real one.
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    await app.push_screen(DraftScreen(practice_ids["draft"]))
    await pilot.press("ctrl+z")
    await pilot.pause()
    assert app.vault is None and isinstance(app.screen, UnlockScreen)
    assert body_of(app.vault_dir, practice_ids["draft"]) == SECRET


# -- the command palette --------------------------------------------------------------------


async def palette_titles(pilot, typed: str) -> str:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*typed)
    await pilot.pause(0.6)  # the palette gathers hits in the background
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    hits = pilot.app.screen.query_one(OptionList)
    return "\n".join(str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count))


async def test_the_palette_offers_the_apps_own_actions(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    titles = [command.title for command in app.get_system_commands(app.screen)]
    for title in ("New client", "Search notes", "Lock", "Privacy mode on", "Help"):
        assert title in titles
    assert "New note" not in titles  # no client open
    app.open_client(practice_ids["ana"])
    await pilot.pause()
    assert "New note" in [command.title for command in app.get_system_commands(app.screen)]

    await palette_titles(pilot, "lock")
    await pilot.press("enter")
    await pilot.pause()
    assert app.vault is None and isinstance(app.screen, UnlockScreen)
    titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Lock" not in titles and "Search notes" not in titles and "Help" in titles


async def test_the_palette_opens_a_client_by_name(unlocked_app, practice_ids) -> None:
    pilot = unlocked_app
    app: QuietroomApp = pilot.app
    shown = await palette_titles(pilot, "okaf")
    assert "Open Ana Okafor" in shown
    await pilot.press("down", "enter")
    await pilot.pause()
    assert isinstance(app.screen, ClientRecordScreen)
    assert app.screen.client_id == practice_ids["ana"]


async def test_the_palette_shows_initials_in_privacy_mode(unlocked_app) -> None:
    pilot = unlocked_app
    await pilot.press("ctrl+o")
    shown = await palette_titles(pilot, "brandt")
    assert "Open L.B." in shown and "Leo" not in shown
