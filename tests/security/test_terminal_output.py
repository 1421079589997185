"""Hostile note text must reach a real terminal inert.

A vault is made whose notes carry the things a terminal would obey: OSC 52 (write
the clipboard), OSC 2 (set the window title), CSI 2J (clear the screen), a bidi
override, and Rich markup (a link, a style). The real app then runs in a child
process on a pseudo-terminal; the test types the passphrase into it, reads every
byte it writes, and drives it through the places note text is drawn: a signed
note with its addendum, an addendum's editor (with the original above it and a
hostile *paste* into the text box), search results with snippets, a draft in the
editor, and a hostile paste into the search box.

Textual writes some OSC sequences of its own (22: the pointer shape), so the checks
name the hostile payloads, not OSC in general.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
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

from tests.conftest import CHEAP, PASSPHRASE
from vault.records.clients import ClientInput
from vault.records.notes import SessionInput
from vault.vault import Vault

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROOT = Path(__file__).resolve().parents[2]
COLUMNS, ROWS = 120, 40

HOSTILE = (
    "Client pasted this from an email:\n"
    "clipboard \x1b]52;c;SGVsbG8=\x07 title \x1b]2;pwned\x07 clear \x1b[2J\n"
    "bidi \u202eevil\u202c and [link=https://evil.example]click[/link] and [bold red]x[/]\n"
)
# A paste with controls but no ESC (see the last test for ESC): C1 CSI, BEL, bidi.
PASTED = "frompaste \u009b2J \x07bell \u202edone"
PASTED_SHOWN = "frompaste \ufffd2J ␇bell \ufffddone"
# As copied from a terminal mail reader: a title sequence ending in BEL, which is
# ctrl+g (sign), then "y" (yes); then ctrl+d (discard) and "y" again.
PASTED_KEYS = "keys \x1b]2;x\x07y and \x1b]0;x\x04y end"


def bracketed(text: str) -> bytes:
    return b"\x1b[200~" + text.encode() + b"\x1b[201~"


# What the driver script runs: the real QuietroomApp, which opens the hostile signed
# note as soon as the passphrase typed on the terminal has unlocked the vault.
DRIVER = """
import sys
from pathlib import Path

import screens  # clears TEXTUAL* before textual is imported
from screens.app import QuietroomApp

vault_dir, note_id = Path(sys.argv[1]), int(sys.argv[2])
app = QuietroomApp(vault_dir)
unlocked = app.vault_unlocked


def unlocked_then_open_the_note(vault):
    unlocked(vault)
    app.call_later(app.open_note, note_id)


# On the instance, not in a subclass: a subclass here would look for app.tcss beside this file.
app.vault_unlocked = unlocked_then_open_the_note
app.run()
"""

KEY_DOWN = b"\x1b[B"
CTRL_F, CTRL_Q = b"\x06", b"\x11"


def make_hostile_vault(vault_dir: Path) -> dict[str, int]:
    """A client whose signed note (and its addendum) and a draft carry HOSTILE."""
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        client = vault.clients.add(ClientInput("Ana", "Okafor", "1988-03-14"))
        signed = vault.notes.start(client.id, template="free", session=SessionInput("2025-01-06"))
        vault.notes.save_draft(signed.id, HOSTILE)
        vault.notes.sign(signed.id)
        addendum = vault.notes.add_addendum(signed.id, "Addendum text. " + HOSTILE)
        vault.notes.sign(addendum.id)
        draft = vault.notes.start(client.id, template="free", session=SessionInput("2025-01-13"))
        vault.notes.save_draft(draft.id, "zebradraft " + HOSTILE)
        return {"signed": signed.id, "draft": draft.id}
    finally:
        vault.close()


class Terminal:
    """The master side of a pseudo-terminal with the app on the other side."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
            start_new_session=True, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.output = bytearray()

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the child has gone and the pty is closed
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, marker: str, since: int, timeout: float = 6.0) -> int:
        """Read until `marker` appears after byte `since`; return where the output ends."""
        wanted = marker.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.output[since:]:
            if time.monotonic() > deadline or self.process.poll() is not None:
                tail = bytes(self.output[-2000:])
                raise AssertionError(f"never saw {marker!r}; the terminal showed …{tail!r}")
            self.read_for(0.05)
        return len(self.output)

    def send(self, data: bytes) -> int:
        os.write(self.master, data)
        return len(self.output)

    def close(self) -> None:
        """Ask the app to quit, then make sure the child is gone whatever happened."""
        if self.master < 0:
            return
        try:
            if self.process.poll() is None:
                self.send(CTRL_Q)
                deadline = time.monotonic() + 3
                while self.process.poll() is None and time.monotonic() < deadline:
                    self.read_for(0.1)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            os.close(self.master)
            self.master = -1


