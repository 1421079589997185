"""The issue 7 forms at 120x40 and at 80x24 (the smallest terminal a therapist is likely
to use): the fields scroll inside the dialog, a field's error sits under it, the
footer's keys stay on screen. Fixed data, a fixed "today" and time, so nothing moves.

Regenerate with `pytest tests/ui/test_snapshots_forms.py --snapshot-update` and read
every SVG's text before committing it.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import vault.exports
from screens import disclosure_form, export_dialog
from screens.app import QuietroomApp
from screens.consent_form import ConsentForm
from screens.disclosure_form import DisclosureForm
from screens.export_dialog import ExportDialog
from screens.release_form import ReleaseForm
from screens.revocation_form import ExpiryEventForm, RevocationForm
from tests.ui.conftest import TODAY, unlock
from tests.ui.forms_app import FakeExports, fill, make_forms_vault, still

SIZES = {"large": (120, 40), "small": (80, 24)}
Steps = Callable[[Pilot[Any], dict[str, int]], Awaitable[None]]


@pytest.fixture
def forms_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, int]]:
    monkeypatch.setattr(disclosure_form, "clock_now", lambda: datetime(2026, 11, 20, 9, 15))
    monkeypatch.setattr(export_dialog, "default_folder",
                        lambda: Path("/home/therapist/Documents"))  # fmt: skip
    fake = FakeExports(write=False)
    monkeypatch.setitem(sys.modules, "vault.exports.exports", fake)
    monkeypatch.setattr(vault.exports, "exports", fake, raising=False)
    vault_dir = tmp_path / "vault"
    return vault_dir, make_forms_vault(vault_dir)


async def consent_adult(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(ConsentForm(ids["ana"]))


async def consent_minor_missing_authority(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(ConsentForm(ids["leo"]))
    await pilot.pause()
    await pilot.press("ctrl+s")


async def release_notes_with_more(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    form = ReleaseForm(ids["ana"])
    pilot.app.push_screen(form)
    await pilot.pause()
    fill(form, recipient_name="Dr Lena Vogel", purpose="Second opinion",
         scope=["psychotherapy_notes", "diagnosis"])  # fmt: skip
    await pilot.press("ctrl+s")


async def revocation(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(RevocationForm("release", ids["insurer"], ids["ana"]))


async def expiry_event(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(ExpiryEventForm(ids["notes_release"], ids["ana"]))


async def disclosure_authorization(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    form = DisclosureForm(ids["ana"])
    pilot.app.push_screen(form)
    await pilot.pause()
    fill(form, recipient="Claims Desk", legal_basis="authorization")


async def export_release(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(ExportDialog("release", ids["insurer"]))


async def export_password(pilot: Pilot[Any], ids: dict[str, int]) -> None:
    pilot.app.push_screen(ExportDialog("release", ids["insurer"]))
    await pilot.pause()
    await pilot.press("ctrl+s")


STEPS: dict[str, Steps] = {
    "consent_adult": consent_adult,
    "consent_minor_missing_authority": consent_minor_missing_authority,
    "release_notes_with_more": release_notes_with_more,
    "revocation": revocation,
    "expiry_event": expiry_event,
    "disclosure_authorization": disclosure_authorization,
    "export_release": export_release,
    "export_password": export_password,
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(STEPS))
def test_form(snap_compare: Any, forms_vault: tuple[Path, dict[str, int]], name: str,
              size: str) -> None:  # fmt: skip
    vault_dir, ids = forms_vault

    async def run_before(pilot: Pilot[Any]) -> None:
        await unlock(pilot)
        await STEPS[name](pilot, ids)
        await pilot.pause()
        await pilot.pause()
        still(pilot.app)
        await pilot.pause()

    app = QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
