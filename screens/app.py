"""The Quietroom application: unlocking, locking, privacy mode, global keys, and a
crash that tells nothing.

Screens live in two modes. "locked" holds only the UnlockScreen; "unlocked" holds
the client list and whatever was opened on top of it. Locking switches to a fresh
"locked" mode and removes the whole "unlocked" stack, so every widget that showed
vault data is destroyed, not merely covered. Each VaultScreen first saves its
drafts (`before_lock`) and leaves a factory (`reopen`) to rebuild it after the
next unlock, which puts the user back where they were.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import Screen

from screens import os_signals, paste_guard
from screens.base import VaultScreen, screen_has_unsaved_input
from screens.unlock import UnlockScreen, retry_delay
from vault.errors import VaultError, VaultLocked

if TYPE_CHECKING:
    from vault.vault import Vault  # loaded after the unlock prompt is painted (screens/unlock.py)

LOCKED, UNLOCKED = "locked", "unlocked"
SCREENS_CSS = Path(__file__).with_name("screens.tcss")  # all but the unlock screen's styles
IDLE_CHECK_SECONDS = 5.0
AFTER_FIRST_PAINT = 0.3  # seconds: the unlock prompt has reached the terminal by then
DEFAULT_AUTO_LOCK_MINUTES = 5
PRIVACY_SUBTITLE = "PRIVACY — initials only, note text hidden"
DEADLINE_REFRESH_SECONDS = 60.0
WARM_UP_AFTER = 0.5  # seconds after unlock: the client list has been painted by then
CRASH_SAVED = (
    "Quietroom hit an unexpected problem and closed. Drafts were saved. "
    "No note text was written anywhere."
)
CRASH_UNSAVED = (
    "Quietroom hit an unexpected problem and closed. The latest draft changes may not "
    "have been saved (the last autosave is in the vault). No note text was written anywhere."
)

ScreenFactory = Callable[[], Screen[None]]


def warm_up(vault: Vault) -> None:
    """Read what the risk prompt needs while the clinician looks at the list: its modules
    and the rule packs. The first flag raised is the one that must not keep them
    waiting (issue 8: the prompt opens in 150 ms). Runs in a thread; a failure here only
    means the prompt does the work itself when opened."""
    import screens.risk.flag_picker  # noqa: F401
    import screens.risk.prompt  # noqa: F401
    import screens.risk_screen  # noqa: F401

    with contextlib.suppress(Exception):  # a broken pack is reported when the prompt opens
        vault.rule_packs()


def clients_provider() -> type[Provider]:
    """ "Open a client by name" in the palette; loaded when the palette first opens."""
    from screens.palette import ClientsProvider

    return ClientsProvider


class QuietroomApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Quietroom"
    DEFAULT_MODE = LOCKED
    # Selecting text with the mouse copies it to the system clipboard through the
    # terminal (OSC 52), where clipboard managers keep a history: a note would leave
    # the vault. The app is keyboard-only, so selection is simply switched off.
    ALLOW_SELECT = False

    # Every F-key has a ctrl form: on a Mac laptop the F-keys are media keys unless fn
    # is held. The ctrl forms are ones no text box uses (ctrl+a/e/k/u/w/x/c/v/z/y are
    # taken by Textual's editing keys, ctrl+p by the palette); under tmux, whose prefix
    # is ctrl+b, help is ? or F1.
    BINDINGS = [
        Binding("ctrl+l", "lock", "Lock", id="app.lock", priority=True),
        Binding("ctrl+o", "toggle_privacy", "Privacy", id="app.privacy", priority=True),
        Binding(
            "f2", "toggle_privacy", "Privacy", id="app.privacy_f2", priority=True, show=False
        ),  # fmt: skip
        # `/` and `?` are not priority bindings, so they can still be typed into inputs;
        # ctrl+f and ctrl+b are, and work from anywhere, so the footer shows those.
        Binding("ctrl+f", "search", "Search", id="app.search_anywhere", priority=True),
        Binding("slash", "search", "Search", id="app.search", show=False),
        Binding("ctrl+b", "help", "Help", id="app.help_anywhere", priority=True),
        Binding("question_mark", "help", "Help", id="app.help", show=False),
        Binding("f1", "help", "Help", id="app.help_f1", priority=True, show=False),
        Binding("escape", "back", "Back", id="app.back"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
        # Textual's ctrl+c only says "press ctrl+q"; people press it to stop a program.
        Binding("ctrl+c", "interrupt", "Quit", id="app.interrupt", priority=True, show=False),
        # Not priority: in the note editor ctrl+z is undo.
        Binding("ctrl+z", "suspend", "Lock and suspend", id="app.suspend", show=False),
    ]

    privacy: reactive[bool] = reactive(False)
    COMMANDS = App.COMMANDS | {clients_provider}

    def __init__(
        self,
        vault_dir: Path,
        *,
        demo_passphrase: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        retry_delay: Callable[[int], float] = retry_delay,
    ) -> None:
        # Before any input is parsed: an ESC inside a pasted text would otherwise be
        # read as key presses (ctrl+g, y: a note signed by a paste).
        paste_guard.install()
        super().__init__()
        self.vault_dir = Path(vault_dir)
        self.demo_passphrase = demo_passphrase
        self.vault: Vault | None = None
        self.today = today  # ages and default dates; injectable so snapshots are stable
        self.clock = clock  # seconds, monotonic; tests pass a fake
        self._retry_delay = retry_delay
        self._last_activity = clock()
        self._reopen_after_unlock: list[ScreenFactory] = []
        self._quit_anyway = False
        self._quit_question: Screen[bool] | None = None  # "quit and lose the form?", when asked
        self._unsaved_input_dropped = False  # the user said yes to that question
        self._uninstall_os_signals: os_signals.Uninstall | None = None
        self._screen_styles_loaded = False
        # The app starts in the locked mode (DEFAULT_MODE): its first screen is the unlock
        # screen itself, not Textual's empty default screen switched away from at once.
        self._add_mode(LOCKED, self._unlock_screen)

    # -- the vault ----------------------------------------------------------------

    def require_vault(self) -> Vault:
        if self.vault is None:
            raise VaultLocked("The vault is locked. Unlock it to continue.")
        return self.vault

    def on_mount(self) -> None:
        self.set_interval(IDLE_CHECK_SECONDS, self.check_auto_lock)
        self.set_interval(DEADLINE_REFRESH_SECONDS, self.refresh_deadline)
        # Once the prompt is on the screen: its bytes reach the terminal through Textual's
        # output thread, which work done at once here would hold back. Nothing is unlocked
        # before then, so nothing can be lost; unlocking installs them at the latest.
        self.set_timer(AFTER_FIRST_PAINT, self._install_os_signals)

    async def _ready(self) -> None:
        """Textual's hook for what should run first once the app is running."""
        await super()._ready()
        # The unlock screen was composed and laid out before the app ran, and Textual
        # writes no frame before that: the frames after it held only the regions changed
        # since (title, footer), and the passphrase field came with a later full repaint,
        # ~40 ms on (~15% of the launch). Marked whole, the first frame written is complete.
        with contextlib.suppress(AttributeError):  # Textual internals: an optimisation only
            self.screen._compositor._dirty_regions.add(self.screen.size.region)

    def _install_os_signals(self) -> None:
        if self._uninstall_os_signals is not None:
            return
        self._uninstall_os_signals = os_signals.install(
            asyncio.get_running_loop(),
            on_close=self.close_from_outside,
            on_suspend=self.action_suspend,
            on_hangup=self.close_after_hangup,
        )

    def on_unmount(self) -> None:
        if self._uninstall_os_signals is not None:
            self._uninstall_os_signals()
            self._uninstall_os_signals = None

    def close_from_outside(self) -> None:
        """The system asked the app to end (SIGTERM, SIGINT, a Windows console closing):
        nobody may be there to answer a question, so save, close the vault and exit."""
        self._save_drafts_and_close()
        self.exit()

    def close_after_hangup(self) -> None:
        """The terminal is gone (SIGHUP): save and close, then end the process at once.
        There is no terminal to restore, and Textual's own exit would wait forever for
        its output thread, which died writing to the closed terminal."""
        self._save_drafts_and_close()
        os._exit(0)

    def _save_drafts_and_close(self) -> None:
        with contextlib.suppress(Exception):
            self._save_drafts()
        with contextlib.suppress(Exception):
            self._close_vault()

    def vault_unlocked(self, vault: Vault) -> None:
        """Called by the UnlockScreen: show the client list, then what was open before."""
        from screens.client_list import ClientListScreen

        self.vault = vault
        self._last_activity = self.clock()
        self._install_os_signals()
        self.load_screen_styles()
        factories, self._reopen_after_unlock = self._reopen_after_unlock, []
        self._start_mode(UNLOCKED, ClientListScreen)
        for factory in factories:
            self.push_screen(factory())
        self.remove_mode(LOCKED)
        self.refresh_bindings()
        self.refresh_deadline()
        # Not now: the imports would hold the GIL while the list is being painted.
        self.set_timer(WARM_UP_AFTER, self._warm_up)

    def _warm_up(self) -> None:
        if self.vault is not None:  # not if the vault was locked again meanwhile
            self.run_worker(partial(warm_up, self.vault), thread=True, group="warm-up",
                            exit_on_error=False)  # fmt: skip

    def prepare_to_unlock(self) -> None:
        """What unlocking needs, done while Argon2id runs in the unlock worker (the
        user may press Enter before the timers set at mount have run)."""
        self._install_os_signals()
        self.load_screen_styles()

    def load_screen_styles(self) -> None:
        """Add screens.tcss to the stylesheet, once. Only the rules new to it are parsed;
        screens mounted from now on get them (the unlock screen needs none of them)."""
        if self._screen_styles_loaded:
            return
        self._screen_styles_loaded = True
        css = SCREENS_CSS.read_text(encoding="utf-8")
        self.stylesheet.add_source(css, read_from=(str(SCREENS_CSS), ""))

    def lock(self) -> None:
        if self.vault is None:
            return
        factories: list[ScreenFactory] = []
        problems = self._save_drafts(factories)
        self._close_vault()
        self._reopen_after_unlock = factories
        self.refresh_deadline()  # the vault is closed: the header forgets it
        self.clear_notifications()
        self._show_unlock_screen()
        self.remove_mode(UNLOCKED)
        self.refresh_bindings()
        for problem in problems:
            self.notify(problem, title="Before locking", severity="error", markup=False)

    def _unlock_screen(self) -> Screen[None]:
        return UnlockScreen(
            self.vault_dir, demo_passphrase=self.demo_passphrase, retry_delay=self._retry_delay
        )

    def _show_unlock_screen(self) -> None:
        self._start_mode(LOCKED, self._unlock_screen)

    def _start_mode(self, mode: str, make_screen: ScreenFactory) -> None:
        """Add `mode` with a new screen built by `make_screen`, and switch to it."""
        self._add_mode(mode, make_screen)
        self.switch_mode(mode)

    def _add_mode(self, mode: str, make_screen: ScreenFactory) -> None:
        def build() -> Screen[None]:
            screen = make_screen()
            # Built this instant, the screen has missed no change of CSS. Unmarked, Textual
            # (8.x) re-parses and re-applies every stylesheet twice when a mode starts, in
            # case its screen is stale (textual PR #5211): ~40 ms of the 100 ms unlock budget.
            screen._css_update_count = self._css_update_count
            return screen

        self.add_mode(mode, build)

    def _save_drafts(self, factories: list[ScreenFactory] | None = None) -> list[str]:
        """`before_lock` on every vault screen, bottom to top; returns what went wrong."""
        problems: list[str] = []
        for screen in self.screen_stack if self.current_mode == UNLOCKED else []:
            # Vault screens, and the modal forms that keep a draft (duck typing, as with
            # has_unsaved_input); other modals (help, pickers, the export dialog and its
            # password) are dropped. A form the user chose to lose on quit is not saved.
            before_lock = getattr(screen, "before_lock", None)
            reopen = getattr(screen, "reopen", None)
            if not callable(before_lock) or not callable(reopen):
                continue
            if self._unsaved_input_dropped and not isinstance(screen, VaultScreen):
                continue
            try:
                before_lock()
            except VaultError as error:
                problems.append(error.message)
            except Exception:
                problems.append("A draft could not be saved before locking.")
            factory = reopen()
            if factories is not None and factory is not None:
                factories.append(factory)
        return problems

    def _close_vault(self) -> None:
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.close()

    # -- idle ---------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp, events.Paste)):  # fmt: skip
            self._last_activity = self.clock()
        await super().on_event(event)

    def check_auto_lock(self) -> None:
        """Lock when no key has been pressed for the vault's auto-lock minutes."""
        if self.vault is None:
            return
        try:
            minutes = self.vault.settings.auto_lock_minutes
        except (VaultError, ValueError):
            minutes = DEFAULT_AUTO_LOCK_MINUTES
        if self.clock() - self._last_activity >= minutes * 60:
            self.lock()
            self.notify(f"Locked after {minutes} idle minutes.", title="Locked", markup=False)

    # -- navigation used by every screen ----------------------------------------------

    def open_client(self, client_id: int) -> None:
        from screens.client_record import ClientRecordScreen

        self.push_screen(ClientRecordScreen(client_id))

    def open_note(self, note_id: int) -> None:
        """The note editor, with the note's client record under it so Escape leads there."""
        from screens.client_record import ClientRecordScreen
        from screens.note_editor import NoteEditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditorScreen) and screen.note_id == note_id:
                # Already open lower down (search from inside the editor): go back to it
                # rather than run two editors autosaving the same draft.
                screen.pop_until_active()
                return
        try:
            client_id = self.require_vault().notes.get(note_id).client_id
        except VaultError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            return
        if not any(
            isinstance(screen, ClientRecordScreen) and screen.client_id == client_id
            for screen in self.screen_stack
        ):
            self.push_screen(ClientRecordScreen(client_id))
        self.push_screen(NoteEditorScreen(note_id))

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("lock", "search"):
            return self.vault is not None
        if action == "back":
            return len(self.screen_stack) > 1
        return True

    def action_lock(self) -> None:
        self.lock()

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.privacy

    def watch_privacy(self, privacy: bool) -> None:
        self.refresh_deadline()  # sets the sub-title; privacy changes what it may say
        self.set_class(privacy, "-privacy")

    # -- the soonest risk deadline in the header (issue 8) ---------------------------
    # Shown until it is recorded as done, refreshed each minute and whenever a screen
    # starts or completes a deadline (it calls refresh_deadline).

    _deadline_line = ""

    def refresh_deadline(self) -> None:
        line = ""
        if self.vault is not None:
            from screens.risk.header import deadline_line

            with contextlib.suppress(VaultError):
                due = self.vault.risk.open_deadlines()
                line = deadline_line(due, self.vault.store.clock(), privacy=self.privacy)
        self._deadline_line = line
        self._show_sub_title()

    def _show_sub_title(self) -> None:
        parts = (PRIVACY_SUBTITLE if self.privacy else "", self._deadline_line)
        self.sub_title = " · ".join(part for part in parts if part)

    def action_search(self) -> None:
        if self.vault is None:
            return
        from screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.load_screen_styles()
            self.push_screen(HelpScreen())

    async def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            await self.pop_screen()

    def action_suspend(self) -> None:
        """ctrl+z or SIGTSTP: lock first, then let the shell stop the process."""
        self.lock()
        if hasattr(signal, "SIGSTOP") and self._driver is not None and self._driver.can_suspend:
            self.call_after_refresh(self._stop_process)

    def _stop_process(self) -> None:
        with self.suspend():  # the terminal as it was; restored when the shell resumes us
            os.kill(os.getpid(), signal.SIGSTOP)

    def action_interrupt(self) -> None:
        """ctrl+c copies a selection in a text box, as there; anywhere else it quits."""
        copy = getattr(self.focused, "action_copy", None)
        if getattr(self.focused, "selected_text", "") and callable(copy):
            copy()
        else:
            self.call_next(self.action_quit)

    async def action_quit(self) -> None:
        if self._quit_question is not None and self.screen is self._quit_question:
            self._quit_question.dismiss(True)  # ctrl+q again on the question: yes
            return
        if not self._unsaved_input_dropped and any(
            screen_has_unsaved_input(screen) for screen in self.screen_stack
        ):
            from screens.confirm import ConfirmScreen

            self._quit_question = ConfirmScreen(
                "Quit?", "What you typed in this form has not been saved. Quit and lose it?",
                "Quit",
            )  # fmt: skip
            self.push_screen(self._quit_question, self._quit_if_confirmed)
            return
        problems = self._save_drafts()
        if problems and not self._quit_anyway:
            # The unsaved text is still on screen: say so instead of losing it.
            self._quit_anyway = True
            for problem in problems:
                self.notify(problem, title="Not saved", severity="error", markup=False)
            self.notify("Press ctrl+q again to quit without saving.", markup=False)
            return
        self._close_vault()
        self.exit()

    def _quit_if_confirmed(self, quit_anyway: bool | None) -> None:
        self._quit_question = None
        if quit_anyway:
            self._unsaved_input_dropped = True
            self.call_next(self.action_quit)

    # -- things that could leak -----------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from screens.palette import app_commands

        yield from app_commands(self, screen)
        # The screenshot command writes an SVG of the screen (names, notes) to disk.
        # Textual's "Keys" panel would duplicate help.
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Keys"):
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.notify("Screenshots are switched off: they would write the screen to disk.")

    def copy_to_clipboard(self, text: str) -> None:
        # Textual also sends copied text to the system clipboard through the terminal
        # (OSC 52), where clipboard history keeps it. Copy and paste stay inside the app.
        self._clipboard = text

    def _fatal_error(self) -> None:
        # Textual's default prints a traceback with show_locals=True: the locals of the
        # failing frame can hold note text. Save drafts, close, and say one sentence.
        try:
            saved = not self._save_drafts()
        except Exception:
            saved = False
        with contextlib.suppress(Exception):  # the exit below matters more than a clean close
            self._close_vault()
        self.bell()
        self._exit_renderables.append(Text(CRASH_SAVED if saved else CRASH_UNSAVED))
        self._close_messages_no_wait()


def run_app(vault_dir: Path, *, demo_passphrase: str | None = None) -> None:
    """Run the TUI until the user quits; exit status 1 after a crash."""
    app = QuietroomApp(vault_dir, demo_passphrase=demo_passphrase)
    try:
        app.run()
    finally:
        app._close_vault()
    if app.return_code:
        raise SystemExit(app.return_code)
