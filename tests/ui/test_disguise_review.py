"""The disguise review, as a therapist uses it: from the record's notes view (u), choose
notes, see every replacement, keep one, add one, write the protected PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, SelectionList, Static

from screens import disguise_review
from screens.client_record import ClientRecordScreen
from screens.disguise_dialogs import AddReplacementScreen, DisguisedExportDialog
from screens.disguise_review import DisguiseNotesScreen, DisguiseReviewScreen
from tests.conftest import CHEAP, PASSPHRASE
from tests.pdf_reading import all_text
from tests.ui.notes_app import FIXED_CLOCK, make_app, unlock
from vault.records.clients import ClientInput
from vault.records.notes import SessionInput
from vault.vault import Vault

FIRST = (
    "Ana's sister Maja visited from Larkhaven on 12 December 2024. She works at Fernside "
    "Logistics and plays in the Blue Heron choir. Call 07700 900555."
)
SECOND = "Ana said Maja is moving. A 34-year-old; next review 2025-04-02."


def make_case_vault(vault_dir: Path) -> dict[str, int]:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FIXED_CLOCK)
    try:
        ana = vault.clients.add(
            ClientInput(
                "Ana",
                "Okafor",
                "1988-03-14",
                phone="07700 900555",
                address="4 Mill Lane, Larkhaven",
            )  # fmt: skip
        ).id
        ids = {"ana": ana}
        for key, day, text in (("first", "2025-01-06", FIRST), ("second", "2025-01-13", SECOND)):
            note = vault.notes.start(ana, template="free", session=SessionInput(day))
            vault.notes.save_draft(note.id, text)
            vault.notes.sign(note.id)
            ids[key] = note.id
        draft = vault.notes.start(ana, template="free", session=SessionInput("2025-01-20"))
        vault.notes.save_draft(draft.id, "A draft.")
    finally:
        vault.close()
    return ids


@pytest.fixture
def case_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, int]]:
    monkeypatch.setattr(disguise_review, "SEED", 11)
    vault_dir = tmp_path / "vault"
    return vault_dir, make_case_vault(vault_dir)


async def to_review(pilot: Pilot[Any], client_id: int, *, choose_all: bool = True) -> None:
    await unlock(pilot)
    pilot.app.open_client(client_id)
    await pilot.pause()
    await pilot.press("u")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DisguiseNotesScreen)
    if choose_all:
        await pilot.press("a")
    await pilot.press("enter")
    await pilot.pause()


def _text(pilot: Pilot[Any]) -> str:
    return str(pilot.app.screen.query_one("#disguised-text", Static).render())


async def test_only_signed_notes_are_offered_and_none_is_chosen_at_first(case_dir) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"], choose_all=False)
        screen = pilot.app.screen
        assert isinstance(screen, DisguiseNotesScreen)  # Enter with nothing chosen stays
        options = screen.query_one(SelectionList)
        assert options.option_count == 2  # the draft is not offered
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DisguiseReviewScreen)
        assert len(pilot.app.screen.case.notes) == 1


async def test_every_replacement_is_listed_and_the_text_is_disguised(case_dir) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        screen = pilot.app.screen
        assert isinstance(screen, DisguiseReviewScreen)
        originals = {use.rule.original for use in screen.uses}
        assert {"Ana", "Maja", "Larkhaven", "12 December 2024", "07700 900555"} <= originals
        text = _text(pilot)
        for hidden in ("Ana", "Maja", "Larkhaven", "12 December 2024", "07700 900555", "Fernside"):
            assert hidden not in text
        maja = next(use for use in screen.uses if use.rule.original == "Maja")
        assert maja.count == 2 and len(maja.where) == 2


async def test_x_keeps_an_original_and_n_adds_a_replacement(case_dir) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        screen = pilot.app.screen
        assert isinstance(screen, DisguiseReviewScreen)
        row = next(i for i, use in enumerate(screen.uses) if use.rule.original == "Larkhaven")
        screen.query_one(DataTable).move_cursor(row=row)
        await pilot.press("x")
        assert "Larkhaven" in _text(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AddReplacementScreen)
        await pilot.press("x", "enter", "enter")  # one letter: refused, nothing lost
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, AddReplacementScreen)
        assert "two letters or more" in str(dialog.query_one("#phrase-error", Static).render())
        dialog.query_one("#phrase", Input).value = "blue heron choir"
        dialog.query_one("#instead", Input).value = "a choir"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "plays in the a choir" in _text(pilot)


async def test_w_writes_a_protected_pdf_named_after_the_pseudonym(case_dir, tmp_path: Path) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        review = pilot.app.screen
        assert isinstance(review, DisguiseReviewScreen)
        pseudonym = review.case.pseudonym
        await pilot.press("w")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, DisguisedExportDialog)
        suggested = Path(dialog.query_one("#out", Input).value).name
        assert suggested.startswith(f"{pseudonym}-for-supervision-") and "Ana" not in suggested
        out = tmp_path / "case.pdf"
        dialog.query_one("#out", Input).value = str(out)
        await pilot.press("ctrl+s")
        await pilot.pause()
        password = str(dialog.query_one("#password", Static).render())
        text = all_text(out, password)
        assert f"The case of {pseudonym}" in text and "Maja" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClientRecordScreen)
        entry = pilot.app.vault.audit.recent(1)[0]
        assert (entry.action, entry.detail) == ("supervision_export", "notes:2")


async def test_privacy_mode_hides_the_originals_and_the_text(case_dir) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert _text(pilot) == disguise_review.HIDDEN
        table = pilot.app.screen.query_one(DataTable)
        cells = [str(table.get_cell_at((row, 0))) for row in range(table.row_count)]
        assert "Maja" not in cells and "Ana" not in cells


async def test_escape_goes_back_without_writing(case_dir) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        before = pilot.app.vault.audit.recent(1)[0].id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DisguiseNotesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClientRecordScreen)
        assert pilot.app.vault.audit.recent(1)[0].id == before


async def test_after_a_lock_the_chosen_notes_are_kept_and_the_review_is_dropped(
    case_dir,
) -> None:
    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await to_review(pilot, ids["ana"])
        await pilot.press("ctrl+l")
        await pilot.pause()
        await unlock(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DisguiseNotesScreen)
        assert sorted(screen.query_one(SelectionList).selected) == [ids["first"], ids["second"]]


async def test_help_names_the_key_on_the_notes_view(case_dir) -> None:
    from screens.help import HelpScreen

    vault_dir, ids = case_dir
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in pilot.app.screen.query(".help-group"))
        assert "For supervision" in shown


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_notes_to_choose(snap_compare, case_dir, size: tuple[int, int]) -> None:
    vault_dir, ids = case_dir

    async def run_before(pilot: Pilot[Any]) -> None:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        await pilot.press("u", "space")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_review(snap_compare, case_dir, size: tuple[int, int]) -> None:
    vault_dir, ids = case_dir

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_review(pilot, ids["ana"])

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


def test_snapshot_add_a_replacement_small(snap_compare, case_dir) -> None:
    vault_dir, ids = case_dir

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_review(pilot, ids["ana"])
        await pilot.press("n")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#phrase", Input).value = "Blue Heron choir"
        dialog.query_one("#instead", Input).value = "a choir"
        for box in dialog.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=(80, 24), run_before=run_before)
