"""The client record, the note editor and the forms at 80x24, the smallest terminal a
therapist is likely to use: every field reachable, errors beside their field, the
footer's keys on screen. Fixed data and a fixed "today", so nothing moves.

Regenerate with `pytest tests/ui/test_snapshots_small_records.py --snapshot-update`
and look at every SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.conftest import PASSPHRASE
from tests.ui.notes_app import FIXED_CLOCK, make_app, make_practice_vault, open_note, unlock
from tests.ui.test_snapshots_b import SOAP_TEXT
from vault.importer import import_practice
from vault.records.notes import SessionInput
from vault.vault import Vault

SMALL = (80, 24)

# A minor with a guardian's contact details, a no-show and a late cancel (sessions that
# have no note), and one signed note.
MINOR = {
    "clients": [{
        "first_name": "Leni", "last_name": "Park", "date_of_birth": "2013-09-02",
        "pronouns": "she/her", "intake_date": "2025-02-03",
        "guardians": [{"name": "Joon Park", "relationship": "father", "phone": "555-0142",
                       "email": "joon.park@example.org"}],
        "sessions": [
            {"date": "2025-02-03", "fee": "150.00", "notes": [{
                "kind": "intake", "template": "free", "text": "Intake.", "signed": True,
                "signed_at": "2025-02-03T17:00:00"}]},
            {"date": "2025-02-10", "attendance": "no_show", "fee": "75.00", "notes": []},
            {"date": "2025-02-17", "attendance": "late_cancel", "fee": "75.00", "notes": []},
        ],
    }],
}  # fmt: skip


@pytest.fixture
def practice(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE, clock=FIXED_CLOCK) as vault:
        soap = vault.notes.start(
            ids["ana"], template="soap",
            session=SessionInput("2025-01-20", 50, "telehealth", "attended", "150.00"),
        )  # fmt: skip
        vault.notes.save_draft(soap.id, SOAP_TEXT)
        ids["soap"] = soap.id
        import_practice(vault, MINOR)
        ids["leni"] = next(c.id for c in vault.clients.page("Leni"))
    return vault_dir, ids


async def still(pilot) -> None:
    """No blinking cursors: they would flip the snapshot."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()


async def on_record(pilot, client_id: int) -> None:
    await unlock(pilot)
    pilot.app.open_client(client_id)
    await pilot.pause()


@pytest.mark.parametrize("client", ["ana", "leni"])
def test_client_record(snap_compare, practice, client: str) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_record(pilot, ids[client])
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_note_editor_with_a_soap_draft(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await open_note(pilot, ids["soap"])
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_signed_note_with_an_addendum(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await open_note(pilot, ids["signed"])
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_new_client_form_with_a_field_error(snap_compare, practice) -> None:
    vault_dir, _ids = practice

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#first_name", Input).value = "Mia"
        form.query_one("#last_name", Input).value = "Sand"
        form.query_one("#date_of_birth", Input).value = "2015-02-30"
        await pilot.press("ctrl+s")
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_discharge_dialog(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_record(pilot, ids["ana"])
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no reason: the message sits under the reason
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_note_picker(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await on_record(pilot, ids["ana"])
        await pilot.press("n")
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)
