"""Revoking a consent or a release, and recording a release's expiry event: the day
defaults to today, each refusal lands under its field, nothing typed is lost on lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from screens.revocation_form import ExpiryEventForm, RevocationForm
from tests.ui.forms_app import error_under, fill, lock_and_unlock, open_form, running
from vault.consent.models import ConsentInput


@pytest.fixture
async def app(tmp_path: Path) -> Any:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


def add_consent(pilot: Any, client_id: int) -> int:
    vault = pilot.app.vault
    version = vault.consent_templates.latest_of("informed_consent")
    consent = vault.consents.record(client_id, ConsentInput(
        version.id, "2026-10-01", "Ada Lee", signer_name="Ana Okafor", signed_on="2026-10-01",
    ))  # fmt: skip
    return consent.id


async def test_a_release_is_revoked_from_the_day_received(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, RevocationForm("release", ids["insurer"], ids["ana"]))
    assert form.query_one("#received_on", Input).value == "2026-11-20"
    fill(form, received_on="2026-11-18", method="Letter handed in at the session")
    await pilot.press("ctrl+s")
    await pilot.pause()
    release = pilot.app.vault.releases.get(ids["insurer"])
    assert release.status == "revoked"
    assert release.revoked_on.isoformat() == "2026-11-18"
    assert release.revocation_note == "Letter handed in at the session"


async def test_a_release_revocation_before_signing_is_refused(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, RevocationForm("release", ids["insurer"], ids["ana"]))
    fill(form, received_on="2026-10-01")  # signed 2026-11-02
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "received_on")
    assert pilot.app.vault.releases.get(ids["insurer"]).status == "valid"


async def test_a_consent_revocation_needs_how_it_came(app: Any) -> None:
    pilot, ids = app
    consent_id = add_consent(pilot, ids["ana"])
    form = await open_form(pilot, RevocationForm("consent", consent_id, ids["ana"]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "method")
    assert pilot.app.focused is form.query_one("#method")
    fill(form, method="Email from the client")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.vault.consents.get(consent_id).status == "revoked"


async def test_a_revocation_in_the_future_is_refused(app: Any) -> None:
    pilot, ids = app
    consent_id = add_consent(pilot, ids["ana"])
    form = await open_form(pilot, RevocationForm("consent", consent_id, ids["ana"]))
    fill(form, received_on="2099-01-01", method="Phone call")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "future" in error_under(form, "received_on")


async def test_the_expiry_event_is_recorded(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ExpiryEventForm(ids["notes_release"], ids["ana"]))
    assert "end of the referral" in str(form.query_one("#event", Static).render())
    fill(form, occurred_on="2026-11-19")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.vault.releases.get(ids["notes_release"]).status == "expired"


async def test_a_release_without_an_event_says_so_under_the_date(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ExpiryEventForm(ids["insurer"], ids["ana"]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "no expiry event" in error_under(form, "occurred_on")


async def test_what_was_typed_comes_back_after_lock_and_unlock(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, RevocationForm("release", ids["insurer"], ids["ana"]))
    fill(form, method="Letter from her solicitor")
    await lock_and_unlock(pilot)
    back = pilot.app.screen
    assert isinstance(back, RevocationForm) and back is not form
    assert back.kind == "release"
    assert back.query_one("#method", Input).value == "Letter from her solicitor"
