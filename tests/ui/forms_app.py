"""What the tests of the issue 7 forms share: a practice with releases in each state,
a way to open a form directly on an unlocked app, to fill its fields, and to read what
a field's error line says.

The practice is tests/conftest.py's `add_practice` (Ana Okafor, adult; Leo Brandt, a
minor with his mother Mara as guardian) plus, for Ana, a valid "dates and fees only"
release to her insurer, a draft release and a valid progress-notes release. Dates are
relative to tests/ui/conftest.py's TODAY (2026-11-20) and far enough ahead to stay
valid whatever the real date the vault's own clock reads.
"""

from __future__ import annotations

import types
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from screens.app import QuietroomApp
from tests.conftest import CHEAP, PASSPHRASE, add_practice
from tests.ui.conftest import SIZE, TODAY, unlock
from vault.consent.models import ReleaseInput
from vault.vault import Vault

PASSWORD = "maple-orbit-lantern-quiet-harbor"
SIGNED = {
    "signed_by": "Ana Okafor", "signed_on": "2026-11-02", "signature_method": "paper",
    "expires_on": "2029-12-31",
}  # fmt: skip


class FakeExports(types.ModuleType):
    """Stands in for vault.exports.exports: writes a small file, or raises `fail`."""

    def __init__(self, *, write: bool = True) -> None:
        super().__init__("vault.exports.exports")
        self.calls: list[tuple[str, int, Path, str | None]] = []
        self.fail: Exception | None = None
        self.write = write

    def new_password(self) -> str:
        return PASSWORD

    def _write(self, name: str, target: int, out: Path, password: str | None) -> Any:
        self.calls.append((name, target, out, password))
        if self.fail is not None:
            raise self.fail
        if self.write:
            out.write_bytes(b"%PDF-1.7 stand-in")
        return types.SimpleNamespace(path=out, password=password, pages=2, disclosure_id=None)

    def __getattr__(self, name: str) -> Any:
        if name in ("export_access_copy", "export_release", "accounting_pdf",
                    "consent_form_pdf", "release_form_pdf"):  # fmt: skip
            return lambda vault, target, out, *, password: self._write(name, target, out, password)
        raise AttributeError(name)


def make_forms_vault(vault_dir: Path) -> dict[str, int]:
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        ids = add_practice(vault)
        vault.settings.set_signer("Ada Lee", "PsyD")
        insurer = vault.releases.save(ids["ana"], ReleaseInput(
            "Claims Desk", recipient_org="Northwind Health Insurance", purpose="Insurance claim",
            scope=["dates_and_fees_only"], **SIGNED,
        ))  # fmt: skip
        draft = vault.releases.save(ids["ana"], ReleaseInput("Dr Omar Haddad", purpose="Referral"))
        notes = vault.releases.save(ids["ana"], ReleaseInput(
            "Dr Omar Haddad", recipient_role="psychiatrist", purpose="Continuity of care",
            scope=["progress_notes"], expiry_event="end of the referral", **{
                key: value for key, value in SIGNED.items() if key != "expires_on"
            },
        ))  # fmt: skip
        ids.update(insurer=insurer.id, draft_release=draft.id, notes_release=notes.id)
        return ids
    finally:
        vault.close()


@asynccontextmanager
async def running(
    tmp_path: Path, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    """An unlocked app (today fixed at TODAY) on a fresh forms vault, and its ids."""
    vault_dir = tmp_path / "vault"
    ids = make_forms_vault(vault_dir)
    app = QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        yield pilot, ids


async def lock_and_unlock(pilot: Pilot[Any]) -> None:
    pilot.app.lock()  # type: ignore[attr-defined]
    await pilot.pause()
    await unlock(pilot)
    await pilot.pause()


async def open_form(pilot: Pilot[Any], form: Screen[Any]) -> Screen[Any]:
    pilot.app.push_screen(form)
    await pilot.pause()
    await pilot.pause()
    return form


def fill(form: Screen[Any], **values: Any) -> None:
    """Set fields by id: text for inputs, bools for checkboxes, values for drop-downs,
    lists for checklists."""
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, Input | Checkbox):
            widget.value = value
        elif isinstance(widget, Select):
            if value is None:
                widget.clear()
            else:
                widget.value = value
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for item in value:
                widget.select(item)
        else:
            raise TypeError(name)


def error_under(form: Screen[Any], name: str) -> str:
    """What the error line under field `name` says ("" when it is hidden)."""
    label = form.query_one(f"#{name}-error", Static)
    return str(label.render()) if label.has_class("-shown") else ""


def form_error(form: Screen[Any]) -> str:
    label = form.query_one("#form-error", Static)
    return str(label.render()) if label.has_class("-shown") else ""


def still(app: Any) -> None:
    """No blinking cursors, on the form or on the screens under it: they would flip a
    snapshot."""
    for screen in app.screen_stack:
        for box in screen.query(Input).results(Input):
            box.cursor_blink = False
