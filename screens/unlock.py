"""The first screen: the passphrase, and every reason a vault might not open.

Argon2id takes about half a second on purpose, so the key is derived in a thread
worker while the screen says "Unlocking…". The passphrase lives only in the
Input until Enter, then in that worker's arguments; the Input is cleared at once.
Each wrong passphrase in a row makes the next attempt wait longer.

The screen is the first thing painted, so it imports nothing it does not draw:
the crypto and storage stack (vault.vault: cryptography, Argon2, SQLCipher) and
the client list load in a thread once the prompt is on screen, while the user
types, and in the unlock worker if Enter comes first. For the same reason it has
few widgets (no Header: its title is in the box, and privacy mode says so there).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from vault.errors import VaultError, WrongPassphrase
from vault.storage.layout import VaultLayout

if TYPE_CHECKING:
    from screens.app import QuietroomApp

MAX_RETRY_DELAY = 30.0
PRELOAD_AFTER = 0.3  # seconds after mount; see on_mount
PRIVACY_NOTE = "Privacy mode is on: names will show as initials, note text hidden."
UNEXPECTED = (
    "Quietroom could not open the vault because of an unexpected problem. "
    "Run `quietroom verify` to check it, or restore it from a backup."
)


def key_bar(app: App[object]) -> Text:
    """The unlock screen's footer as one line: the app's footer keys that work while
    locked, then the palette and quit. Textual's Footer recomposes itself once mounted,
    which held back the first complete frame by ~40 ms, a sixth of the launch."""
    keys = [
        (app.get_key_display(binding), binding.description)
        for _key, binding in app._bindings
        if binding.show
        and binding.description
        and app.check_action(binding.action, ()) is not False
    ]
    keys += [("^p", "Commands"), ("^q", "Quit")]
    line = Text(no_wrap=True, overflow="ellipsis")
    for display, description in keys:
        line.append(f" {display} ", style="bold").append(f"{description} ")
    return line


def retry_delay(failures: int) -> float:
    """Seconds to wait after the n-th wrong passphrase in a row: 0, 1, 2, 4, 8 … up to 30."""
    return 0.0 if failures <= 1 else min(MAX_RETRY_DELAY, 2.0 ** (failures - 2))


class UnlockScreen(Screen[None]):
    def __init__(
        self,
        vault_dir: Path,
        *,
        demo_passphrase: str | None = None,
        retry_delay: Callable[[int], float] = retry_delay,
    ) -> None:
        super().__init__()
        self.vault_dir = vault_dir
        self.demo_passphrase = demo_passphrase
        self._retry_delay = retry_delay
        self.failures = 0
        self._retry_at = 0.0
        self._countdown: Timer | None = None

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Static("Quietroom", id="unlock-title")
            yield Static(Text(f"Vault: {self.vault_dir}", no_wrap=True, overflow="ellipsis"))
            if self.demo_passphrase is not None:
                yield Static(
                    Text(
                        f"Demo vault — passphrase: {self.demo_passphrase}\n"
                        "(cheap key settings, demo only)"
                    ),
                    id="unlock-demo",
                )
            yield Input(password=True, placeholder="Passphrase, then Enter", id="passphrase")
            yield Static("", id="unlock-message")
            yield Static(PRIVACY_NOTE, id="unlock-privacy")
        yield Static(id="unlock-keys")

    def on_mount(self) -> None:
        self.query_one("#unlock-keys", Static).update(key_bar(self.app))
        self.watch(self.app, "privacy", self._show_privacy)
        if not VaultLayout(self.vault_dir).exists():
            self._say(
                f"There is no vault in {self.vault_dir}. Create one with `quietroom init`, "
                "or try Quietroom with a demo vault: `quietroom demo`.",
                error=True,
            )
            self.query_one(Input).disabled = True
            return
        self.query_one(Input).focus()
        # Not at once: the imports would hold the GIL while Textual's output thread is
        # still writing the prompt to the terminal (~15% of the launch). Nobody types a
        # passphrase in this time, and Enter before it imports in the worker anyway.
        self.set_timer(PRELOAD_AFTER, self._preload)

    @work(thread=True, group="preload", exit_on_error=False)
    def _preload(self) -> None:
        """Import what unlocking and the client list need, while the passphrase is typed."""
        import screens.client_list  # noqa: F401
        import vault.vault  # noqa: F401

    def on_input_submitted(self, event: Input.Submitted) -> None:
        passphrase = event.value
        event.input.clear()
        if not passphrase or event.input.disabled:
            return
        self._set_busy(True)
        self._say("Unlocking…")
        self._open_vault(passphrase)
        self.qr_app.prepare_to_unlock()  # while Argon2id runs, not after it

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _open_vault(self, passphrase: str) -> None:
        try:
            # Already loaded by _preload, unless Enter was quick.
            import screens.client_list  # noqa: F401
            from vault.vault import Vault

            vault = Vault.open(self.vault_dir, passphrase)
        except VaultError as error:
            self.app.call_from_thread(self._failed, error)
        except Exception:  # never let a surprise hang the screen on "Unlocking…"
            self.app.call_from_thread(self._failed, None)
        else:
            self.app.call_from_thread(self.qr_app.vault_unlocked, vault)

    def _failed(self, error: VaultError | None) -> None:
        self._set_busy(False)
        if isinstance(error, WrongPassphrase):
            self.failures += 1
            self._say(f"Wrong passphrase (attempt {self.failures}).", error=True)
            delay = self._retry_delay(self.failures)
            if delay > 0:
                self._wait_before_retry(delay)
                return
        elif error is not None:
            self._say(f"{error.title}. {error.message}", error=True)
        else:
            self._say(UNEXPECTED, error=True)
        self.query_one(Input).focus()

    def _wait_before_retry(self, delay: float) -> None:
        self._retry_at = self.qr_app.clock() + delay
        self.query_one(Input).disabled = True
        self._tick()
        self._countdown = self.set_interval(0.25, self._tick)

    def _tick(self) -> None:
        left = self._retry_at - self.qr_app.clock()
        if left <= 0:
            if self._countdown is not None:
                self._countdown.stop()
                self._countdown = None
            passphrase = self.query_one(Input)
            passphrase.disabled = False
            passphrase.focus()
            self._say(f"Wrong passphrase (attempt {self.failures}). Try again.", error=True)
            return
        self._say(
            f"Wrong passphrase (attempt {self.failures}). "
            f"Wait {math.ceil(left)} s before trying again.",
            error=True,
        )

    def _show_privacy(self, privacy: bool) -> None:
        self.query_one("#unlock-privacy").display = privacy

    def _set_busy(self, busy: bool) -> None:
        self.query_one(Input).disabled = busy
        self.set_class(busy, "-busy")

    def _say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#unlock-message", Static)
        label.update(Text(message))
        label.set_class(error, "-error")
