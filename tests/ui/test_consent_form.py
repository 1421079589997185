"""Recording a consent: the right template first, the limits it names on screen, each
mistake under its field, a guardian's authority required, nothing lost on lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from screens.base import VaultScreen
from screens.confirm import ConfirmScreen
from screens.consent_form import ConsentForm
from tests.conftest import PASSPHRASE
from tests.ui.forms_app import error_under, fill, lock_and_unlock, open_form, running
from vault.records.clients import ClientInput, GuardianInput
from vault.vault import Vault


@pytest.fixture
async def app(tmp_path: Path) -> Any:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


async def test_an_adult_consent_is_saved_with_the_defaults(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    assert "Danger to self" in str(form.query_one("#clauses", Static).render())
    assert form.query_one("#signer_name", Input).value == "Ana Okafor"
    assert form.query_one("#discussed_by", Input).value == "Ada Lee, PsyD"
    assert not form.query_one("#signer_authority-box").display  # the client signs: no authority
    await pilot.press("ctrl+s")
    await pilot.pause()
    consents = pilot.app.vault.consents.for_client(ids["ana"])
    assert len(consents) == 1
    consent = consents[0]
    assert (consent.template_kind, consent.signer_kind, consent.signer_name) == (
        "informed_consent", "client", "Ana Okafor",
    )  # fmt: skip
    assert consent.discussed_on.isoformat() == "2026-11-20"
    assert not isinstance(pilot.app.screen, ConsentForm)


async def test_a_minor_starts_on_the_minor_form_signed_by_the_guardian(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["leo"]))
    version = form._versions[form.query_one("#template_version_id", Select).value]
    assert version.kind == "minor_consent"
    assert form.query_one("#signer_name", Input).value == "Mara Brandt"
    assert form.query_one("#minor_assent-box").display
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "authority" in error_under(form, "signer_authority").lower()
    assert pilot.app.focused is form.query_one("#signer_authority")
    assert pilot.app.vault.consents.for_client(ids["leo"]) == []
    fill(form, signer_authority="Mother, with parental responsibility", minor_assent=True)
    await pilot.press("ctrl+s")
    await pilot.pause()
    (consent,) = pilot.app.vault.consents.for_client(ids["leo"])
    assert consent.signer_kind == "guardian"
    assert consent.signer_authority == "Mother, with parental responsibility"
    assert consent.minor_assent is True


async def test_a_guardian_not_on_file_is_typed(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["leo"]))
    fill(form, signer="other_guardian")
    await pilot.pause()
    assert form.query_one("#signer_name", Input).value == ""
    fill(form, signer_name="Tomas Brandt", signer_authority="Father, shared custody")
    await pilot.press("ctrl+s")
    await pilot.pause()
    (consent,) = pilot.app.vault.consents.for_client(ids["leo"])
    assert consent.signer_name == "Tomas Brandt"


async def test_a_bad_date_lands_under_its_field_and_nothing_is_saved(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    fill(form, discussed_on="2026-13-40")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "discussed_on")
    assert pilot.app.focused is form.query_one("#discussed_on")
    assert error_under(form, "signed_on") == ""
    fill(form, discussed_on="2026-11-19", signed_on="2026-11-18")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert error_under(form, "signed_on")  # signed before it was discussed
    assert pilot.app.vault.consents.for_client(ids["ana"]) == []


async def test_the_limits_shown_follow_the_chosen_form(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    before = str(form.query_one("#clauses", Static).render())
    telehealth = next(v.id for v in form._versions.values() if v.kind == "telehealth")
    fill(form, template_version_id=telehealth)
    await pilot.pause()
    after = str(form.query_one("#clauses", Static).render())
    assert after != before


async def test_privacy_mode_shows_initials_in_the_title(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    assert "Ana Okafor" in str(form.query_one("#form-title", Static).render())
    await pilot.press("ctrl+o")
    await pilot.pause()
    title = str(form.query_one("#form-title", Static).render())
    assert "A.O." in title and "Okafor" not in title


async def test_escape_asks_before_losing_what_was_typed(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    await pilot.press("escape")  # nothing typed: it just closes
    await pilot.pause()
    assert not isinstance(pilot.app.screen, ConsentForm)
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    fill(form, note="Discussed the fee policy at length.")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert pilot.app.screen is form
    assert form.query_one("#note", Input).value == "Discussed the fee policy at length."


async def test_what_was_typed_comes_back_after_lock_and_unlock(app: Any) -> None:
    pilot, ids = app
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    fill(form, note="Asked about couples sessions.", signature_method="verbal")
    await lock_and_unlock(pilot)
    back = pilot.app.screen
    assert isinstance(back, ConsentForm) and back is not form
    assert back.query_one("#note", Input).value == "Asked about couples sessions."
    assert back.query_one("#signature_method", Select).value == "verbal"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert len(pilot.app.vault.consents.for_client(ids["ana"])) == 1
    # Saved: the draft is gone, so the next form starts empty.
    assert pilot.app.vault.form_drafts.load("consent", ids["ana"]) is None


async def test_quit_asks_and_a_form_given_up_leaves_no_draft(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await open_form(pilot, ConsentForm(ids["ana"]))
        fill(form, note="Not to be kept.")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    with Vault.open(tmp_path / "vault", PASSPHRASE) as vault:
        assert vault.form_drafts.load("consent", ids["ana"]) is None


async def test_names_from_the_vault_are_shown_as_typed_never_as_markup(app: Any) -> None:
    pilot, _ids = app
    client = pilot.app.vault.clients.add(ClientInput(
        "Zoë", "Kowalczyk", "2014-05-01",
        guardians=[GuardianInput("[bold red]Inês[/] Kowalczyk", "mother")],
    ))  # fmt: skip
    form = await open_form(pilot, ConsentForm(client.id))
    labels = [str(label) for label, _value in form.query_one("#signer", Select)._options]
    assert "Guardian: [bold red]Inês[/] Kowalczyk (mother)" in labels
    assert form.query_one("#signer_name", Input).value == "[bold red]Inês[/] Kowalczyk"


class RecordStandIn(VaultScreen):
    """The screen a form is opened from (the client record), rebuilt after an unlock."""

    refreshed: ClassVar[list[str]] = []

    def reopen(self) -> Callable[[], Screen[None]]:
        return RecordStandIn

    def refresh_record(self) -> None:
        self.refreshed.append("refreshed")


async def test_a_form_reopened_after_unlock_refreshes_the_record_under_it(app: Any) -> None:
    pilot, ids = app
    RecordStandIn.refreshed.clear()
    await pilot.app.push_screen(RecordStandIn())
    form = await open_form(pilot, ConsentForm(ids["ana"]))
    fill(form, note="Typed before the lock.")
    await lock_and_unlock(pilot)
    assert [type(s) for s in pilot.app.screen_stack[-2:]] == [RecordStandIn, ConsentForm]
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert RecordStandIn.refreshed == ["refreshed"]
    assert isinstance(pilot.app.screen, RecordStandIn)
