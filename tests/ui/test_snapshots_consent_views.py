"""The client record's consent, releases and disclosures views, and the client list's
paperwork marks, at 120x40 and at 80x24. Fixed data and a fixed "today".

Regenerate with `pytest tests/ui/test_snapshots_consent_views.py --snapshot-update`
and read every SVG's text before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.consent_records_app import populate
from tests.ui.notes_app import make_app, make_practice_vault, unlock

SIZES = {"wide": (120, 40), "small": (80, 24)}


@pytest.fixture
def paperwork(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    populate(vault_dir, ids)
    return vault_dir, ids


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("client", "keys"),
    [
        ("ana", ("2",)),
        ("ana", ("3",)),
        ("ana", ("3", "ctrl+end", "enter")),
        ("ana", ("4",)),
        ("ana", ("4", "f")),
        ("leo", ("2",)),
    ],
    ids=["consent", "releases", "release-detail", "accounting", "full-log", "missing"],
)
def test_record_view(snap_compare, paperwork, size: str, client: str, keys) -> None:
    vault_dir, ids = paperwork

    async def run_before(pilot) -> None:
        await unlock(pilot)
        pilot.app.open_client(ids[client])
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_client_list_with_marks(snap_compare, paperwork, size: str) -> None:
    vault_dir, _ids = paperwork

    async def run_before(pilot) -> None:
        await unlock(pilot)
        pilot.app.screen.query_one("#client-filter").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SIZES[size], run_before=run_before)
