"""Adding a disclosure by hand: whether it will appear in the accounting is shown as the
basis changes, a release is chosen for an authorization, the log being append-only is
said before saving, and nothing typed is lost on lock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

from screens import disclosure_form
from screens.confirm import ConfirmScreen
from screens.disclosure_form import APPEND_ONLY, EXEMPT, IN_ACCOUNTING, DisclosureForm
from tests.ui.forms_app import error_under, fill, lock_and_unlock, open_form, running

PHONE_CALL = {
    "disclosed_at": "2026-11-19 14:30", "method": "phone", "recipient": "Child Protection Line",
    "description": "Concern about a younger sibling's safety", "purpose": "Mandated report",
    "legal_basis": "mandated_report", "reference": "CP-2026-0412", "client_told": "yes",
}  # fmt: skip


@pytest.fixture
async def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(disclosure_form, "clock_now", lambda: datetime(2026, 11, 20, 9, 15))
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


def hint(form: DisclosureForm) -> str:
    return str(form.query_one("#accountable", Static).render())


async def test_the_accounting_hint_follows_the_basis(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["ana"]))
    assert form.query_one("#disclosed_at", Input).value == "2026-11-20 09:15"
    fill(form, legal_basis="court_order")
    await pilot.pause()
    assert hint(form) == IN_ACCOUNTING
    fill(form, legal_basis="treatment")
    await pilot.pause()
    assert hint(form) == EXEMPT
    assert not form.query_one("#release_id-box").display
    fill(form, legal_basis="authorization")
    await pilot.pause()
    assert hint(form) == EXEMPT
    assert form.query_one("#release_id-box").display


async def test_saving_says_entries_are_final_then_adds_to_the_log(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["ana"]))
    assert APPEND_ONLY in str(form.query_one("#form-hint", Static).render())
    fill(form, **PHONE_CALL)
    await pilot.press("ctrl+s")
    await pilot.pause()
    question = pilot.app.screen
    assert isinstance(question, ConfirmScreen)
    assert APPEND_ONLY in question._question and IN_ACCOUNTING in question._question
    await pilot.press("y")
    await pilot.pause()
    (entry,) = pilot.app.vault.disclosures.for_client(ids["ana"])
    assert entry.accountable and entry.client_told is True
    assert entry.reference == "CP-2026-0412" and entry.source == "manual"
    assert entry.disclosed_at.startswith("2026-11-19T14:30")
    assert not isinstance(pilot.app.screen, DisclosureForm)


async def test_an_authorization_needs_one_of_the_valid_releases(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["ana"]))
    options = [value for _label, value in form.query_one("#release_id", Select)._options]
    assert ids["insurer"] in options and ids["notes_release"] in options
    assert ids["draft_release"] not in options
    fill(form, **{**PHONE_CALL, "legal_basis": "authorization"})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "release" in error_under(form, "release_id")
    fill(form, release_id=ids["insurer"])
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    (entry,) = pilot.app.vault.disclosures.for_client(ids["ana"])
    assert entry.release_id == ids["insurer"] and not entry.accountable


async def test_a_client_without_a_valid_release_is_told_so(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["leo"]))
    fill(form, **{**PHONE_CALL, "legal_basis": "authorization"})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "no valid release" in error_under(form, "release_id")


async def test_each_refusal_lands_under_its_field(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["ana"]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "legal_basis")
    fill(form, **{**PHONE_CALL, "recipient": ""})
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert error_under(form, "recipient")
    assert pilot.app.focused is form.query_one("#recipient")
    fill(form, recipient="Child Protection Line", disclosed_at="2099-01-01 10:00")
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert error_under(form, "disclosed_at")
    assert pilot.app.vault.disclosures.for_client(ids["ana"]) == []


async def test_what_was_typed_comes_back_after_lock_and_unlock(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, DisclosureForm(ids["ana"]))
    fill(form, recipient="Dr Omar Haddad", legal_basis="treatment")
    await lock_and_unlock(pilot)
    back = pilot.app.screen
    assert isinstance(back, DisclosureForm) and back is not form
    assert back.query_one("#recipient", Input).value == "Dr Omar Haddad"
    assert hint(back) == EXEMPT
