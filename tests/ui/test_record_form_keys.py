"""The record's keys open the consent, release, revocation and disclosure forms and the
export dialog, and each form's result refreshes the view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screens.client_record import ClientRecordScreen
from screens.consent_form import ConsentForm
from screens.disclosure_form import DisclosureForm
from screens.export_dialog import ExportDialog
from screens.release_form import ReleaseForm
from screens.revocation_form import ExpiryEventForm, RevocationForm
from tests.ui.consent_records_app import populate
from tests.ui.notes_app import make_app, make_practice_vault, unlock


@pytest.fixture
def paperwork_dir(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    populate(vault_dir, ids)
    return vault_dir, ids


async def select(pilot: Any, record: ClientRecordScreen, view: str, key: int) -> None:
    table = record.view(view).table
    table.move_cursor(row=table.get_row_index(str(key)))
    await pilot.pause()


@pytest.mark.parametrize(
    ("view", "row", "key", "form", "attrs"),
    [
        ("2", None, "c", ConsentForm, {}),
        ("2", None, "x", RevocationForm, {}),
        ("2", None, "p", ExportDialog, {"kind": "consent_form"}),
        ("3", None, "r", ReleaseForm, {}),
        ("3", "draft", "enter", ReleaseForm, {}),
        ("3", "insurer", "x", RevocationForm, {}),
        ("3", "gp", "v", ExpiryEventForm, {}),
        ("3", "insurer", "e", ExportDialog, {"kind": "release"}),
        ("3", "insurer", "p", ExportDialog, {"kind": "release_form"}),
        ("4", None, "m", DisclosureForm, {}),
        ("4", None, "p", ExportDialog, {"kind": "accounting"}),
        ("1", None, "ctrl+e", ExportDialog, {"kind": "access"}),
    ],
)
async def test_each_key_opens_its_form(paperwork_dir, view, row, key, form, attrs) -> None:
    vault_dir, ids = paperwork_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        record = pilot.app.screen
        await pilot.press(view)
        await pilot.pause()
        if row is not None:
            await select(pilot, record, {"2": "consent", "3": "releases"}[view], ids[row])
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(pilot.app.screen, form), type(pilot.app.screen)
        for name, value in attrs.items():
            assert getattr(pilot.app.screen, name, value) == value
        pilot.app.screen.dismiss(None)
        await pilot.pause()
        assert pilot.app.screen is record


async def test_a_form_result_refreshes_the_view_and_header(paperwork_dir) -> None:
    vault_dir, ids = paperwork_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        record = pilot.app.screen
        await pilot.press("3")
        await select(pilot, record, "releases", ids["insurer"])
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RevocationForm)
        pilot.app.vault.releases.revoke(ids["insurer"], "2026-11-20", "Letter")
        pilot.app.screen.dismiss(True)  # what the form does once it has revoked it
        await pilot.pause()
        table = record.view("releases").table
        row = table.get_row_index(str(ids["insurer"]))
        assert str(table.get_row_at(row)[1]) == "revoked 2026-11-20"
        assert "Northwind" not in str(record.query_one("#record-paperwork").render())
