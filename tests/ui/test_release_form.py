"""A release of information: unsigned it is a draft that says what is missing; signed it
is valid, or its defects are named and a confirm is asked; psychotherapy notes only on
their own; a signed release cannot be edited; nothing typed is lost on lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, SelectionList, Static

from screens.confirm import ConfirmScreen
from screens.release_form import NOTES_ALONE, ReleaseForm
from tests.ui.forms_app import (
    error_under,
    fill,
    form_error,
    lock_and_unlock,
    open_form,
    running,
)

VALID = {
    "recipient_name": "Claims Desk", "recipient_org": "Bluewater Mutual",
    "purpose": "Reimbursement of session fees", "scope": ["dates_and_fees_only"],
    "expires_on": "2030-01-31", "signed_by": "Ana Okafor", "signed_on": "2026-11-20",
    "signature_method": "paper",
}  # fmt: skip


@pytest.fixture
async def app(tmp_path: Path) -> Any:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


def newest(pilot: Any, client_id: int) -> Any:
    return max(pilot.app.vault.releases.for_client(client_id), key=lambda r: r.id)


async def test_unsigned_it_is_saved_as_a_draft_listing_what_is_missing(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, recipient_name="Dr Lena Vogel")
    await pilot.press("ctrl+s")
    await pilot.pause()
    release = newest(pilot, ids["ana"])
    assert (release.recipient_name, release.status) == ("Dr Lena Vogel", "draft")
    assert not isinstance(pilot.app.screen, ReleaseForm)
    shown = " ".join(str(n.message) for n in pilot.app._notifications)
    assert "Still missing" in shown
    assert "does not say what information may be released" in shown
    assert "does not say what the information will be used for" in shown


async def test_signed_and_complete_it_is_valid(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **VALID)
    await pilot.press("ctrl+s")
    await pilot.pause()
    release = newest(pilot, ids["ana"])
    assert release.recipient_org == "Bluewater Mutual"
    assert release.status == "valid"
    assert release.scope == ("dates_and_fees_only",)


async def test_signed_but_defective_names_the_defects_and_asks(app: Any) -> None:
    pilot, ids = app
    count = len(pilot.app.vault.releases.for_client(ids["ana"]))
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **{**VALID, "purpose": "", "statement_redisclosure": False})
    await pilot.press("ctrl+s")
    await pilot.pause()
    question = pilot.app.screen
    assert isinstance(question, ConfirmScreen)
    assert "used for" in question._question and "pass the information on" in question._question
    await pilot.press("n")  # not signed: nothing stored, the form still open
    await pilot.pause()
    assert pilot.app.screen is form
    assert "Not saved yet" in form_error(form)
    assert len(pilot.app.vault.releases.for_client(ids["ana"])) == count
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert newest(pilot, ids["ana"]).status == "defective"


async def test_psychotherapy_notes_with_anything_else_is_refused(app: Any) -> None:
    pilot, ids = app
    count = len(pilot.app.vault.releases.for_client(ids["ana"]))
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **{**VALID, "scope": ["psychotherapy_notes", "diagnosis"]})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "scope") == NOTES_ALONE
    assert pilot.app.focused is form.query_one("#scope")
    assert len(pilot.app.vault.releases.for_client(ids["ana"])) == count
    fill(form, scope=["psychotherapy_notes"])
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert newest(pilot, ids["ana"]).scope == ("psychotherapy_notes",)


async def test_dates_and_fees_only_is_one_choice(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **{**VALID, "scope": ["dates_and_fees_only", "diagnosis"]})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "nothing else" in error_under(form, "scope")


async def test_a_preset_fills_the_checklist(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, preset="treatment_summary")
    await pilot.pause()
    assert set(form.query_one("#scope", SelectionList).selected) == {
        "dates_of_service", "attendance", "treatment_summary",
    }  # fmt: skip
    fill(form, preset="dates_and_fees_only")
    await pilot.pause()
    assert form.query_one("#scope", SelectionList).selected == ["dates_and_fees_only"]


async def test_a_bad_date_lands_under_its_field(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **{**VALID, "expires_on": "31/01/2030"})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "expires_on")
    assert pilot.app.focused is form.query_one("#expires_on")


async def test_a_draft_opens_filled_and_is_signed_in_place(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"], ids["draft_release"]))
    assert form.query_one("#recipient_name", Input).value == "Dr Omar Haddad"
    fill(form, **{**VALID, "recipient_name": "Dr Omar Haddad"})
    await pilot.press("ctrl+s")
    await pilot.pause()
    release = pilot.app.vault.releases.get(ids["draft_release"])
    assert release.status == "valid"


async def test_editing_a_signed_release_is_refused(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"], ids["insurer"]))
    assert "cannot be changed" in form_error(form)
    fill(form, purpose="Something else")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "cannot be changed" in form_error(form)
    assert pilot.app.vault.releases.get(ids["insurer"]).purpose == "Insurance claim"


async def test_what_was_typed_comes_back_after_lock_and_unlock(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, recipient_name="Dr Lena Vogel", scope=["diagnosis", "treatment_plan"],
         statement_conditioning=False)  # fmt: skip
    await lock_and_unlock(pilot)
    back = pilot.app.screen
    assert isinstance(back, ReleaseForm) and back is not form
    assert back.query_one("#recipient_name", Input).value == "Dr Lena Vogel"
    assert set(back.query_one("#scope", SelectionList).selected) == {"diagnosis", "treatment_plan"}
    assert back.ticked("statement_conditioning") is False
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("y")  # leave it: the draft goes too
    await pilot.pause()
    assert pilot.app.vault.form_drafts.load("release", ids["ana"]) is None


async def test_a_draft_says_what_it_still_lacks_when_opened(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ReleaseForm(ids["ana"], ids["draft_release"]))
    missing = str(form.query_one("#missing", Static).render())
    assert missing.startswith("Still missing:")
    assert "does not say what information may be released" in missing
    new = await open_form(pilot, ReleaseForm(ids["ana"]))
    assert not new.query_one("#missing", Static).display


async def test_a_signature_dated_in_the_future_lands_under_its_field(app: Any) -> None:
    pilot, ids = app
    count = len(pilot.app.vault.releases.for_client(ids["ana"]))
    form = await open_form(pilot, ReleaseForm(ids["ana"]))
    fill(form, **{**VALID, "signed_on": "2099-01-01"})
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "future" in error_under(form, "signed_on")
    assert len(pilot.app.vault.releases.for_client(ids["ana"])) == count
