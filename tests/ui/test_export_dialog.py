"""The export dialog: a sensible file name, protected by default, the password shown
once until a key is pressed, a warning when unprotected, a refused release or a failed
write said in one sentence with the dialog kept open, and nothing left after a lock.

The export functions are replaced by a stand-in recording its calls (the PDFs
themselves are tested with the exports); the last test runs the real one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, Static

from screens import export_dialog
from screens.confirm import ConfirmScreen
from screens.export_dialog import GIVE_SEPARATELY, UNPROTECTED, ExportDialog
from tests.ui.forms_app import (
    PASSWORD,
    FakeExports,
    form_error,
    lock_and_unlock,
    open_form,
    running,
)
from vault.errors import DiskFull, ReleaseNotValid


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(export_dialog, "default_folder", lambda: folder)
    return folder


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeExports:
    import vault.exports

    module = FakeExports()
    monkeypatch.setitem(sys.modules, "vault.exports.exports", module)
    monkeypatch.setattr(vault.exports, "exports", module, raising=False)
    return module


@pytest.fixture
async def app(tmp_path: Path, documents: Path) -> Any:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


def shown(dialog: ExportDialog, selector: str) -> str:
    widget = dialog.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def test_the_file_name_has_initials_not_the_name(app: Any, documents: Path) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("release", ids["insurer"]))
    out = dialog.query_one("#out", Input).value
    assert out == str(documents / f"AO-release-{ids['insurer']}-2026-11-20.pdf")
    assert "Ana" not in Path(out).name and "Okafor" not in Path(out).name


async def test_protected_the_password_is_shown_once_until_a_key(app: Any, fake: Any) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("access", ids["ana"]))
    assert dialog.query_one("#protect", Checkbox).value is True
    assert shown(dialog, "#unprotected") == ""
    await pilot.press("ctrl+s")
    await pilot.pause()
    (call,) = fake.calls
    assert call[0] == "export_access_copy" and call[3] == PASSWORD
    assert call[2].read_bytes().startswith(b"%PDF")
    assert shown(dialog, "#password") == PASSWORD
    assert shown(dialog, "#give-separately") == GIVE_SEPARATELY
    await pilot.press("ctrl+s")  # nothing more is written, and it stays open
    await pilot.pause()
    assert pilot.app.screen is dialog and len(fake.calls) == 1
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.screen is not dialog


async def test_unprotected_warns_and_writes_without_a_password(app: Any, fake: Any) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("accounting", ids["ana"]))
    dialog.query_one("#protect", Checkbox).value = False
    await pilot.pause()
    assert shown(dialog, "#unprotected") == UNPROTECTED
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert fake.calls[0][0] == "accounting_pdf" and fake.calls[0][3] is None
    assert "without a password" in shown(dialog, "#written")
    assert shown(dialog, "#password") == ""


async def test_a_refused_release_says_why_and_keeps_the_dialog(app: Any, fake: Any) -> None:
    pilot, ids = app
    fake.fail = ReleaseNotValid("This release was revoked on 2026-11-18.")
    dialog = await open_form(pilot, ExportDialog("release", ids["insurer"]))
    dialog.query_one("#out", Input).value = "/somewhere/chosen.pdf"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert form_error(dialog) == "This release was revoked on 2026-11-18."
    assert pilot.app.screen is dialog
    assert dialog.query_one("#out", Input).value == "/somewhere/chosen.pdf"
    assert shown(dialog, "#password") == ""


async def test_a_failed_write_says_so_and_keeps_the_values(app: Any, fake: Any) -> None:
    pilot, ids = app
    fake.fail = DiskFull("The disk is full: nothing was written. Free some space and try again.")
    dialog = await open_form(pilot, ExportDialog("consent_form", ids["ana"]))
    dialog.query_one("#protect", Checkbox).value = False
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "disk is full" in form_error(dialog)
    assert pilot.app.screen is dialog
    assert dialog.query_one("#protect", Checkbox).value is False
    fake.fail = None
    await pilot.press("ctrl+s")  # the same values, once there is room
    await pilot.pause()
    assert "without a password" in shown(dialog, "#written")


async def test_an_existing_file_is_replaced_only_when_asked(
    app: Any, fake: Any, documents: Path
) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("access", ids["ana"]))
    Path(dialog.query_one("#out", Input).value).write_bytes(b"older")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert fake.calls == [] and pilot.app.screen is dialog


async def test_a_blank_file_name_is_refused_under_the_field(app: Any, fake: Any) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("access", ids["ana"]))
    dialog.query_one("#out", Input).value = "  "
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert dialog.query_one("#out-error", Static).has_class("-shown")
    assert fake.calls == []


async def test_locking_drops_the_dialog_and_its_password(app: Any, fake: Any) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("access", ids["ana"]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert shown(dialog, "#password") == PASSWORD
    await lock_and_unlock(pilot)
    assert not any(isinstance(s, ExportDialog) for s in pilot.app.screen_stack)
    with pilot.app.vault.store.reading() as conn:
        drafts = conn.execute("SELECT payload FROM form_drafts").fetchall()
    assert not any(PASSWORD in payload for (payload,) in drafts)
    assert drafts == []


async def test_privacy_mode_shows_initials_in_the_title(app: Any) -> None:
    pilot, ids = app
    await pilot.press("ctrl+o")
    dialog = await open_form(pilot, ExportDialog("accounting", ids["ana"]))
    title = str(dialog.query_one("#form-title", Static).render())
    assert "A.O." in title and "Okafor" not in title


async def test_the_real_export_writes_a_protected_file(app: Any, documents: Path) -> None:
    pytest.importorskip("vault.exports.exports")
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("accounting", ids["ana"]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    password = shown(dialog, "#password")
    written = list(documents.glob("*.pdf"))
    assert password and len(written) == 1
    assert written[0].stat().st_mode & 0o777 == 0o600


async def test_enter_in_the_file_name_writes(app: Any, fake: Any) -> None:
    pilot, ids = app
    dialog = await open_form(pilot, ExportDialog("release_form", ids["insurer"]))
    await pilot.press("enter")
    await pilot.pause()
    assert fake.calls[0][0] == "release_form_pdf"
    assert shown(dialog, "#password") == PASSWORD
    await pilot.press("escape")  # the password is on screen: Escape does not close it
    await pilot.pause()
    assert pilot.app.screen is dialog
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.screen is not dialog
