"""Closing the terminal, a kill, ctrl+c and ctrl+z, for real: the app runs in a child
process on a pseudo-terminal that is its controlling terminal, a note is typed into
the editor, and the terminal is closed (or a signal sent) before the 2 s autosave.
The words must be in the vault afterwards, and the vault closed.

The Windows console close event cannot be raised here; `os_signals` choosing the
console API when it exists, and what its handler does, are unit-tested below.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from screens import os_signals
from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.storage.layout import VaultLayout
from vault.vault import Vault

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROOT = Path(__file__).resolve().parents[2]
COLUMNS, ROWS = 100, 30
TYPED = "zebrafinch"

# The real app; once unlocked it opens the draft note, as Enter on it would.
DRIVER = """
import sys
from pathlib import Path

import screens  # clears TEXTUAL* before textual is imported
from screens.app import QuietroomApp

app = QuietroomApp(Path(sys.argv[1]))
unlocked = app.vault_unlocked


def unlocked_then_open_the_note(vault):
    unlocked(vault)
    app.call_later(app.open_note, int(sys.argv[2]))


app.vault_unlocked = unlocked_then_open_the_note
app.run()
"""


def take_terminal() -> None:
    # Runs in the child after setsid(): the pty becomes its controlling terminal, so
    # closing the master sends it SIGHUP, as closing a terminal window does.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, argv: list[str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
            start_new_session=True, preexec_fn=take_terminal,
        )  # fmt: skip
        os.close(slave)
        self.output = bytearray()

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.master >= 0 and (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, marker: str, since: int = 0, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while marker.encode() not in self.output[since:]:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"never saw {marker!r}: …{bytes(self.output[-1500:])!r}")
            self.read_for(0.05)
        return len(self.output)

    def send(self, data: bytes) -> int:
        os.write(self.master, data)
        return len(self.output)

    def close_window(self) -> None:
        os.close(self.master)
        self.master = -1

    def exit_status(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_for(0.1) if self.master >= 0 else time.sleep(0.1)
        assert self.process.poll() is not None, "the app did not end"
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


@pytest.fixture
def draft_vault(tmp_path: Path) -> tuple[Path, int]:
    vault_dir = tmp_path / "vault"
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        draft = add_practice(vault)["draft"]
    finally:
        vault.close()
    return vault_dir, draft


@contextlib.contextmanager
def typing_in_the_editor(vault_dir: Path, note_id: int) -> Iterator[Terminal]:
    """The app on a terminal, in the draft's editor, with TYPED just painted (unsaved)."""
    driver = vault_dir.parent / "driver.py"
    driver.write_text(DRIVER)
    terminal = Terminal([sys.executable, str(driver), str(vault_dir), str(note_id)])
    try:
        terminal.wait_for("Passphrase")
        at = terminal.send(PASSPHRASE.encode() + b"\r")
        at = terminal.wait_for("Discard draft", at)
        terminal.read_for(0.3)
        at = terminal.send(TYPED.encode())
        terminal.wait_for(TYPED, at)  # on screen: typed well under 2 s ago, not autosaved
        yield terminal
    finally:
        terminal.kill()


def body_of(vault_dir: Path, note_id: int) -> str:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        return vault.notes.get(note_id).body


def closed_cleanly(vault_dir: Path) -> bool:
    """SQLite removes the write-ahead log when the last connection closes."""
    layout = VaultLayout(vault_dir)
    return not Path(f"{layout.database}-wal").exists()


def send_signal(name: str):
    return lambda terminal: terminal.process.send_signal(getattr(signal, name))


ENDINGS = {
    "the terminal window closed (SIGHUP)": Terminal.close_window,
    "SIGTERM": send_signal("SIGTERM"),
    "SIGINT": send_signal("SIGINT"),
    "ctrl+c typed": lambda terminal: terminal.send(b"\x03"),
}


@posix_only
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_text_typed_just_before_the_end_is_in_the_vault(draft_vault, ending) -> None:
    vault_dir, draft = draft_vault
    with typing_in_the_editor(vault_dir, draft) as terminal:
        ENDINGS[ending](terminal)
        status = terminal.exit_status()
    assert status == 0, f"ended by signal {-status}" if status < 0 else status
    assert closed_cleanly(vault_dir)
    assert TYPED in body_of(vault_dir, draft)


def process_state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@posix_only
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the state from /proc")
def test_sigtstp_locks_and_saves_before_the_process_stops(draft_vault) -> None:
    vault_dir, draft = draft_vault
    with typing_in_the_editor(vault_dir, draft) as terminal:
        terminal.process.send_signal(signal.SIGTSTP)
        deadline = time.monotonic() + 15
        while process_state(terminal.process.pid) != "T":
            assert time.monotonic() < deadline, "the app never stopped"
            terminal.read_for(0.1)
        # Stopped, with the vault closed (this open would be refused otherwise) and saved.
        assert TYPED in body_of(vault_dir, draft)
        at = len(terminal.output)
        terminal.process.send_signal(signal.SIGCONT)
        terminal.wait_for("Passphrase", at)  # back, and locked
        assert TYPED.encode() not in terminal.output[at:]


# -- the choice of mechanism ------------------------------------------------------------


class FakeKernel32:
    def __init__(self) -> None:
        self.handlers: list[tuple[object, bool]] = []

    def SetConsoleCtrlHandler(self, routine: object, add: bool) -> int:  # noqa: N802
        self.handlers.append((routine, add))
        return 1


def test_no_windows_console_api_here_means_posix_signals() -> None:
    if sys.platform != "win32":
        assert os_signals.windows_console() is None


async def test_where_the_console_api_exists_closing_the_window_saves(monkeypatch) -> None:
    kernel32 = FakeKernel32()
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": kernel32})(),
                        raising=False)  # fmt: skip
    monkeypatch.setattr(ctypes, "WINFUNCTYPE", lambda *types: lambda fn: fn, raising=False)
    added: list[object] = []
    monkeypatch.setattr(os_signals, "_install_posix", lambda *args: added.append(args))

    closed: list[str] = []
    uninstall = os_signals.install(asyncio.get_running_loop(), lambda: closed.append("saved"))
    assert not added, "POSIX signals were used where the console API exists"
    [(handler, added_it)] = kernel32.handlers
    assert added_it is True

    # Windows calls the handler in a thread of its own and ends the process when it returns.
    assert await asyncio.to_thread(handler, os_signals.CTRL_CLOSE_EVENT) is True
    assert closed == ["saved"]
    assert await asyncio.to_thread(handler, os_signals.CTRL_C_EVENT) is False  # a key press
    assert closed == ["saved"]
    uninstall()
    assert kernel32.handlers[-1] == (handler, False)
