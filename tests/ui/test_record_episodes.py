"""The Episodes view (6) of a client's record: the history of episodes of care, the
follow-ups with the due ones marked, and its keys: plan a follow-up, close one,
re-open a discharged client, the referral letter (printed, then marked sent) and the
termination note. Dates typed are far ahead, as the vault checks them on the real clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.export_dialog import ExportDialog
from screens.follow_up_form import FollowUpCloseForm, FollowUpForm
from screens.note_editor import NoteEditorScreen
from screens.referral_form import ReferralForm, ReferralSentForm
from screens.reopen_form import ReopenForm
from tests.ui.episodes_app import REFERRAL, make_episodes_vault
from tests.ui.notes_app import make_app, unlock


@pytest.fixture
def episodes_dir(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_episodes_vault(vault_dir)


@pytest.fixture
async def on_episodes(episodes_dir) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    vault_dir, ids = episodes_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        yield pilot, ids


def record_of(pilot: Pilot[Any]) -> ClientRecordScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ClientRecordScreen)
    return screen


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(record: ClientRecordScreen) -> list[list[str]]:
    table = record.view("episodes").table
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def messages(pilot: Pilot[Any]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_the_view_shows_the_episode_and_the_follow_ups_due_first(on_episodes) -> None:
    pilot, _ids = on_episodes
    record = record_of(pilot)
    assert record.view_name == "episodes"
    tabs = text_of(record, "#view-tabs")
    assert "5 Risk" in tabs and "6 Episodes" in tabs
    history = text_of(record, "#episode-history")
    assert "Episode 1 · 2025-01-06 – 2026-10-15" in history
    assert "ended: Goals met; sleeping well" in history and f"referred to {REFERRAL}" in history
    assert rows(record) == [
        ["2026-11-12", "4-week check-in", "DUE 8 days late", ""],
        ["2027-01-14", "3-month check-in", "planned", ""],
    ]
    assert "Follow-up due: since 2026-11-12 · 4-week check-in" in text_of(
        record, "#record-paperwork"
    )


async def test_privacy_mode_hides_the_ending_and_the_referral(on_episodes) -> None:
    pilot, _ids = on_episodes
    record = record_of(pilot)
    pilot.app.privacy = True
    await pilot.pause()
    history = text_of(record, "#episode-history")
    assert "Goals met" not in history and "Riverside" not in history


async def test_planning_a_follow_up_refuses_a_blank_purpose_then_adds_it(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FollowUpForm)
    assert form.query_one("#due_on", Input).value == "2026-12-18"  # four weeks on
    form.query_one("#due_on", Input).value = "2031-03-01"
    await pilot.press("ctrl+s")
    await pilot.pause()
    error = form.query_one("#purpose-error", Static)
    assert "The purpose" in str(error.render()) and error.has_class("-shown")
    form.query_one("#purpose", Input).value = "Card at the anniversary"
    await pilot.press("ctrl+s")
    await pilot.pause()
    record = record_of(pilot)
    assert ["2031-03-01", "Card at the anniversary", "planned", ""] in rows(record)
    assert "Follow-up planned." in messages(pilot)


async def test_enter_closes_the_due_follow_up_with_its_outcome(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("enter")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FollowUpCloseForm)
    assert "4-week check-in" in text_of(form, "#follow-up-purpose")
    await pilot.press("ctrl+s")  # done needs an outcome
    await pilot.pause()
    assert form.query_one("#outcome-error", Static).has_class("-shown")
    form.query_one("#outcome", Input).value = "Doing well; will call if needed"
    await pilot.press("ctrl+s")
    await pilot.pause()
    record = record_of(pilot)
    assert ["2026-11-12", "4-week check-in", "done", "Doing well; will call if needed"] in rows(
        record
    )
    assert "Follow-up due" not in text_of(record, "#record-paperwork")
    await pilot.press("enter")  # still on it, now below the planned one: closed already
    await pilot.pause()
    assert record_of(pilot) is record


async def test_reopening_starts_episode_two_and_makes_the_client_active(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("o")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ReopenForm)
    form.query_one("#opened_on", Input).value = "2026-10-01"  # before the discharge
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "before the last discharge" in text_of(form, "#opened_on-error")
    form.query_one("#opened_on", Input).value = "2026-11-20"
    form.query_one("#opened_reason", Input).value = "Sleep worse again"
    await pilot.press("ctrl+s")
    await pilot.pause()
    record = record_of(pilot)
    history = text_of(record, "#episode-history")
    assert history.startswith("Episode 2 · since 2026-11-20 · current")
    assert "Episode 1 · 2025-01-06 – 2026-10-15" in history
    assert "Active" in text_of(record, "#record-header")
    assert "Episode 2 of care has begun." in messages(pilot)
    await pilot.press("o")  # open now: nothing to re-open
    await pilot.pause()
    assert record_of(pilot) is record
    assert any(m.startswith("Only a discharged client") for m in messages(pilot))


async def test_the_referral_letter_is_printed_protected_then_marked_sent(
    on_episodes, tmp_path: Path
) -> None:
    pilot, ids = on_episodes
    await pilot.press("l")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ReferralForm)
    assert form.query_one("#recipient", Input).value == REFERRAL  # from the discharge
    form.query_one("#reason", Input).value = "Specialist sleep clinic for insomnia"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "agreed" in text_of(form, "#client_agreed-error")
    form.query_one("#client_agreed", Checkbox).value = True
    await pilot.press("ctrl+s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog) and dialog.kind == "referral_letter"
    out = tmp_path / "letter.pdf"
    dialog.query_one("#out", Input).value = str(out)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert out.exists() and text_of(dialog, "#password")  # shown once
    await pilot.press("enter")
    await pilot.pause()
    record = record_of(pilot)
    assert "not sent yet" in text_of(record, "#referral-letters")
    assert pilot.app.vault.disclosures.for_client(ids["ana"]) == []
    await pilot.press("s")
    await pilot.pause()
    sent = pilot.app.screen
    assert isinstance(sent, ReferralSentForm)
    assert sent.query_one("#sent_on", Input).value == "2026-11-20"  # the app's today
    sent.query_one("#sent_on", Input).value = "2026-10-01"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "before the letter was written" in text_of(sent, "#sent_on-error")
    # The vault dates the letter by the real clock; the app's "today" is fixed.
    sent.query_one("#sent_on", Input).value = date.today().isoformat()
    await pilot.press("ctrl+s")
    await pilot.pause()
    [entry] = pilot.app.vault.disclosures.for_client(ids["ana"])
    assert (entry.recipient, entry.legal_basis, entry.method) == (REFERRAL, "treatment", "mail")
    assert "in the disclosure log" in text_of(record_of(pilot), "#referral-letters")
    await pilot.press("s")  # nothing left to send
    await pilot.pause()
    assert any(m.startswith("No referral letter is waiting") for m in messages(pilot))


async def test_t_opens_the_prefilled_termination_note_from_any_view(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("1", "t")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditorScreen)
    note = pilot.app.vault.notes.get(editor.note_id)
    assert note.kind == "termination" and "Why therapy is ending:\nGoals met" in note.body
    assert f"Referral made:\n{REFERRAL}" in note.body


async def test_the_client_list_marks_a_due_follow_up_with_f(episodes_dir) -> None:
    vault_dir, ids = episodes_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ClientListScreen)
        assert "F follow-up due" in text_of(screen, "#client-legend")
        table = screen.table
        marks = {str(table.get_row_at(row)[0]): str(table.get_row_at(row)[-1])
                 for row in range(table.row_count)}  # fmt: skip
        assert "F" in marks["Ana Okafor"] and "F" not in marks["Leo Brandt"]


async def test_a_half_typed_follow_up_survives_a_lock(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one("#purpose", Input).value = "Call after the move"
    await pilot.app.run_action("lock")
    await pilot.pause()
    await unlock(pilot)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FollowUpForm)
    assert form.query_one("#purpose", Input).value == "Call after the move"


async def test_markup_in_a_purpose_is_shown_as_typed(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    form.query_one("#due_on", Input).value = "2031-03-01"
    form.query_one("#purpose", Input).value = "[bold red]Call[/] \x1b[31mnow"
    await pilot.press("ctrl+s")
    await pilot.pause()
    cells = [row[1] for row in rows(record_of(pilot))]
    assert any(cell.startswith("[bold red]Call[/]") for cell in cells)
    assert not any("\x1b" in cell for cell in cells)


async def test_the_notes_view_says_which_episode_a_note_belongs_to(on_episodes) -> None:
    pilot, ids = on_episodes
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("ctrl+s")  # episode 2 from today
    await pilot.pause()
    record = record_of(pilot)
    await pilot.press("1")
    await pilot.pause()
    assert text_of(record, "#timeline-count").endswith("· episode 1 of 2")
