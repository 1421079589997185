"""The PHQ-9 and GAD-7 entered by keys, the item-9 rule as the clinician meets it, and
the C-SSRS result from paper."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.widgets import Checkbox, Input, Select, Static

from screens.confirm import ConfirmScreen
from screens.cssrs_form import CssrsPaperForm
from screens.instrument_form import ITEM9_OPENED, InstrumentForm, InstrumentSaved
from tests.ui.measures_app import lock_and_unlock, running, show
from vault.risk.instruments import ATTRIBUTION, GAD7, PHQ9, PHQ9_DIFFICULTY, STEM


def text_of(form: InstrumentForm, selector: str) -> str:
    """What a line of the form says, as plain text (an item is a small rich table)."""
    content = form.query_one(selector, Static).content
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=400, record=True, file=io.StringIO())
    console.print(content)
    return " ".join(console.export_text().split())


async def test_every_phq9_item_is_answered_by_keys_and_saved(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[InstrumentSaved | None] = []
        form = InstrumentForm(ids["ana"], "phq9")
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        assert text_of(form, "#instrument-stem") == STEM
        assert text_of(form, "#instrument-attribution") == ATTRIBUTION
        for number, wording in enumerate(PHQ9.items, start=1):
            assert wording in text_of(form, f"#item-{number}")  # exact wording
        assert PHQ9_DIFFICULTY in text_of(form, "#item-difficulty")
        await pilot.press("2", "1", "2", "3", "1", "0", "2")
        assert "Total so far 11 of 27 · 2 items to answer" in text_of(form, "#instrument-score")
        assert "More than half the days" in text_of(form, "#item-1")
        await pilot.press("1", "0")  # items 8 and 9: the cursor is on the difficulty
        assert "Total 12 of 27 · Moderate" in text_of(form, "#instrument-score")
        assert form.current == 9
        await pilot.press("1", "enter")
        await pilot.pause()
        assert results and results[0] is not None
        saved = results[0].result
        assert (saved.total, saved.band) == (12, "Moderate")
        assert saved.answers == (2, 1, 2, 3, 1, 0, 2, 1, 0)
        assert saved.taken_on.isoformat() == "2026-11-20"
        assert saved.note == "Difficulty (not scored): Somewhat difficult"
        assert results[0].opened_event_id is None
        assert pilot.app.vault.risk.for_client(ids["ana"]) == []


async def test_a_gad7_band_shows_as_it_fills_and_an_answer_can_be_changed(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[InstrumentSaved | None] = []
        form = InstrumentForm(ids["ana"], "gad7")
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        assert not form.query("#item-difficulty")
        await pilot.press("3", "3", "3", "3", "3", "0", "0")
        assert "Total 15 of 21 · Severe" in text_of(form, "#instrument-score")
        await pilot.press("up", "up", "up", "0")  # item 5 back to "Not at all"
        assert "Total 12 of 21 · Moderate" in text_of(form, "#instrument-score")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results[0] is not None and results[0].result.band == "Moderate"
        assert len(results[0].result.answers) == len(GAD7.items)


async def test_an_unanswered_item_is_named_and_nothing_is_saved(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, InstrumentForm(ids["ana"], "gad7"))
        await pilot.press("1", "1", "down", "1")  # item 3 skipped
        await pilot.press("ctrl+s")
        assert form.error_text == "Item 3 has no answer yet: press 0, 1, 2 or 3."
        assert form.current == 2
        assert pilot.app.screen is form
        assert pilot.app.vault.measures.trend(ids["ana"], "gad7") == []


async def test_a_date_in_the_future_is_refused_under_the_date(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, InstrumentForm(ids["ana"], "gad7"))
        await pilot.press(*"0000000")
        form.query_one("#taken_on", Input).value = "2030-01-01"
        await pilot.press("ctrl+s")
        assert form.error_text == "The date taken cannot be in the future."
        assert form.focused is form.query_one("#taken_on", Input)
        form.query_one("#taken_on", Input).value = "2026-13-01"
        await pilot.press("enter")
        assert "Date taken" in form.error_text
        assert pilot.app.screen is form  # the answers are still there
        assert form.answers == [0] * 7


async def test_item9_above_not_at_all_opens_a_danger_to_self_record(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[InstrumentSaved | None] = []
        form = InstrumentForm(ids["ana"], "phq9")
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        await pilot.press(*"00000000", "1")  # only item 9, "Several days"
        assert "saving opens a danger-to-self record" in text_of(form, "#instrument-score")
        await pilot.press("enter")  # skip the difficulty question: Enter on the last saves
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmScreen)
        assert ITEM9_OPENED in str(question.query_one("#confirm-question", Static).render())
        await pilot.press("y")
        await pilot.pause()
        saved = results[0]
        assert saved is not None and saved.go_to_record
        event = pilot.app.vault.risk.get(saved.opened_event_id)
        assert (event.flag, event.opened_by, event.client_id) == (
            "danger_to_self",
            "phq9",
            ids["ana"],
        )
        assert saved.result.total == 1 and saved.result.band == "None or minimal"


async def test_item9_record_is_opened_even_when_going_there_later(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[InstrumentSaved | None] = []
        pilot.app.push_screen(InstrumentForm(ids["ana"], "phq9"), results.append)
        await pilot.pause()
        await pilot.press(*"33333333", "3", "3", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        saved = results[0]
        assert saved is not None and not saved.go_to_record and saved.opened_event_id
        assert [e.flag for e in pilot.app.vault.risk.for_client(ids["ana"])] == ["danger_to_self"]


async def test_lock_keeps_the_answers_given_so_far(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, InstrumentForm(ids["ana"], "phq9"))
        await pilot.press("2", "2", "1")
        factory = form.reopen()
        form.before_lock()
        await lock_and_unlock(pilot)
        again = pilot.app.screen
        if not isinstance(again, InstrumentForm):  # the app's modal hook not merged yet
            assert factory is not None
            again = await show(pilot, factory())
        assert isinstance(again, InstrumentForm)
        assert again.answers[:4] == [2, 2, 1, None]
        assert again.current == 3


async def test_escape_with_answers_asks_before_losing_them(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        form = await show(pilot, InstrumentForm(ids["ana"], "gad7"))
        await pilot.press("1", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is form and form.answers[0] == 1


async def test_a_cssrs_paper_result_is_recorded_with_its_recency(tmp_path: Path) -> None:
    async with running(tmp_path) as (pilot, ids):
        results: list[object] = []
        form = CssrsPaperForm(ids["ana"])
        pilot.app.push_screen(form, results.append)
        await pilot.pause()
        await pilot.press("space", "tab", "space")  # wish to be dead; thoughts
        assert form.query_one("#thoughts", Checkbox).value
        await pilot.press("ctrl+s")
        assert form.error_text == "Choose how recent the answers are (under 'How recent')."
        form.query_one("#recency", Select).value = "In the past month"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [result] = pilot.app.vault.measures.trend(ids["ana"], "cssrs_paper")
        assert results == [result]
        assert result.answers["recency"] == "In the past month"
        assert result.answers["answers"]["wish_dead"] and result.answers["answers"]["thoughts"]
        assert not result.answers["answers"]["plan"]


async def test_a_lock_while_the_item9_notice_is_up_brings_back_no_empty_form(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as (pilot, ids):
        await show(pilot, InstrumentForm(ids["ana"], "phq9"))
        await pilot.press(*"00000000", "3", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await lock_and_unlock(pilot)
        assert not isinstance(pilot.app.screen, InstrumentForm | ConfirmScreen)
        [result] = pilot.app.vault.measures.trend(ids["ana"], "phq9")
        assert result.answers[8] == 3
        assert [e.flag for e in pilot.app.vault.risk.for_client(ids["ana"])] == ["danger_to_self"]
