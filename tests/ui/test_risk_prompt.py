"""The guided limits-of-confidentiality prompt, inside the real app: each flag's whole
flow to a signed risk note, as a clinician would go through it by keyboard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from screens.confirm import ConfirmScreen
from screens.risk.prompt import RiskPromptScreen
from tests.ui.notes_app import open_note
from tests.ui.risk_app import (
    answer,
    answer_all,
    make_app,
    make_risk_vault,
    next_step,
    open_app,
    raise_from,
    screen_text,
)
from vault.risk.steps import STEP_COUNT

Extra = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(autouse=True)
def own_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clinician's review marks are read from here, not from the real config folder."""
    monkeypatch.setenv("QUIETROOM_RULES", str(tmp_path / "rules"))
    monkeypatch.setattr(RiskPromptScreen, "AUTOSAVE_IDLE", 0.05)


@pytest.fixture
def risk_vault(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_risk_vault(vault_dir)


COMMON: dict[int, dict[str, str]] = {
    1: {"f-danger_now": "no"},
    4: {"f-judgement": "met", "f-reasons": "The words, the named person and the means."},
    10: {"f-told": "yes", "f-how": "Told in session, before the call."},
    11: {"f-date": "2026-11-23", "f-plan": "Session on Monday; phone check on Saturday."},
}


async def walk(
    pilot: Pilot[Any], answers: dict[int, dict[str, str]],
    extra: dict[int, Extra] | None = None,
) -> RiskPromptScreen:  # fmt: skip
    """Answer steps 1 to 11 in order (PgDn between them), then sign on step 12."""
    screen = pilot.app.screen
    assert isinstance(screen, RiskPromptScreen)
    for number in range(1, STEP_COUNT):
        assert screen.step == number
        await answer_all(pilot, {**COMMON.get(number, {}), **answers.get(number, {})})
        if extra and number in extra:
            await extra[number](pilot)
        await next_step(pilot)
    assert screen.step == STEP_COUNT
    gaps = pilot.app.vault.risk.missing(screen.event)
    assert gaps == [] and "Everything the record needs is answered" in screen_text(screen)
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await pilot.pause()
    assert screen.event.is_signed
    return screen


def note_of(pilot: Pilot[Any], screen: RiskPromptScreen) -> str:
    vault = pilot.app.vault
    return vault.notes.get(screen.event.note_id or 0).body


async def record_disclosure(pilot: Pilot[Any], fields: dict[str, str], basis: str = "") -> None:
    screen = pilot.app.screen
    await answer_all(pilot, fields)
    if basis:
        screen.query_one("#d-legal_basis").value = basis
    screen.query_one("#record-disclosure").focus()
    await pilot.press("enter")
    await pilot.pause()
    shown = [str(e.render()) for e in screen.query(".field-error.-shown")]
    assert isinstance(pilot.app.screen, ConfirmScreen), f"recording asks first: {shown}"
    await pilot.press("y")
    await pilot.pause()
    await pilot.pause()


# -- danger to self -------------------------------------------------------------------


async def test_danger_to_self_from_the_note_editor_with_a_call_made_now(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot)
        await open_note(pilot, ids["draft"])
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("1")  # Danger to self
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RiskPromptScreen)
        assert screen.step == 1
        assert "Emergency services: 911" in screen_text(screen)
        act = screen.query_one("#act-now", Static)
        assert not act.display
        await answer(pilot, "f-danger_now", "yes")
        assert act.display and "Call 911 now" in str(act.render())
        await answer(pilot, "f-call_time", "now")
        await answer(pilot, "f-called", "Ambulance; they are on their way.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.query_one("#f-call_time").value == "2026-11-20 21:05"
        facts = {
            "f-thoughts": "Daily since Monday.", "f-means": "Stockpiled tablets at home.",
            "f-intent": "Says she would act tonight.", "f-risk_level": "high",
        }  # fmt: skip
        options = {f"o-{o}": "yes" for o in screen.event.rule["rule"]["offered"]}
        await pilot.press("pagedown")
        await pilot.pause()
        assert screen.step == 2
        assert "No consent on file covers this." in screen_text(screen)
        await pilot.press("pageup")
        await pilot.pause()
        await walk(pilot, {1: {"f-danger_now": "yes"}, 3: facts, 5: {"f-basis": "permitted"},
                           6: options})  # fmt: skip
        body = note_of(pilot, screen)
        assert "Is anyone in danger right now: Yes" in body
        assert "Time of the call: 2026-11-20 21:05" in body
        assert "Your estimate of the risk: High" in body
        assert "Signed. This record is now a note" in screen_text(screen)


# -- threat to an identifiable person, California -------------------------------------


async def test_threat_under_california_requires_warning_and_police(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot, "US-CA")
        screen = await raise_from(pilot, ids["ana"], "2")
        facts = {"f-words_used": "I will hurt him when he gets home.",
                 "f-person": "Her brother, Sam, who lives with her."}  # fmt: skip
        await answer(pilot, "f-danger_now", "no")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("4", "enter")  # straight to the threshold
        await pilot.pause()
        assert screen.step == 4
        text = screen_text(screen)
        assert "Required by law" in text
        assert "serious threat of physical violence against a victim" in text
        assert "California Civil Code section 43.92" in text
        assert "starting point, not legal advice" in text
        assert "not yet reviewed by you" in text
        await screen.go_to(6)
        await pilot.pause()
        labels = screen_text(screen)
        assert "[required] Warn the person at risk" in labels
        assert "[required] Notify the police" in labels
        # Not warning the person, with no reason: said beside the option, at once.
        await answer(pilot, "o-warn_person", "no")
        await pilot.pause(0.2)
        assert "say why it was not taken" in screen_text(screen)
        await screen.go_to(1)
        await pilot.pause()

        async def police_call(pilot: Pilot[Any]) -> None:
            await record_disclosure(pilot, {
                "d-disclosed_at": "2026-11-20 20:55", "d-recipient": "City police",
                "d-person_spoken_to": "Officer Reyes", "d-reference": "INC-4471",
                "d-description": "The threat, the brother's name and address.",
            })  # fmt: skip

        options = {"o-warn_person": "no", "r-warn_person": "Police are with him now.",
                   "o-notify_police": "yes", "o-more_sessions": "yes",
                   "o-voluntary_admission": "no", "o-emergency_evaluation": "no",
                   "o-tell_client": "yes"}  # fmt: skip
        await walk(pilot, {3: facts, 5: {"f-basis": "required"}, 6: options},
                   {9: police_call})  # fmt: skip
        body = note_of(pilot, screen)
        assert "Warn the person at risk (required): not chosen. Police are with him now." in body
        assert "Notify the police (required): chosen" in body
        assert "to City police (spoke to Officer Reyes), reference INC-4471" in body
        entries = app.vault.disclosures.for_client(ids["ana"])
        assert [(e.recipient, e.accountable, e.source) for e in entries] == [
            ("City police", True, "risk")
        ]


# -- child abuse, a 36-hour written report --------------------------------------------


async def test_child_abuse_starts_the_36_hour_report_shown_in_the_header(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot, "US-CA")
        screen = await raise_from(pilot, ids["leo"], "3")
        facts = {"f-child": "L., 14, at home", "f-what": "Bruises on both arms, told by L.",
                 "f-how_known": "Told by the child in session"}  # fmt: skip

        async def call_and_deadline(pilot: Pilot[Any]) -> None:
            text = screen_text(screen)
            assert "The police or sheriff's department" in text
            await record_disclosure(pilot, {
                "d-disclosed_at": "now", "d-recipient": "County child welfare hotline",
                "d-person_spoken_to": "Intake worker J. Ames", "d-reference": "CW-2211",
                "d-description": "The child's name, age, the injuries and what L. said.",
            })  # fmt: skip
            assert screen.query_one("#dl-hours").value == "36"
            what = screen.query_one("#dl-what").value
            assert what.startswith("Written report to The police or sheriff")
            screen.query_one("#start-deadline").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert "36 h 00 min left" in screen_text(screen)
            assert "36 h 00 min left" in app.sub_title
            assert app.sub_title.startswith("36 h 00 min left: Written report to")

        options = {"o-mandated_report": "yes", "o-tell_client": "no",
                   "r-tell_client": "Telling the parents could put L. at risk."}  # fmt: skip
        await walk(pilot, {3: facts, 5: {"f-basis": "required"}, 6: options},
                   {9: call_and_deadline})  # fmt: skip
        body = note_of(pilot, screen)
        assert "Deadline: Written report to" in body
        assert "reference CW-2211" in body
        # The deadline stays in the header after signing, until it is done.
        app.refresh_deadline()
        assert "36 h 00 min left" in app.sub_title


# -- elder abuse, two working days ------------------------------------------------------


async def test_elder_abuse_with_a_report_due_in_two_working_days(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot, "US-CA")
        screen = await raise_from(pilot, ids["ana"], "4")
        facts = {"f-adult": "Her father, 82, lives alone at home",
                 "f-kind": "Financial: his pension taken by a neighbour"}  # fmt: skip

        async def report(pilot: Pilot[Any]) -> None:
            assert screen.query_one("#dl-working_days").value == "2"
            assert screen.query_one("#dl-hours").value == ""
            screen.query_one("#start-deadline").focus()
            await pilot.press("enter")
            await pilot.pause()

        options = {"o-mandated_report": "yes", "o-tell_client": "yes"}
        await walk(pilot, {3: facts, 5: {"f-basis": "required"}, 6: options}, {9: report})
        deadlines = app.vault.risk.deadlines_of(screen.event_id)
        # Friday 21:05: two working days is the end of Tuesday.
        assert [d.due_at.strftime("%a %H:%M") for d in deadlines] == ["Tue 23:59"]
        assert "Adult Protective Services" in note_of(pilot, screen)


# -- a subpoena that is not a court order ------------------------------------------------


async def test_a_subpoena_without_assurances_ends_with_nothing_disclosed(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot, "US-CA")
        screen = await raise_from(pilot, ids["ana"], "5")
        facts = {"f-document": "subpoena", "f-issued_by": "A lawyer for the other side",
                 "f-asks_for": "All records since 2024", "f-due": "2026-12-04",
                 "f-client_authorised": "no", "f-assurances": "no"}  # fmt: skip
        options = {"o-verify_court_order": "yes", "o-assert_privilege": "yes",
                   "o-release_order_scope": "no", "o-tell_client": "yes"}  # fmt: skip

        async def told_it_is_not_an_order(pilot: Pilot[Any]) -> None:
            assert "You recorded a subpoena, not an order signed by a judge." in (
                screen_text(screen)
            )
            assert "Nothing has to leave tonight" in screen_text(screen)

        await walk(pilot, {3: facts, 4: {"f-judgement": "not_met"},
                           5: {"f-basis": "none"}, 6: options},
                   {4: told_it_is_not_an_order})  # fmt: skip
        body = note_of(pilot, screen)
        assert "What arrived: A subpoena" in body
        assert "Written assurances received (client notified, or a protective order): No" in body
        assert "Legal basis: None: nothing will be disclosed" in body
        assert "Nothing disclosed; no deadline started." in body
        assert app.vault.disclosures.for_client(ids["ana"]) == []


# -- a father asks for his 15-year-old's notes -------------------------------------------


async def test_a_father_asking_for_his_daughters_notes_gets_a_summary(risk_vault) -> None:
    vault_dir, ids = risk_vault
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(pilot, "US-CA")
        screen = await raise_from(pilot, ids["mia"], "6")
        facts = {"f-requester": "Tom Harlow, her father", "f-standing": "Parent; no order",
                 "f-minor_age": "15", "f-exception": "none",
                 "f-minors_view": "Agrees to a short summary, not the notes."}  # fmt: skip

        async def suggest_and_give(pilot: Pilot[Any]) -> None:
            presets = screen.query_one("#presets")
            presets.focus()
            presets.highlighted = 1  # the treatment summary
            await pilot.press("enter")
            await pilot.pause()
            assert "Treatment summary: Dates of service, Attendance" in (
                screen.query_one("#f-what").text
            )
            await answer(pilot, "f-to_whom", "Tom Harlow (father)")

        async def summary_given(pilot: Pilot[Any]) -> None:
            assert screen.query_one("#d-recipient").value == "Tom Harlow (father)"
            await record_disclosure(
                pilot,
                {"d-disclosed_at": "2026-11-20", "d-method": "in_person"},
                basis="guardian_access",
            )
            assert "not accountable" in screen_text(screen)

        options = {"o-verify_requester": "yes", "o-give_summary": "yes", "o-deny_access": "no",
                   "o-tell_client": "yes"}  # fmt: skip

        async def record_says_who_may_see(pilot: Pilot[Any]) -> None:
            text = screen_text(screen)
            assert "On file: 15 years old." in text
            assert "Tom Harlow (father) — recorded as able to see the records" in text

        async def minors_rule_shown(pilot: Pilot[Any]) -> None:
            assert "Minors in this pack: Adulthood here begins at 18. From 12" in (
                screen_text(screen)
            )

        await walk(pilot, {3: facts, 5: {"f-basis": "permitted"}, 6: options},
                   {3: record_says_who_may_see, 4: minors_rule_shown,
                    8: suggest_and_give, 9: summary_given})  # fmt: skip
        body = note_of(pilot, screen)
        assert "Minors: From 12, a minor may consent to outpatient therapy" in body
        assert "Give a summary rather than the notes: chosen" in body
        assert "Refuse access, recording the reason: not chosen" in body
        [entry] = app.vault.disclosures.for_client(ids["mia"])
        assert entry.legal_basis == "guardian_access" and not entry.accountable
