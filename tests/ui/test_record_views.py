"""The client record's four views: switching, what each shows, empty states, privacy,
and coming back to the same view and row after a lock. The paperwork is added through
the services (tests/ui/consent_records_app.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Static

from screens.client_record import ClientRecordScreen
from screens.record_consent import EMPTY as NO_CONSENT
from screens.record_disclosures import EMPTY_ACCOUNTING, EMPTY_LOG
from screens.record_releases import EMPTY as NO_RELEASE
from tests.ui.consent_records_app import HOSTILE, populate
from tests.ui.notes_app import make_app, make_practice_vault, unlock


@pytest.fixture
def paperwork_dir(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    populate(vault_dir, ids)
    return vault_dir, ids


@pytest.fixture
async def app_on_ana(paperwork_dir) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    vault_dir, ids = paperwork_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await open_record(pilot, ids["ana"])
        yield pilot, ids


async def open_record(pilot: Pilot[Any], client_id: int) -> ClientRecordScreen:
    pilot.app.open_client(client_id)
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)
    return record


def text_of(record: ClientRecordScreen, selector: str) -> str:
    return str(record.query_one(selector, Static).render())


def rows(record: ClientRecordScreen, view: str) -> list[list[str]]:
    table = record.view(view).table
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def messages(pilot: Pilot[Any]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_keys_switch_views_and_the_tab_row_shows_which(app_on_ana) -> None:
    pilot, _ids = app_on_ana
    record = pilot.app.screen
    switcher = record.query_one(ContentSwitcher)
    assert switcher.current == "notes" and "1 Notes" in text_of(record, "#view-tabs")
    # Only the view shown has been read from the vault.
    assert [record.view(v).loaded for v in ("consent", "releases", "disclosures")] == [
        False, False, False,
    ]  # fmt: skip
    for key, view in (("2", "consent"), ("3", "releases"), ("4", "disclosures")):
        await pilot.press(key)
        await pilot.pause()
        assert switcher.current == view and record.view(view).loaded
        assert record.view(view).table.has_focus
    await pilot.press("1")
    await pilot.pause()
    assert switcher.current == "notes" and record.timeline.has_focus
    assert rows(record, "notes")[0][1] == "PRIVATE process note"


async def test_the_header_names_the_consent_its_limits_and_a_release_ending(app_on_ana):
    pilot, _ids = app_on_ana
    paperwork = text_of(pilot.app.screen, "#record-paperwork")
    assert "Consent: current — Informed consent" in paperwork
    assert "signed 2026-01-12\nLimits named: Danger to self, Threat to" in paperwork
    assert "Release to Northwind Health Insurance expires 2026-12-05 (in 15 days)" in paperwork


async def test_a_client_without_consent_is_marked_missing_and_views_say_what_to_press(
    paperwork_dir,
) -> None:
    vault_dir, ids = paperwork_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, ids["leo"])
        assert "Consent:  MISSING " in text_of(record, "#record-paperwork")
        await pilot.press("2")
        assert text_of(record, "#consent-detail") == NO_CONSENT
        await pilot.press("3")
        assert text_of(record, "#release-empty") == NO_RELEASE
        await pilot.press("4")
        assert text_of(record, "#disclosures-empty") == EMPTY_ACCOUNTING
        await pilot.press("f")
        assert text_of(record, "#disclosures-empty") == EMPTY_LOG


async def test_consents_newest_first_with_status_and_the_limits_named(app_on_ana) -> None:
    pilot, _ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("2")
    await pilot.pause()
    (newest, older) = rows(record, "consent")
    assert newest[0] == "2026-01-12" and newest[2:] == ["Client", "Paper", "yes", "current"]
    assert older[0] == "2025-01-06" and older[-1] == "superseded"
    detail = text_of(record, "#consent-detail")
    assert "Limits of confidentiality named: Danger to self · Threat to" in detail
    assert "Discussed 2026-01-12 by Dr Ada Lee" in detail
    await pilot.press("down")
    assert "Discussed 2025-01-06" in text_of(record, "#consent-detail")


async def test_releases_show_their_status_and_enter_shows_every_element(app_on_ana) -> None:
    pilot, ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("3")
    await pilot.pause()
    listed = zip(keys(record, "releases"), rows(record, "releases"), strict=True)
    status = {key: row[1] for key, row in listed}
    assert status[ids["insurer"]] == "valid · ends in 15 days"
    assert status[ids["gp"]] == "valid"
    assert status[ids["revoked"]] == "revoked 2026-06-01"
    assert status[ids["expired"]] == "expired"
    assert status[ids["draft"]].startswith("draft · ")
    insurer = rows(record, "releases")[keys(record, "releases").index(ids["insurer"])]
    assert insurer[0] == "Northwind Health Insurance (Nor…"  # cut short: 32 columns
    assert insurer[2:] == ["2026-12-05", "Dates and fees only", "2026-01-01 – 2026-12-31"]
    await select(pilot, record, "releases", ids["insurer"])
    detail = record.query_one("#release-detail")
    assert not detail.display
    await pilot.press("enter")
    assert detail.display
    shown = text_of(record, "#release-detail-text")
    for element in ("PO Box 12, Springfield", "Reimbursement of session fees",
                    "2026-01-12 by Ana Okafor", "✓ right to revoke", "a copy given"):  # fmt: skip
        assert element in shown
    await pilot.press("enter")
    assert not detail.display


async def test_the_accounting_by_default_and_f_for_the_full_log(app_on_ana) -> None:
    pilot, _ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("4")
    await pilot.pause()
    # Only the mandated report: the insurer's was under a release, the emergency call
    # is more than six years old.
    assert rows(record, "disclosures") == [[
        "2026-03-04", "County Child Protection", "Mandated report", "yes", "Phone",
        "Concern about a child's safety, by phone",
    ]]  # fmt: skip
    assert "Accounting of disclosures" in text_of(record, "#disclosures-title")
    await pilot.press("f")
    await pilot.pause()
    assert [row[0] for row in rows(record, "disclosures")] == [
        "2026-03-04",
        "2026-02-10",
        "2018-05-02",
    ]
    assert rows(record, "disclosures")[1][2:5] == [f"Release #{_ids['insurer']}", "no",
                                                   "Exported file"]  # fmt: skip
    assert "Full disclosure log" in text_of(record, "#disclosures-title")


async def test_privacy_shows_recipients_and_signers_as_initials(app_on_ana) -> None:
    pilot, ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("3")
    await pilot.press("ctrl+o")
    await pilot.pause()
    screen = pilot.app.export_screenshot()
    assert "Northwind" not in screen and "N.H.I." in screen
    paperwork = text_of(record, "#record-paperwork")
    assert "Release to N.H.I. expires" in paperwork
    assert "Limits named: Danger to self" in paperwork  # not identifying: still shown
    await select(pilot, record, "releases", ids["insurer"])
    await pilot.press("enter")
    detail = text_of(record, "#release-detail-text")
    assert "PO Box" not in detail and "Ana Okafor" not in detail and "hidden" in detail
    await pilot.press("4", "f")
    await pilot.pause()
    (recipient, what) = rows(record, "disclosures")[0][1], rows(record, "disclosures")[0][-1]
    assert (recipient, what) == ("C.C.P.", "••• hidden (privacy mode) •••")


async def test_lock_and_unlock_return_to_the_same_view_and_row(app_on_ana) -> None:
    pilot, ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("3")
    await select(pilot, record, "releases", ids["revoked"])
    await pilot.press("ctrl+l")
    await pilot.pause()
    await unlock(pilot)
    await pilot.pause()
    record = pilot.app.screen
    assert isinstance(record, ClientRecordScreen)
    assert record.query_one(ContentSwitcher).current == "releases"
    assert record.view("releases").selected_key == ids["revoked"]
    assert record.view("releases").table.has_focus

    await pilot.press("4", "f")
    await pilot.press("ctrl+l")
    await pilot.pause()
    await unlock(pilot)
    await pilot.pause()
    record = pilot.app.screen
    assert record.query_one(ContentSwitcher).current == "disclosures"
    assert len(rows(record, "disclosures")) == 3  # still the full log


async def test_keys_that_cannot_apply_say_why(app_on_ana) -> None:
    pilot, ids = app_on_ana
    record = pilot.app.screen
    await pilot.press("3")
    await select(pilot, record, "releases", ids["draft"])
    await pilot.press("x")
    await select(pilot, record, "releases", ids["revoked"])
    await pilot.press("e")
    await select(pilot, record, "releases", ids["insurer"])
    await pilot.press("v")
    await pilot.pause()
    assert messages(pilot) == [
        "A draft has not been signed, so there is nothing to revoke.",
        "This release was revoked: nothing can be sent under it any more.",
        "This release ends on a date, not on an event.",
    ]
    assert pilot.app.screen is record  # no form was opened


async def test_hostile_text_in_a_recipients_name_is_inert(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    populate(vault_dir, ids, hostile=True)
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, ids["ana"])
        await pilot.press("3")
        await select(pilot, record, "releases", ids["insurer"])
        await pilot.press("enter")
        await pilot.pause()
        name = rows(record, "releases")[keys(record, "releases").index(ids["insurer"])][0]
        assert "[red]x[/red]" in name  # shown as typed, not read as markup
        assert "\x1b" not in name and "\u202e" not in name and "\u202c" not in name
        for selector in ("#release-detail-text", "#record-paperwork"):
            shown = text_of(record, selector)
            assert "[red]x[/red]" in shown
            assert not set(shown) & {"\x1b", "\u202e", "\u202c"}
        assert HOSTILE not in pilot.app.export_screenshot()


def keys(record: ClientRecordScreen, view: str) -> list[int]:
    table = record.view(view).table
    return [int(row.key.value) for row in table.ordered_rows]


async def select(pilot: Pilot[Any], record: ClientRecordScreen, view: str, key: int) -> None:
    table = record.view(view).table
    table.move_cursor(row=table.get_row_index(str(key)))
    await pilot.pause()


async def test_help_lists_the_keys_of_the_view_shown(app_on_ana) -> None:
    from screens.help import HelpScreen

    pilot, _ids = app_on_ana
    expected = {
        "2": ("Record consent", "Revoke", "Print form"),
        "3": ("New release", "Details or edit draft", "Expiry event happened", "Export"),
        "4": ("Add disclosure", "Full log", "Print accounting"),
    }
    for view, descriptions in expected.items():
        await pilot.press(view, "question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = pilot.app.export_screenshot()
        for description in (*descriptions, "Notes", "Consent", "Releases", "Disclosures",
                            "Client&#x27;s own copy", "Discharge"):  # fmt: skip
            assert description.replace(" ", "&#160;") in shown, description
        assert "New&#160;note" not in shown  # the notes view's keys are not these
        await pilot.press("escape")
        await pilot.pause()


def test_expiry_is_said_in_days_and_a_past_date_as_expired() -> None:
    from datetime import date

    from screens.record_header import expiry_phrase

    class Dated:
        expiry_event = None

        def __init__(self, expires_on: date) -> None:
            self.expires_on = expires_on

    today = date(2026, 11, 20)
    said = [expiry_phrase(Dated(date(2026, 11, day)), today) for day in (20, 21, 30)]  # type: ignore[arg-type]
    assert said == [
        "expires 2026-11-20 (today)", "expires 2026-11-21 (tomorrow)",
        "expires 2026-11-30 (in 10 days)",
    ]  # fmt: skip
    assert expiry_phrase(Dated(date(2025, 12, 31)), today) == "expired 2025-12-31"  # type: ignore[arg-type]


async def test_the_header_says_when_re_consent_is_due(tmp_path: Path) -> None:
    from tests.conftest import PASSPHRASE, FakeClock
    from vault.consent.models import ConsentInput
    from vault.vault import Vault

    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE, clock=FakeClock()) as vault:
        version = vault.consent_templates.latest_of("informed_consent")
        vault.consents.record(ids["ana"], ConsentInput(
            template_version_id=version.id, discussed_on="2025-03-01", discussed_by="Dr Ada Lee",
            signer_name="Ana Okafor", signed_on="2025-03-01",
        ))  # fmt: skip
        (reason,) = vault.consents.marker(ids["ana"]).reconsent_reasons
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        record = await open_record(pilot, ids["ana"])
        paperwork = text_of(record, "#record-paperwork")
        assert "Consent: current — Informed consent v1, signed 2025-03-01" in paperwork
        assert f"Re-consent due: {reason}" in paperwork
