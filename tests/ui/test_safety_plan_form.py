"""The safety plan: a first version starting from the jurisdiction's crisis numbers, a
second starting from the first, the versions listed, refusals, and a lock that keeps
what was typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from screens.confirm import ConfirmScreen
from screens.safety_plan_form import SafetyPlanForm
from tests.ui.measures_app import lock_and_unlock, running, show
from vault.risk.models import SafetyPlan


def part(form: SafetyPlanForm, key: str) -> TextArea:
    return form.query_one(f"#{key}", TextArea)


def versions_line(form: SafetyPlanForm) -> str:
    return str(form.query_one("#plan-versions", Static).render())


async def test_first_plan_starts_with_the_crisis_numbers_and_saves_version_1(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[SafetyPlan | None] = []
        form = SafetyPlanForm(ids["ana"])
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        assert "988 Suicide and Crisis Lifeline: 988" in part(form, "professionals").text
        assert "Emergency: 911" in part(form, "professionals").text
        assert "First version" in versions_line(form)
        assert form.focused is part(form, "warning_signs")
        await pilot.press(*"Not sleeping", "enter", *"Skipping meals")
        await pilot.press("tab", *"Walk the dog")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [plan] = results
        assert plan is not None and plan.version == 1
        assert plan.sections["warning_signs"] == ["Not sleeping", "Skipping meals"]
        assert plan.sections["on_my_own"] == ["Walk the dog"]
        assert plan.sections["professionals"][0] == "Emergency: 911"
        assert plan.sections["reasons"] == []


async def test_second_version_starts_from_the_first_and_lists_it(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        pilot.app.vault.safety_plans.save(ids["ana"], {
            "warning_signs": ["Not sleeping"], "ask_for_help": ["My sister Jo"],
        })  # fmt: skip
        results: list[SafetyPlan | None] = []
        form = SafetyPlanForm(ids["ana"])
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        assert part(form, "warning_signs").text == "Not sleeping"
        assert part(form, "ask_for_help").text == "My sister Jo"
        assert part(form, "professionals").text == ""  # not refilled from the pack
        line = versions_line(form)
        assert "Saving makes version 2" in line and "Kept: version 1 (2026-11-20)" in line
        part(form, "reasons").load_text("My nephew's graduation")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results[0] is not None and results[0].version == 2
        versions = pilot.app.vault.safety_plans.versions(ids["ana"])
        assert [p.version for p in versions] == [2, 1]
        assert versions[1].sections.get("reasons") is None  # the first is kept as written
        assert versions[0].sections["reasons"] == ["My nephew's graduation"]


async def test_a_plan_linked_to_a_risk_record_keeps_the_link(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        vault = pilot.app.vault
        event = vault.risk.open(ids["ana"], "danger_to_self", vault.rule_pack())
        results: list[SafetyPlan | None] = []
        pilot.app.push_screen(SafetyPlanForm(ids["ana"], event.id), results.append)
        await pilot.pause()
        await pilot.press(*"Pacing at night", "ctrl+s")
        await pilot.pause()
        assert results[0] is not None and results[0].event_id == event.id


async def test_an_empty_plan_is_refused_and_a_long_line_is_named_by_its_part(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, SafetyPlanForm(ids["ana"]))
        part(form, "professionals").load_text("")
        await pilot.press("ctrl+s")
        assert form.error_text == "The safety plan is empty; write at least one part."
        part(form, "distraction").load_text("x" * 301)
        await pilot.press("ctrl+s")
        assert form.error_text.startswith("People and places that take my mind off things:")
        assert "300 characters" in form.error_text
        assert form.focused is part(form, "distraction")
        assert pilot.app.vault.safety_plans.latest(ids["ana"]) is None
        assert pilot.app.screen is form


async def test_lock_keeps_what_was_typed_in_the_plan(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, SafetyPlanForm(ids["ana"]))
        await pilot.press(*"Cancelling plans with friends")
        assert form.has_unsaved_input()
        factory = form.reopen()
        form.before_lock()
        await lock_and_unlock(pilot)
        again = pilot.app.screen
        if not isinstance(again, SafetyPlanForm):  # the app's modal hook not merged yet
            assert factory is not None
            again = await show(pilot, factory())
        assert isinstance(again, SafetyPlanForm)
        assert part(again, "warning_signs").text == "Cancelling plans with friends"
        assert "988" in part(again, "professionals").text
        await pilot.press("ctrl+s")
        await pilot.pause()
        plan = pilot.app.vault.safety_plans.latest(ids["ana"])
        assert plan is not None and plan.sections["warning_signs"] == [
            "Cancelling plans with friends"
        ]
        assert pilot.app.vault.form_drafts.load("safety_plan", ids["ana"]) is None


async def test_escape_asks_before_dropping_typed_text_and_keeps_no_draft(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, SafetyPlanForm(ids["ana"]))
        await pilot.press(*"Staying in bed", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen is not form
        assert pilot.app.vault.safety_plans.latest(ids["ana"]) is None
        assert pilot.app.vault.form_drafts.load("safety_plan", ids["ana"]) is None


async def test_privacy_mode_shows_initials_and_hides_the_plan_keeping_it(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, SafetyPlanForm(ids["ana"]))
        await pilot.press(*"Call my sister Jo")
        title = form.query_one("#measure-title", Static)
        assert "Ana Okafor" in str(title.render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Ana Okafor" not in str(title.render()) and "A.O." in str(title.render())
        assert not form.query_one("#plan-parts").display
        assert form.query_one("#plan-hidden").display
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert form.query_one("#plan-parts").display
        assert part(form, "warning_signs").text == "Call my sister Jo"
