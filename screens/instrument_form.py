"""Entering a PHQ-9 or GAD-7 from the client's answers, item by item: the stem, each
item in its exact published wording, answered with the keys 0-3 (the cursor moves on),
the total and band as it fills, the date taken, the attribution. For the PHQ-9 the
difficulty question follows item 9; it is not scored and is kept with the note.

Saving a PHQ-9 whose item 9 is above "Not at all" opens a danger-to-self risk record
in the core; the form says so plainly and offers to go to it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Static

from screens.confirm import ConfirmScreen
from screens.measures_base import MEASURE_DIALOG_CSS, MeasureDialog
from vault.errors import InvalidRecord, VaultError
from vault.risk.instruments import (
    ANSWERS,
    ATTRIBUTION,
    DIFFICULTY_ANSWERS,
    INSTRUMENTS,
    PHQ9,
    PHQ9_DIFFICULTY,
    STEM,
    score,
)
from vault.risk.models import InstrumentResult

ITEM9_OPENED = "Item 9 was answered above 'Not at all': a danger-to-self record has been opened."
ITEM9_AHEAD = "Item 9 is above 'Not at all': saving opens a danger-to-self record."
DIFFICULTY_NOTE = "Difficulty (not scored): "
KEYS = "0-3 answer · ↑↓ move · Enter on the last saves · Tab the date · ctrl+s saves"


@dataclass(frozen=True)
class InstrumentSaved:
    """What the form returns: the stored result, the risk record it opened (if any), and
    whether the clinician chose to go to that record now."""

    result: InstrumentResult
    opened_event_id: int | None = None
    go_to_record: bool = False


class OpenedNotice(ConfirmScreen):
    """The record is already open whatever the answer: "no" means later, not cancel."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static("Danger to self", id="confirm-title", markup=False)
            yield Static(ITEM9_OPENED + " Go to it now?", id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Go to it (y)", id="yes", variant="primary")
                yield Button("Later (n)", id="no")


def go_to_risk_record(app: App[Any], event_id: int) -> bool:
    """Open the risk prompt on a record, if the prompt's screens are installed."""
    try:
        from screens.risk.prompt import RiskPromptScreen
    except ImportError:
        return False
    app.push_screen(RiskPromptScreen(event_id))
    return True


class ItemList(VerticalScroll, can_focus=True):
    """The items, focused while answering: its keys are the form's (a scroll's own
    up/down are replaced by moving between items)."""

    BINDINGS = [
        Binding("0", "screen.answer(0)", "Not at all", show=False, id="instrument.answer0"),
        Binding("1", "screen.answer(1)", "Answer 1", show=False, id="instrument.answer1"),
        Binding("2", "screen.answer(2)", "Answer 2", show=False, id="instrument.answer2"),
        Binding("3", "screen.answer(3)", "Answer 3", show=False, id="instrument.answer3"),
        Binding("up,k", "screen.move(-1)", "Previous", show=False, id="instrument.previous"),
        Binding("down,j", "screen.move(1)", "Next", show=False, id="instrument.next"),
        Binding("enter", "screen.enter", "Next or save", show=False, id="instrument.enter"),
    ]


class InstrumentForm(MeasureDialog):
    DEFAULT_CSS = (
        MEASURE_DIALOG_CSS % {"cls": "InstrumentForm"}
        + """
    InstrumentForm {
        .instrument-item {
            padding: 0 1;
        }
        .instrument-item.-current {
            background: $boost;
            border-left: thick $accent;
            padding: 0 0;
        }
        #instrument-meta {
            height: 1;
        }
        #taken_on {
            width: 14;
        }
        #note {
            width: 1fr;
        }
        #instrument-score {
            text-style: bold;
        }
    }
    """
    )

    def __init__(self, client_id: int, instrument: str) -> None:
        super().__init__(client_id)
        self.instrument = INSTRUMENTS[instrument]
        self.FORM_NAME = f"instrument:{self.instrument.id}"
        self.HEADING = self.instrument.name
        self.answers: list[int | None] = [None] * len(self.instrument.items)
        self.difficulty: int | None = None
        self.current = 0

    @property
    def has_difficulty(self) -> bool:
        return self.instrument.id == PHQ9.id

    @property
    def questions(self) -> int:
        return len(self.answers) + (1 if self.has_difficulty else 0)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="measure-dialog -tall"):
            yield Static("", id="measure-title", classes="measure-title")
            yield Static(STEM, id="instrument-stem", markup=False)
            yield Static(_legend(ANSWERS), classes="measure-hint")
            with ItemList(id="instrument-items", classes="measure-scroll"):
                for number in range(1, len(self.instrument.items) + 1):
                    yield Static("", id=f"item-{number}", classes="instrument-item")
                if self.has_difficulty:
                    yield Static("", id="item-difficulty", classes="instrument-item")
            yield Static("", id="instrument-score")
            yield Static("", id="measure-error", classes="measure-error")
            with Horizontal(id="instrument-meta"):
                yield Label("Date taken ")
                yield Input(placeholder="YYYY-MM-DD", id="taken_on", compact=True)
                yield Label("  Note ")
                yield Input(placeholder="optional", id="note", compact=True)
            yield Static(
                ATTRIBUTION, id="instrument-attribution", classes="measure-hint", markup=False
            )
            yield Static(KEYS, classes="measure-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#taken_on", Input).value = self.qr_app.today().isoformat()
        self.start()
        self.redraw()
        self.query_one(ItemList).focus()  # the keys 0-3 answer; Tab reaches the date

    # -- answering ------------------------------------------------------------------------

    def action_answer(self, value: int) -> None:
        if self.current < len(self.answers):
            self.answers[self.current] = value
        else:
            self.difficulty = value
        self.clear_error()
        self.current = min(self.current + 1, self.questions - 1)
        self.redraw()

    def action_move(self, step: int) -> None:
        self.current = max(0, min(self.questions - 1, self.current + step))
        self.redraw()

    def action_enter(self) -> None:
        if self.current == self.questions - 1:
            self.action_save()
        else:
            self.action_move(1)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def redraw(self) -> None:
        for index, wording in enumerate(self.instrument.items):
            item = self.query_one(f"#item-{index + 1}", Static)
            item.update(_item_text(f"{index + 1}.", wording, self.answers[index], ANSWERS))
            item.set_class(index == self.current, "-current")
        if self.has_difficulty:
            item = self.query_one("#item-difficulty", Static)
            item.update(_item_text("  ", PHQ9_DIFFICULTY + " (not scored)", self.difficulty,
                                   DIFFICULTY_ANSWERS))  # fmt: skip
            item.set_class(self.current == len(self.answers), "-current")
        self.query_one("#instrument-score", Static).update(self.score_text())
        with contextlib.suppress(Exception):  # not yet laid out on the first call
            current = self.query(".instrument-item.-current").first()
            self.call_after_refresh(current.scroll_visible, animate=False)

    def score_text(self) -> Text:
        answered = [a for a in self.answers if a is not None]
        total = sum(answered)
        top = self.instrument.max_total
        text = Text()
        if len(answered) < len(self.answers):
            left = len(self.answers) - len(answered)
            text.append(f"Total so far {total} of {top} · {left} item{'s' * (left > 1)} to answer")
        else:
            result = score(self.instrument.id, [a or 0 for a in self.answers])
            text.append(f"Total {result.total} of {top} · {result.band}")
        if self.has_difficulty and (self.answers[8] or 0) > 0:
            text.append("\n" + ITEM9_AHEAD, style="bold red")
        return text

    # -- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        self.clear_error()
        missing = next((i for i, a in enumerate(self.answers) if a is None), None)
        if missing is not None:
            self.current = missing
            self.redraw()
            self.show_error(f"Item {missing + 1} has no answer yet: press 0, 1, 2 or 3.")
            return
        note = self.query_one("#note", Input).value.strip()
        if self.difficulty is not None:
            difficulty = DIFFICULTY_NOTE + DIFFICULTY_ANSWERS[self.difficulty]
            note = f"{difficulty}. {note}" if note else difficulty
        taken_on = self.query_one("#taken_on", Input).value.strip()
        try:
            result, opened = self.vault.measures.record(
                self.client_id, self.instrument.id, taken_on,
                [a or 0 for a in self.answers], note or None,
            )  # fmt: skip
        except InvalidRecord as error:
            self.show_error(error.message)
            if error.field == "taken_on":
                self.query_one("#taken_on", Input).focus()
            return
        except VaultError as error:
            self.show_error(error.message)
            return
        if opened is None:
            self.finish(InstrumentSaved(result))
            return
        self.discard_draft()
        self.saved = True
        self._initial = self.values()  # saved: nothing left to lose
        self.app.push_screen(
            OpenedNotice("", ""), lambda go: self._after_item9(result, opened, bool(go))
        )

    def _after_item9(self, result: InstrumentResult, opened: int, go: bool) -> None:
        self.finish(InstrumentSaved(result, opened, go))
        if go:
            go_to_risk_record(self.app, opened)

    # -- drafts ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "answers": list(self.answers),
            "difficulty": self.difficulty,
            "taken_on": self.query_one("#taken_on", Input).value,
            "note": self.query_one("#note", Input).value,
        }

    def fill(self, values: dict[str, Any]) -> None:
        answers = values.get("answers")
        if isinstance(answers, list) and len(answers) == len(self.answers):
            self.answers = [a if a in (0, 1, 2, 3) else None for a in answers]
        if values.get("difficulty") in (0, 1, 2, 3):
            self.difficulty = values["difficulty"]
        for name in ("taken_on", "note"):
            if isinstance(values.get(name), str):
                self.query_one(f"#{name}", Input).value = values[name]
        unanswered = [i for i, a in enumerate(self.answers) if a is None]
        self.current = unanswered[0] if unanswered else self.questions - 1
        self.redraw()

    def rebuild(self) -> InstrumentForm:
        return InstrumentForm(self.client_id, self.instrument.id)


def _legend(labels: tuple[str, ...]) -> str:
    return "  ".join(f"{number} {label}" for number, label in enumerate(labels))


def _item_text(number: str, wording: str, answer: int | None, labels: tuple[str, ...]) -> Table:
    """The item's number, then its wording and answer under each other (a wrapped
    wording stays clear of the number)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    chosen = (
        Text("not answered yet", style="dim italic")
        if answer is None
        else Text(f"{answer}  {labels[answer]}", style="bold")
    )
    grid.add_row(Text(number, style="bold"), Text(wording))
    grid.add_row("", chosen)
    return grid