@pytest.fixture
def hostile_vault(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_hostile_vault(vault_dir)


@contextlib.contextmanager
def app_on_a_terminal(vault_dir: Path, note_id: int) -> Iterator[Terminal]:
    """The real app on a pseudo-terminal, opening `note_id` once unlocked; always ended."""
    driver = vault_dir.parent / "driver.py"
    driver.write_text(DRIVER)
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS), PYTHONPATH=str(ROOT))
    terminal = Terminal([sys.executable, str(driver), str(vault_dir), str(note_id)], env)
    try:
        yield terminal
    finally:
        terminal.close()


def drive_through_every_place_notes_are_drawn(terminal: Terminal) -> None:
    at = terminal.wait_for("Passphrase", 0, timeout=10)
    at = terminal.send(PASSPHRASE.encode() + b"\r")
    at = terminal.wait_for("Addenda (1)", at)  # the signed note and its addendum
    at = terminal.send(b"a")
    at = terminal.wait_for("Addendum to note of", at)  # the original above a new addendum
    at = terminal.send(bracketed(PASTED))  # a hostile paste into the addendum's text box
    at = terminal.wait_for("frompaste", at)
    at = terminal.send(CTRL_F)
    at = terminal.wait_for("Search notes", at)
    at = terminal.send(b"zebradraft")
    at = terminal.wait_for("1 match", at)  # a result with its snippet
    terminal.read_for(0.2)
    at = terminal.send(KEY_DOWN)
    terminal.read_for(0.2)
    at = terminal.send(b"\r")
    at = terminal.wait_for("Discard draft", at)  # the draft, in the editor's text box
    at = terminal.send(CTRL_F)
    at = terminal.wait_for("Search notes", at)
    at = terminal.send(bracketed(PASTED))  # a hostile paste into the search box
    terminal.wait_for("frompaste", at)
    terminal.read_for(0.3)


def test_hostile_note_text_reaches_the_terminal_inert(hostile_vault) -> None:
    vault_dir, ids = hostile_vault
    with app_on_a_terminal(vault_dir, ids["signed"]) as terminal:
        drive_through_every_place_notes_are_drawn(terminal)
        terminal.close()
    out = bytes(terminal.output)

    # Nothing a terminal would obey.
    assert b"\x1b]52" not in out, "OSC 52 (clipboard write) reached the terminal"
    assert b"pwned" not in out.replace("␛]2;pwned".encode(), b""), "an OSC 2 title got through"
    assert not re.search(rb"\x1b\]8;[^\x07\x1b]*evil", out), "a hyperlink was made from markup"
    assert "\u202e".encode() not in out, "a bidi override reached the terminal"
    # ...and the text is shown, inert, not silently dropped.
    assert "␛]52;c;SGVsbG8=␇".encode() in out
    assert "␛]2;pwned␇".encode() in out
    assert "␛[2J".encode() in out
    assert "\ufffdevil".encode() in out
    assert b"[link=https://evil.example]click[/link]" in out
    assert b"[bold red]x[/]" in out
    # The pastes were made inert before they reached a widget.
    assert PASTED_SHOWN.encode() in out
    assert "\u009b".encode() not in out


def test_a_paste_cannot_press_keys(hostile_vault) -> None:
    vault_dir, ids = hostile_vault
    with app_on_a_terminal(vault_dir, ids["draft"]) as terminal:
        at = terminal.wait_for("Passphrase", 0, timeout=10)
        at = terminal.send(PASSPHRASE.encode() + b"\r")
        at = terminal.wait_for("Discard draft", at)
        at = terminal.send(bracketed(PASTED_KEYS))
        terminal.wait_for("end", at)
        terminal.read_for(0.3)
        terminal.close()  # quitting saves the draft
    assert b"Sign this note?" not in terminal.output
    assert b"Discard this draft?" not in terminal.output
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        draft = vault.notes.get(ids["draft"])  # not discarded
        assert not draft.is_signed
        assert "keys ␛]2;x␇y and ␛]0;x␄y end" in draft.body
