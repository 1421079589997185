"""Fixtures for the UI tests (Pilot and snapshots), shared by every tests/ui module.

For the note editor and search tests as much as for the app's own:

- `demo_vault_dir`: a *closed* vault at `vault_dir`, made with CHEAP Argon2 settings,
  holding `add_practice` data: Ana Okafor (adult; a signed SOAP note with a signed
  addendum, and a DAP draft) and Leo Brandt (a minor; guardian Mara Brandt, with
  access to records). `practice_ids` gives their ids ("ana", "leo", "signed",
  "addendum", "draft").
- `make_app(**overrides)`: a QuietroomApp on `demo_vault_dir` with no wait after a
  wrong passphrase and "today" fixed at TODAY (ages, default dates), so snapshots
  do not change with the calendar. Pass `clock=FakeSeconds()` to drive auto-lock.
- `await unlock(pilot)`: puts PASSPHRASE in the unlock screen's input, presses Enter
  and waits for the unlocking worker; the client list is showing when it returns.
- `unlocked_app`: an async fixture yielding a `Pilot` (size 120x40) already past
  the unlock screen; `pilot.app` is the QuietroomApp, `pilot.app.vault` is open.

Open a note as the app does: `pilot.app.open_note(note_id)` pushes the client's
record and then the NoteEditorScreen, so Escape from the editor leads to the record.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# Importing `screens` clears every TEXTUAL* variable (a real guard against devtools,
# log files and screenshots). pytest-textual-snapshot keeps its report directory in
# one of them, so it is put back for the test session.
_SNAPSHOT_DIR = os.environ.get("TEXTUAL_SNAPSHOT_TEMPDIR")
import screens  # noqa: E402, F401

if _SNAPSHOT_DIR is not None:
    os.environ["TEXTUAL_SNAPSHOT_TEMPDIR"] = _SNAPSHOT_DIR

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from screens.app import QuietroomApp  # noqa: E402
from screens.unlock import UnlockScreen  # noqa: E402
from tests.conftest import CHEAP, PASSPHRASE, add_practice  # noqa: E402
from vault.vault import Vault  # noqa: E402

TODAY = date(2026, 11, 20)
SIZE = (120, 40)


class FakeSeconds:
    """A monotonic clock (seconds) that tests move by hand: `clock.now += 300`."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def vault_dir_is_the_default(monkeypatch: pytest.MonkeyPatch, vault_dir: Path) -> None:
    """The backup reminder names `--vault DIR` unless the vault is the default one: each
    test's vault is made the default, so no temporary path is drawn in a snapshot."""
    monkeypatch.setattr("vault.backups.default_vault_dir", lambda: vault_dir)


@pytest.fixture
def practice_ids(vault_dir: Path) -> dict[str, int]:
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        return add_practice(vault)
    finally:
        vault.close()


@pytest.fixture
def demo_vault_dir(vault_dir: Path, practice_ids: dict[str, int]) -> Path:
    return vault_dir


@pytest.fixture
def make_app(demo_vault_dir: Path) -> Callable[..., QuietroomApp]:
    def make(**overrides: Any) -> QuietroomApp:
        options: dict[str, Any] = {"today": lambda: TODAY, "retry_delay": lambda failures: 0.0}
        options.update(overrides)
        return QuietroomApp(options.pop("vault_dir", demo_vault_dir), **options)

    return make


async def unlock(pilot: Pilot[Any], passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen and wait until unlocking has finished."""
    assert isinstance(pilot.app.screen, UnlockScreen)
    box = pilot.app.screen.query_one("#passphrase", Input)
    box.focus()
    box.value = passphrase  # pressing each key costs ~80 ms in Pilot
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
async def unlocked_app(make_app: Callable[..., QuietroomApp]) -> AsyncIterator[Pilot[Any]]:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        yield pilot


@pytest.fixture
def practice_dir(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A closed vault of `notes_app.make_practice_vault` data, and its note ids."""
    from tests.ui.notes_app import make_practice_vault

    vault_dir = tmp_path / "vault"
    return vault_dir, make_practice_vault(vault_dir)
