"""The widgets a step's questions are drawn with: one `FieldBox` per `Field` (a label,
the input, a hint and a line for its error), and `ChoiceBar`, a one-line choice made
with the arrow keys or a digit.

Every answer widget carries the class `answer` and has the id `f-KEY` (KEY the
field's key), so the prompt can tell an answer being typed (autosaved) from the other inputs on a
step (the disclosure form of step 9).
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from screens import safe
from vault.errors import InvalidRecord
from vault.records.display import clean_text
from vault.records.validation import parse_date
from vault.risk.steps import Field

DATETIME_HINT = "YYYY-MM-DD HH:MM, or type now"
DATE_HINT = "YYYY-MM-DD, or type today"
KIND_HINTS = {"date": DATE_HINT, "datetime": DATETIME_HINT}


class AnswerArea(TextArea):
    """Several lines of an answer. Pasted text loses its terminal controls on the way in."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = clean_text(event.text)


class ChoiceBar(Widget, can_focus=True):
    """One of a few choices, on one line: a digit picks at once, ←/→ (or ↑/↓) move.
    Nothing is chosen until the user chooses: an unanswered question stays visibly so."""

    BINDINGS = [
        Binding("left,up", "move(-1)", "Previous choice", show=False),
        Binding("right,down", "move(1)", "Next choice", show=False),
        # Enter moves on, as in the other fields: it never picks a choice by itself (an
        # Enter meant for the next box must not answer "Is anyone in danger?").
        Binding("enter", "app.focus_next", "Next field", show=False),
    ]

    class Changed(Message):
        def __init__(self, bar: ChoiceBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> ChoiceBar:
            return self.bar

    def __init__(
        self, choices: tuple[tuple[str, str], ...], value: str = "", *, id: str | None = None,
        classes: str = "",
    ) -> None:  # fmt: skip
        super().__init__(id=id, classes=classes)
        self.choices = choices
        self._value = value if value in dict(choices) else ""

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        if value != self._value and (value in dict(self.choices) or value == ""):
            self._value = value
            self.refresh(layout=True)
            self.post_message(self.Changed(self))

    def render(self) -> Text:
        text = Text()
        for number, (key, label) in enumerate(self.choices, 1):
            chosen = key == self._value
            text.append(f"{number} ", "dim")
            text.append("● " if chosen else "○ ", "bold" if chosen else "")
            text.append(label, ("bold reverse" if self.has_focus else "bold") if chosen else "")
            text.append("   ")
        return text

    def action_move(self, step: int) -> None:
        keys = [key for key, _label in self.choices]
        if not self._value:
            self.value = keys[0] if step > 0 else keys[-1]
            return
        self.value = keys[(keys.index(self._value) + step) % len(keys)]

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.choices):
                self.value = self.choices[index][0]
                event.stop()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


AnswerWidget = Input | AnswerArea | ChoiceBar


def answer_widget(item: Field, value: str, prefix: str = "f") -> AnswerWidget:
    widget_id = f"{prefix}-{item.key}"
    widget: AnswerWidget
    if item.kind == "choice":
        widget = ChoiceBar(item.choices, value, id=widget_id)
    elif item.kind == "text":
        widget = AnswerArea(clean_text(value), id=widget_id, soft_wrap=True, tab_behavior="focus")
    else:
        widget = Input(value, placeholder=KIND_HINTS.get(item.kind, ""), id=widget_id, compact=True)
    if prefix == "f":  # the other forms on a step (step 9's) are not the step's answers
        widget.add_class("answer")
    return widget


def value_of(widget: Widget) -> str:
    if isinstance(widget, ChoiceBar):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    return ""


def set_value(widget: Widget, value: str) -> None:
    if isinstance(widget, ChoiceBar):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.text = clean_text(value)
    elif isinstance(widget, Input):
        widget.value = value


class FieldBox(Vertical):
    """A question: the answer in a frame whose title is the label (* when required) and
    whose foot is the hint; an error line under it only while there is an error. (One
    widget a question where possible: a step is drawn in one go, and widgets cost.)"""

    def __init__(self, item: Field, value: str, prefix: str = "f") -> None:
        super().__init__(classes=f"field-box -{item.kind}")
        self.item = item
        self._value = value
        self._prefix = prefix
        self._error: Static | None = None

    def compose(self) -> ComposeResult:
        widget = answer_widget(self.item, self._value, self._prefix)
        widget.border_title = self.item.label + (" *" if self.item.required else "")
        widget.border_subtitle = self.item.hint  # a date's format is its placeholder
        yield widget

    @property
    def answer(self) -> Widget:
        return self.query_one(f"#{self._prefix}-{self.item.key}")

    @property
    def has_error(self) -> bool:
        return self._error is not None and self._error.display

    def show_error(self, message: str | None) -> None:
        if self._error is None:
            if not message:
                return
            self._error = Static("", classes="field-error -shown")
            self.mount(self._error)
        self._error.update(safe.line(message or ""))
        self._error.display = bool(message)
        self.answer.set_class(bool(message), "-invalid")


def checked(item: Field, raw: str, now: datetime) -> str:
    """The value to save for `raw`, or InvalidRecord in one sentence. `now`/`today` are
    turned into the moment itself, so the time of a call is one word away."""
    text = raw.strip() if item.kind in ("line", "date", "datetime", "choice") else raw
    if not text.strip():
        return ""
    if item.kind == "date":
        if text.casefold() == "today":
            return now.date().isoformat()
        return parse_date(text, item.key, item.label).isoformat()
    if item.kind == "datetime":
        if text.casefold() == "now":
            return now.strftime("%Y-%m-%d %H:%M")
        try:
            moment = datetime.strptime(text.replace("T", " "), "%Y-%m-%d %H:%M")
        except ValueError:
            raise InvalidRecord(
                f"{item.label}: write the date and time as YYYY-MM-DD HH:MM "
                "(like 2026-11-20 21:05), or type now.",
                item.key,
            ) from None
        return moment.strftime("%Y-%m-%d %H:%M")
    return text
