"""Which kind of note, on which template: a small modal before a new draft starts."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from vault.records.models import KIND_LABELS, TEMPLATE_LABELS

# Risk assessments are left out on purpose: they come from the risk-flag flow.
KIND_CHOICES = [
    ("progress", KIND_LABELS["progress"]),
    ("intake", KIND_LABELS["intake"]),
    ("termination", KIND_LABELS["termination"]),
    ("contact", KIND_LABELS["contact"]),
    ("psychotherapy", "Psychotherapy note — PRIVATE, kept apart"),
]
TEMPLATE_CHOICES = [(key, TEMPLATE_LABELS[key]) for key in ("soap", "dap", "birp", "free")]


@dataclass(frozen=True)
class NoteChoice:
    kind: str
    template: str


class NotePickerScreen(ModalScreen[NoteChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note_picker.cancel"),
        Binding("enter", "start", "Start note", id="note_picker.start", priority=True),
        # App bindings that are not priority stop at a modal; no text box here takes `?`.
        Binding("question_mark", "app.help", "Help", id="note_picker.help", show=False),
    ]

    def __init__(self, *, first_note: bool = False) -> None:
        super().__init__()
        # A client's first note is almost always the intake, written as free text.
        self._start_at = ("intake", "free") if first_note else ("progress", "soap")

    def compose(self) -> ComposeResult:
        kind, template = self._start_at
        with Vertical(id="note-picker"):
            yield Static("New note", id="note-picker-title")
            with Horizontal(id="note-picker-lists"):
                yield _choices("note-kind", "Kind", KIND_CHOICES, kind)
                yield _choices("note-template", "Template", TEMPLATE_CHOICES, template)
            yield Static("↑↓ choose · Tab switches list · Enter starts the note", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#note-kind", OptionList).focus()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_start()  # a click; Enter is the screen's own binding

    def action_start(self) -> None:
        self.dismiss(NoteChoice(self._chosen("#note-kind"), self._chosen("#note-template")))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _chosen(self, selector: str) -> str:
        options = self.query_one(selector, OptionList)
        option = options.get_option_at_index(options.highlighted or 0)
        assert option.id is not None
        return option.id


def _choices(
    list_id: str, title: str, choices: list[tuple[str, str]], highlighted: str
) -> OptionList:
    options = OptionList(*[Option(label, id=key) for key, label in choices], id=list_id)
    options.border_title = title
    options.highlighted = [key for key, _label in choices].index(highlighted)
    return options
