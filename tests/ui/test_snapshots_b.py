"""Snapshots of the note editor and search at 120x40, from fixed data.

Regenerate with `pytest tests/ui/test_snapshots_b.py --snapshot-update` and look at
the report before committing the new SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.conftest import PASSPHRASE
from tests.ui.notes_app import (
    FIXED_CLOCK,
    SIZE,
    make_app,
    make_practice_vault,
    open_note,
    type_text,
    unlock,
)
from vault.records.notes import SessionInput
from vault.vault import Vault

SOAP_TEXT = """Subjective:
Slept six hours most nights; worry about the new manager is lower.

Objective:
Calm, good eye contact, laughed twice.

Assessment:
Generalised anxiety improving with the sleep diary and worry time.

Plan:
Keep the diary; practise worry time daily; review in two weeks.
"""


async def open_still(pilot, note_id: int) -> None:
    """Unlock and open the note, with the text cursor's blink stopped (it flips snapshots)."""
    await unlock(pilot)
    screen = await open_note(pilot, note_id)
    for area in screen.query(TextArea):
        area.cursor_blink = False
    # The editor focuses its text after a refresh: on a busy machine the snapshot could
    # be taken before, without the cursor.
    for _ in range(100):
        if any(area.has_focus for area in screen.query(TextArea)):
            break
        await pilot.pause(0.02)
    await pilot.pause()


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
    return vault_dir, ids


def test_editor_with_a_soap_draft(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await open_still(pilot, ids["soap"])

    assert snap_compare(make_app(vault_dir), terminal_size=SIZE, run_before=run_before)


def test_signed_note_with_its_addendum(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await open_still(pilot, ids["signed"])

    assert snap_compare(make_app(vault_dir), terminal_size=SIZE, run_before=run_before)


def test_psychotherapy_note(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot) -> None:
        await open_still(pilot, ids["process"])

    assert snap_compare(make_app(vault_dir), terminal_size=SIZE, run_before=run_before)


def test_search_results(snap_compare, practice) -> None:
    vault_dir, _ids = practice

    async def run_before(pilot) -> None:
        await unlock(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "sleep")
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SIZE, run_before=run_before)
