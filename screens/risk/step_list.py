"""The twelve steps with their marks: a list beside the step on a wide terminal, one
line of numbers on a narrow one, and a pop-up list (ctrl+t) to jump to any step.

✓ a step visited with nothing required left unanswered; ○ not yet.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from vault.risk.steps import STEPS

DONE, TODO = "✓", "○"


def step_marks(done: set[int]) -> dict[int, str]:
    return {step.number: DONE if step.number in done else TODO for step in STEPS}


def list_text(done: set[int], current: int) -> Text:
    text = Text()
    for step in STEPS:
        mark = DONE if step.number in done else TODO
        line = f"{mark} {step.number:>2} {step.title}"
        text.append(line, "bold reverse" if step.number == current else "")
        text.append("\n")
    return text


def strip_text(done: set[int], current: int) -> Text:
    """'Step 3 of 12: The facts   ✓1 ✓2 ▸3 ○4 …' for a narrow terminal."""
    title = STEPS[current - 1].title
    text = Text(f"Step {current} of {len(STEPS)}: {title}   ", "bold")
    for step in STEPS:
        if step.number == current:
            text.append(f"▸{step.number}", "bold reverse")
        else:
            text.append(f"{DONE if step.number in done else TODO}{step.number}")
        text.append(" ")
    return text


class StepJump(ModalScreen[int | None]):
    """Every step with its mark: Enter (or the step's number) goes there."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="step_jump.cancel")]
    DEFAULT_CSS = """
    StepJump {
        align: center middle;
        background: $background 70%;
        #jump-dialog {
            width: 44;
            height: auto;
            border: round $primary;
            padding: 0 1;
            background: $surface;
        }
        #jump-list { height: auto; border: none; padding: 0; }
        #jump-hint { color: $text-muted; }
    }
    """

    def __init__(self, done: set[int], current: int) -> None:
        super().__init__()
        self._done = done
        self._current = current
        self._typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-dialog"):
            yield Static("Go to step", classes="section")
            yield OptionList(
                *(Option(Text(f"{DONE if s.number in self._done else TODO} {s.number:>2} "
                              f"{s.title}"), id=str(s.number)) for s in STEPS),
                id="jump-list",
            )  # fmt: skip
            yield Static("Type its number, then Enter · Escape stays", id="jump-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self._current - 1

    def on_key(self, event: events.Key) -> None:
        # "1" then "2" is step 12: a digit extends the number while it still names a step.
        if not (event.character and event.character.isdigit()):
            return
        event.stop()
        typed = self._typed + event.character
        if not 1 <= int(typed) <= len(STEPS):
            typed = event.character if event.character != "0" else ""
        self._typed = typed
        if typed:
            self.query_one(OptionList).highlighted = int(typed) - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or self._current))

    def action_cancel(self) -> None:
        self.dismiss(None)
