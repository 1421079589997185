"""Searching every note from anywhere, inside the real app."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from textual.widgets import Input, OptionList, Static
from textual.worker import WorkerState

from screens.note_editor import NoteEditorScreen
from screens.safe import HIDDEN
from screens.search import SearchRun, SearchScreen, looks_unfinished
from tests.ui.notes_app import make_app, type_text
from tests.ui.notes_app import unlock as unlock_app
from vault.records.notes import SessionInput


async def open_search(pilot) -> SearchScreen:
    await pilot.press("ctrl+f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    assert screen.query_one("#search-query", Input).has_focus
    return screen


async def search_for(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def results(screen: SearchScreen) -> OptionList:
    return screen.query_one("#search-results", OptionList)


def count_line(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-count", Static).render())


def result_ids(screen: SearchScreen) -> list[int]:
    options = results(screen)
    return [int(options.get_option_at_index(i).id) for i in range(options.option_count)]


def result_text(screen: SearchScreen, index: int) -> str:
    return str(results(screen).get_option_at_index(index).prompt)


async def test_results_appear_as_you_type_and_enter_opens_one(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "diar")  # a prefix: matches while still typing "diary"
        assert result_ids(screen) == [ids["signed"]]
        assert count_line(screen) == "1 match, best first."
        first = result_text(screen, 0)
        assert "2025-01-06" in first and "Ana Okafor" in first and "Signed" in first
        assert "Sleep diary" in first
        await pilot.press("down")
        assert results(screen).has_focus and results(screen).highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.note_id == ids["signed"]


async def test_matched_words_are_highlighted(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "harmonica")
        prompt = results(screen).get_option_at_index(0).prompt
        highlighted = [prompt.plain[span.start : span.end] for span in prompt.spans
                       if "reverse" in str(span.style)]  # fmt: skip
        assert highlighted == ["harmonica"]


async def test_newest_first_changes_the_order(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        # A note that ranks best for "sleep" (it says it three times) but is the oldest.
        old = app.vault.notes.start(ids["ana"], template="free", session=SessionInput("2024-06-01"))
        app.vault.notes.save_draft(old.id, "Sleep, sleep, sleep: the whole session on sleep.")
        screen = await open_search(pilot)
        await search_for(pilot, "sleep")
        ranked = result_ids(screen)
        assert ranked[0] == old.id
        await pilot.press("ctrl+t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        newest = result_ids(screen)
        assert newest[-1] == old.id and sorted(newest) == sorted(ranked)
        assert count_line(screen).endswith("newest first.")
        await pilot.press("ctrl+t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert result_ids(screen) == ranked


async def test_a_malformed_query_is_explained_inline_on_enter(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        screen.query_one("#search-query", Input).value = '"sleep'
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        assert not screen.query_one("#search-count").has_class("-error")  # still typing
        await pilot.press("enter")
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert count_line(screen) == 'The search has an unclosed quote ("). Close it or remove it.'
        assert screen.query_one("#search-count").has_class("-error")
        assert results(screen).option_count == 0
        assert not app._notifications  # inline, not a notification per keystroke


@pytest.mark.parametrize("unfinished", ['sleep "diary', "sleep AND", "sleep OR ", "sleep NOT",
                                        "(sleep", "sleep -", "sleep *"])  # fmt: skip
def test_a_query_still_being_typed_is_recognised(unfinished) -> None:
    assert looks_unfinished(unfinished)


@pytest.mark.parametrize("finished", ['"sleep diary"', "sleep AND work", "(sleep OR work)",
                                      "diary*", "5:30", "and/or", "worry and", ""])  # fmt: skip
def test_a_finished_query_is_searched_at_once(finished) -> None:
    assert not looks_unfinished(finished)


async def test_while_a_phrase_is_typed_the_last_results_stay(practice_dir, monkeypatch) -> None:
    monkeypatch.setattr(SearchScreen, "INCOMPLETE_PAUSE", 0.2)
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "diary")
        assert result_ids(screen) == [ids["signed"]]
        box = screen.query_one("#search-query", Input)
        for unfinished in ("diary AND", 'diary AND "sle'):  # an operator, then an open quote
            box.value = unfinished
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert result_ids(screen) == [ids["signed"]]
        assert count_line(screen) == "1 match, best first."
        await pilot.pause(0.5)  # the user pauses: now the error is real
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "unclosed quote" in count_line(screen)
        box.cursor_position = len(box.value)
        await type_text(pilot, 'ep"')
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert result_ids(screen) == [ids["signed"]]
        assert not screen.query_one("#search-count").has_class("-error")


async def test_nothing_found_says_so(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "zebra")
        assert count_line(screen) == "No notes match."


async def test_a_stale_answer_is_dropped(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "sleep")
        before = result_ids(screen)
        # An answer to an older query arriving late (a slow worker) changes nothing.
        stale = SearchRun("sl", False, hits=[])
        worker = SimpleNamespace(group="search", result=stale)
        screen.on_worker_state_changed(SimpleNamespace(worker=worker, state=WorkerState.SUCCESS))
        assert result_ids(screen) == before


async def test_privacy_hides_snippets_and_names(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "sleep")
        await pilot.press("f2")
        await pilot.pause()
        for index in range(results(screen).option_count):
            text = result_text(screen, index)
            assert "A.O." in text and "Okafor" not in text
            assert HIDDEN.plain in text and "leep" not in text
        await pilot.press("f2")
        await pilot.pause()
        assert "Okafor" in result_text(screen, 0)


async def test_process_notes_are_marked(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await search_for(pilot, "reflection")
        assert result_ids(screen) == [ids["process"]]
        assert "Psychotherapy note (private)" in result_text(screen, 0)
        assert "Draft" in result_text(screen, 0)


async def test_at_most_the_limit_is_mounted(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        for day in range(1, 29):
            for month in (2, 3):
                note = app.vault.notes.start(ids["ana"], template="free",
                                             note_date=f"2024-{month:02}-{day:02}")  # fmt: skip
                app.vault.notes.save_draft(note.id, "Walked together; talked about walking.")
        screen = await open_search(pilot)
        await search_for(pilot, "walk")
        assert results(screen).option_count == SearchScreen.LIMIT
        assert count_line(screen) == "50 best matches."


async def test_keys_move_between_box_and_results_and_escape_goes_back(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        under = app.screen
        screen = await open_search(pilot)
        await search_for(pilot, "sleep")
        await pilot.press("enter")  # Enter in the box: to the results
        assert results(screen).has_focus
        await pilot.press("up")  # up from the first result: back to the box
        assert screen.query_one("#search-query", Input).has_focus
        await pilot.press("tab")
        assert results(screen).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under


async def test_a_slash_can_be_searched_for(practice_dir) -> None:
    # `/` opens search from elsewhere; inside the box it is just a character.
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        screen = await open_search(pilot)
        await type_text(pilot, "and/or")
        assert app.screen is screen
        assert screen.query_one("#search-query", Input).value == "and/or"


async def test_the_search_comes_back_after_a_lock(practice_dir) -> None:
    vault_dir, ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_search(pilot)
        await search_for(pilot, "diary")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        app.lock()
        await pilot.pause()
        assert not any(isinstance(screen, SearchScreen) for screen in app.screen_stack)
        assert "diary" not in app.export_screenshot()
        await unlock_app(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_text == "diary" and screen.newest_first
        assert result_ids(screen) == [ids["signed"]]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_privacy_masks_the_query(practice_dir) -> None:
    vault_dir, _ids = practice_dir
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_app(pilot)
        await open_search(pilot)
        await search_for(pilot, "okafor")
        assert "okafor" in app.export_screenshot()
        await pilot.press("f2")
        await pilot.pause()
        shown = app.export_screenshot()
        assert "okafor" not in shown.lower() and "••••••" in shown
        await pilot.press("f2")
        await pilot.pause()
        assert "okafor" in app.export_screenshot()
