"""The Risk view: risk records with their status and deadlines, the trend of each
instrument after a few results, the safety plan's version, and the keys that start a
PHQ-9, a GAD-7, a C-SSRS result and the safety plan."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from screens import export_dialog
from screens.cssrs_form import CssrsPaperForm
from screens.export_dialog import ExportDialog
from screens.instrument_form import InstrumentForm
from screens.record_risk import NO_PLAN, NO_RECORDS, NOTHING_TO_PRINT, RiskView
from screens.risk_screen import RiskViewScreen
from screens.safety_plan_form import SafetyPlanForm
from screens.trend_chart import trend_chart
from tests.ui.measures_app import running, show
from vault.risk.instruments import GAD7
from vault.risk.models import InstrumentResult


def shown(view: RiskView, selector: str) -> str:
    return str(view.query_one(selector, Static).render())


def rows(view: RiskView) -> list[list[str]]:
    table = view.table
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_an_empty_record_says_what_to_press(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        view = screen.query_one(RiskView)
        assert shown(view, "#risk-empty") == NO_RECORDS
        assert "no results yet" in shown(view, "#risk-trend-phq9")
        assert "no paper result recorded" in shown(view, "#risk-cssrs")
        assert shown(view, "#risk-plan") == NO_PLAN


async def test_the_trend_after_three_results_shows_totals_dates_and_the_latest_band(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        measures = pilot.app.vault.measures
        for day, answers in (("2026-09-01", [3, 3, 2, 2, 2, 2, 2, 2, 0]),
                             ("2026-10-01", [2, 2, 2, 1, 1, 1, 1, 1, 0]),
                             ("2026-11-01", [1, 1, 1, 1, 0, 0, 0, 0, 0])):  # fmt: skip
            measures.record(ids["ana"], "phq9", day, answers)
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        chart = shown(screen.query_one(RiskView), "#risk-trend-phq9")
        assert "latest 4, None or minimal, on 2026-11-01" in chart
        assert "3 results since 2026-09-01" in chart
        assert "18 11  4" in chart  # the totals under the bars, oldest first
        assert "no results yet" in shown(screen.query_one(RiskView), "#risk-trend-gad7")


async def test_risk_records_show_flag_status_and_the_time_left(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        vault = pilot.app.vault
        old = vault.risk.open(ids["ana"], "threat_to_other", vault.rule_pack())
        with vault.store.writing("the test") as conn:  # signing needs all twelve steps
            conn.execute(
                "UPDATE risk_events SET resolved_at = '2026-11-19T10:00:00',"
                " resolution = 'No threat' WHERE id = ?",
                (old.id,),
            )
        event = vault.risk.open(ids["ana"], "child_abuse", vault.rule_pack())
        vault.risk.start_deadline(event.id, "Written report to the county", hours=36)
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        view = screen.query_one(RiskView)
        first, second = rows(view)
        assert first[1:3] == ["Child abuse or neglect", "open"]
        assert first[3] == "36 h 00 min left · due 11-22 03:00"
        assert second[1:] == ["Threat to an identifiable person", "resolved", "—"]


async def test_p_enters_a_phq9_and_the_view_shows_it_with_the_record_it_opened(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        view = screen.query_one(RiskView)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InstrumentForm)
        await pilot.press(*"11111111", "2", "enter")
        await pilot.pause()
        await pilot.press("n")  # not now
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "latest 10, Moderate, on 2026-11-20" in shown(view, "#risk-trend-phq9")
        [record] = rows(view)
        assert record[1:3] == ["Danger to self · PHQ-9", "open"]


async def test_g_and_c_and_s_open_their_forms_and_the_view_follows(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        view = screen.query_one(RiskView)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InstrumentForm)
        assert pilot.app.screen.instrument.id == "gad7"
        await pilot.press(*"2222222", "enter")
        await pilot.pause()
        assert "latest 14, Moderate" in shown(view, "#risk-trend-gad7")
        await pilot.press("c")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, CssrsPaperForm)
        await pilot.press("space")
        form.query_one("#recency").value = "In the past 3 months"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "yes to 1 of 6 (wish to be dead)" in shown(view, "#risk-cssrs")
        assert "in the past 3 months" in shown(view, "#risk-cssrs")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SafetyPlanForm)
        await pilot.press(*"Not answering texts", "ctrl+s")
        await pilot.pause()
        assert shown(view, "#risk-plan").startswith("Version 1, saved 2026-11-20")


async def test_the_safety_plan_written_from_an_open_record_is_linked_to_it(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        vault = pilot.app.vault
        event = vault.risk.open(ids["ana"], "danger_to_self", vault.rule_pack())
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SafetyPlanForm)
        await pilot.press(*"Giving things away", "ctrl+s")
        await pilot.pause()
        plan = vault.safety_plans.latest(ids["ana"])
        assert plan is not None and plan.event_id == event.id
        assert "made for the danger to self record of 2026-11-20" in shown(
            screen.query_one(RiskView), "#risk-plan"
        )


async def test_opening_a_record_without_the_prompt_installed_says_so(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        vault = pilot.app.vault
        vault.risk.open(ids["ana"], "danger_to_self", vault.rule_pack())
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        await pilot.press("enter")
        await pilot.pause()
        try:
            import screens.risk.prompt  # noqa: F401
        except ImportError:
            assert pilot.app.screen is screen
            assert any("not available" in n.message for n in pilot.app._notifications)
        else:
            assert pilot.app.screen is not screen


async def test_hostile_recency_text_is_shown_inert(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        pilot.app.vault.measures.record_cssrs_paper(
            ids["ana"], "2026-11-19", {"wish_dead": False}, "[bold red]last week\x1b[2J"
        )
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        line = shown(screen.query_one(RiskView), "#risk-cssrs")
        assert "[bold red]last week" in line and "\x1b" not in line
        assert "no to all 6 topics" in line


def test_a_long_history_shows_the_latest_results_that_fit_and_says_so() -> None:
    results = [
        InstrumentResult(n, 1, "gad7", date(2025, 1, 1) + timedelta(weeks=n), (0,) * 7,
                         n % 22, GAD7.band(n % 22), None)
        for n in range(40)
    ]  # fmt: skip
    chart = trend_chart("gad7", results, 80).plain
    title, *drawn = chart.splitlines()
    assert title.endswith("latest 17, Severe, on 2025-10-01  ·  40 results since 2025-01-01"
                          ", the latest 24 drawn")  # fmt: skip
    assert max(len(line) for line in drawn) <= 80
    totals = chart.splitlines()[3].split()
    assert totals[0] == "total" and totals[-1] == "17" and len(totals) == 25


def test_a_total_of_zero_draws_no_bar_but_shows_its_number() -> None:
    results = [
        InstrumentResult(1, 1, "phq9", date(2026, 1, 5), (0,) * 9, 0, "None or minimal", None)
    ]
    lines = trend_chart("phq9", results, 80).plain.splitlines()
    assert lines[1].strip() == lines[2].strip() == ""
    assert lines[3].split() == ["total", "0"]


async def test_o_prints_the_plan_through_the_export_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(export_dialog, "default_folder", lambda: documents)
    async with running(tmp_path) as (pilot, ids):
        screen = await show(pilot, RiskViewScreen(ids["ana"]))
        await pilot.press("o")
        await pilot.pause()
        assert pilot.app.screen is screen  # no plan yet: nothing to print
        assert any(n.message == NOTHING_TO_PRINT for n in pilot.app._notifications)
        pilot.app.vault.safety_plans.save(ids["ana"], {"warning_signs": ["Not sleeping"]})
        screen.query_one(RiskView).load()
        await pilot.press("o")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog) and dialog.kind == "safety_plan"
        out = Path(dialog.query_one("#out", Input).value)
        assert out.parent == documents and out.name == "AO-safety-plan-2026-11-20.pdf"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
        last = pilot.app.vault.audit.recent(1)[0]
        assert (last.action, last.subject) == ("print_form", f"client:{ids['ana']}")
