"""The risk prompt left and resumed: lock and unlock return to the same step with what
was typed; raising the same flag again continues the record; each answer the vault
cannot take gets one sentence and is kept; the deadline in the header counts down."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from screens.risk.flag_picker import FlagPicker, raise_flag
from screens.risk.prompt import RiskPromptScreen
from screens.safe import HIDDEN
from tests.ui.notes_app import unlock
from tests.ui.risk_app import (
    answer,
    make_app,
    make_risk_vault,
    next_step,
    open_app,
    raise_from,
    screen_text,
)


@pytest.fixture(autouse=True)
def own_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIETROOM_RULES", str(tmp_path / "rules"))
    monkeypatch.setattr(RiskPromptScreen, "AUTOSAVE_IDLE", 0.05)


@pytest.fixture
def risk_vault(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_risk_vault(vault_dir)


async def test_lock_and_unlock_return_to_the_same_step_with_what_was_typed(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        event_id = screen.event_id
        await screen.go_to(11)
        await pilot.pause()
        await answer(pilot, "f-plan", "Call her mother at 9.")
        await answer(pilot, "f-date", "2026-13-40")  # not a date: kept, not saved
        app.lock()
        await pilot.pause()
        await unlock(pilot)
        await pilot.pause()
        again = app.screen
        assert isinstance(again, RiskPromptScreen) and again.event_id == event_id
        assert again.step == 11
        assert again.query_one("#f-plan").text == "Call her mother at 9."
        assert again.query_one("#f-date", Input).value == "2026-13-40"
        assert "must be a real date written YYYY-MM-DD" in screen_text(again)
        saved = app.vault.risk.get(event_id)
        assert saved.answers["follow_up"]["plan"] == "Call her mother at 9."
        assert not saved.answers["follow_up"].get("date")
        assert saved.step == 11


async def test_leaving_saves_and_raising_the_same_flag_again_continues_it(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        first = await raise_from(pilot, ids["ana"], "2")
        await next_step(pilot)
        await next_step(pilot)
        await answer(pilot, "f-words_used", "He will pay for this.")
        await pilot.press("escape")  # saved at once, no waiting for the autosave
        await pilot.pause()
        assert not isinstance(app.screen, RiskPromptScreen)
        second = await raise_from(pilot, ids["ana"], "2")
        assert second.event_id == first.event_id and second.step == 3
        assert second.query_one("#f-words_used").text == "He will pay for this."
        assert len(app.vault.risk.for_client(ids["ana"])) == 1


async def test_escape_on_the_flag_list_opens_nothing(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        raise_flag(app.screen, ids["ana"])
        await pilot.pause()
        assert isinstance(app.screen, FlagPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (FlagPicker, RiskPromptScreen))
        assert app.vault.risk.for_client(ids["ana"]) == []


async def test_signing_with_answers_missing_lists_them_each_a_key_away(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.step == 12 and not screen.event.is_signed
        assert "Still needed before signing" in screen_text(screen)
        gaps = screen.query_one("#gaps")
        assert gaps.has_focus
        await pilot.press("down", "enter")  # the second gap: the first question of step 3
        await pilot.pause()
        assert screen.step == 3
        assert app.focused is screen.query_one("#f-thoughts")


async def test_a_disclosure_missing_its_recipient_is_not_recorded_and_says_so(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "2")
        await screen.go_to(9)
        await pilot.pause()
        await answer(pilot, "d-disclosed_at", "now")
        await answer(pilot, "d-description", "The threat.")
        screen.query_one("#record-disclosure").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RiskPromptScreen), "no question: nothing to record yet"
        assert "Who received it is required" in screen_text(screen)
        assert app.focused is screen.query_one("#d-recipient")
        assert screen.query_one("#d-description").text == "The threat."
        await answer(pilot, "dl-what", "Call back the police")
        await answer(pilot, "dl-hours", "a day")
        screen.query_one("#start-deadline").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Give the hours as a whole number, like 36." in screen_text(screen)
        assert app.vault.disclosures.for_client(ids["ana"]) == []
        assert app.vault.risk.open_deadlines() == []


async def test_a_call_time_written_wrongly_gets_one_sentence(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        await answer(pilot, "f-danger_now", "yes")
        await answer(pilot, "f-call_time", "9pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "write the date and time as YYYY-MM-DD HH:MM" in screen_text(screen)
        status = str(screen.query_one("#risk-status", Static).render())
        assert status == "Saved, except the answer marked below."
        saved = app.vault.risk.get(screen.event_id).answers["danger"]
        assert saved["danger_now"] == "yes" and not saved.get("call_time")


async def test_the_deadline_in_the_header_counts_down_and_goes_when_done(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        vault = app.vault
        event = vault.risk.open(ids["leo"], "child_abuse", vault.rule_pack())
        deadline = vault.risk.start_deadline(event.id, "Written report (SS 8572)", hours=36)
        app.refresh_deadline()
        assert app.sub_title == "36 h 00 min left: Written report (SS 8572)"
        vault.store.clock.now += timedelta(hours=35, minutes=15)
        app.refresh_deadline()  # what the minute timer does
        assert app.sub_title == "45 min left: Written report (SS 8572)"
        app.action_toggle_privacy()
        await pilot.pause()
        assert "Written report" not in app.sub_title and "Deadline 45 min left" in app.sub_title
        app.action_toggle_privacy()
        vault.risk.complete_deadline(deadline.id, "Sent by fax")
        app.refresh_deadline()
        assert app.sub_title == ""


async def test_privacy_mode_hides_the_answers_and_shows_initials(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not screen.query_one("#risk-main").display
        assert str(screen.query_one("#risk-hidden", Static).render()) == HIDDEN.plain
        assert str(screen.query_one("#risk-title", Static).render()).startswith("A.O. ·")


async def test_enter_on_an_unanswered_choice_moves_on_without_answering(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        assert app.focused is screen.query_one("#f-danger_now")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#f-danger_now").value == ""
        assert app.focused is screen.query_one("#f-call_time")


async def test_quitting_with_a_refused_answer_on_screen_asks_first(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "1")
        assert not screen.has_unsaved_input()
        await answer(pilot, "f-call_time", "yesterday evening")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.has_unsaved_input()
        await pilot.press("ctrl+q")
        await pilot.pause()
        from screens.confirm import ConfirmScreen

        assert isinstance(app.screen, ConfirmScreen)


async def test_a_step_the_vault_cannot_save_says_why_and_keeps_the_text(
    risk_vault, monkeypatch
) -> None:
    from vault.errors import DiskFull

    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "2")

        def full(*args, **kwargs):
            raise DiskFull("The disk is full, so the risk record could not be saved.")

        monkeypatch.setattr(app.vault.risk, "save_step", full)
        await answer(pilot, "f-called", "Police, 20:40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(screen.query_one("#risk-status", Static).render())
        assert status == "Not saved: The disk is full, so the risk record could not be saved."
        assert screen.query_one("#f-called").text == "Police, 20:40"


async def test_a_flag_for_a_client_no_longer_there_says_so(risk_vault) -> None:
    vault_dir, _ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        raise_flag(app.screen, 9999)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert not isinstance(app.screen, RiskPromptScreen)
        assert [n.message for n in app._notifications] == ["That client no longer exists."]


async def test_a_deadline_needs_what_is_due_and_one_length(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        screen = await raise_from(pilot, ids["ana"], "2")
        await screen.go_to(9)
        await pilot.pause()
        await answer(pilot, "dl-hours", "36")
        await answer(pilot, "dl-working_days", "2")
        screen.query_one("#start-deadline").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Give hours or working days, not both." in screen_text(screen)
        await answer(pilot, "dl-working_days", "")
        screen.query_one("#start-deadline").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Say what is due (for example, the written report)." in screen_text(screen)
        assert app.vault.risk.open_deadlines() == []
