"""A disguised case for supervision: choose the notes, review every replacement, write.

Two screens. The first lists the client's signed notes (dates and kinds, no text) to
choose from. The second shows every replacement the disguise makes (what is in the
notes, what goes instead, how often, in which notes) above the disguised text; the
clinician can keep an original (x), add a replacement of their own (n), and only then
write the PDF (w), which asks where and protects it like every export. Nothing leaves
before that. Originals and note text are hidden in privacy mode.

The review lives in memory only: on lock it is dropped (the notes chosen are kept, as
numbers), and a new review starts with new pseudonyms and a new date offset.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, SelectionList, Static
from textual.widgets.selection_list import Selection

from screens.base import VaultScreen
from screens.safe import line, plain
from vault.errors import VaultError
from vault.records.models import KIND_LABELS
from vault.supervision.case import Case, CaseNote
from vault.supervision.disguise import KIND_LABELS as REPLACED_KINDS
from vault.supervision.disguise import Use

SEED: int | None = None  # tests fix the pseudonyms and the offset; None in use
PROCESS_LABEL = "PRIVATE process note"
CHOOSE_HINT = "Space chooses a note · a all or none · Enter reviews them · Escape goes back"
REVIEW_HINT = "x keeps or replaces the original · n adds a replacement · w writes"
KEPT = "(kept as written)"
HIDDEN = "Hidden in privacy mode."
CHECK = (
    "The tool helps; it does not guarantee anonymity. Read the text below for anything "
    "that could still identify the client: a rare job, an event in the news, a detail "
    "only people close to them would know."
)


def _rid(key: str, name: str) -> str:
    return f"disguise_{key}.{name}"


class DisguiseNotesScreen(VaultScreen):
    """Which signed notes go to supervision."""

    CSS_PATH = "disguise.tcss"
    BINDINGS = [
        Binding(
            "enter", "review", "Review", id=_rid("notes", "review"), priority=True
        ),  # fmt: skip
        Binding("a", "all", "All or none", id=_rid("notes", "all")),
        Binding("escape", "back", "Back", id=_rid("notes", "back")),
    ]

    def __init__(self, client_id: int, *, chosen: tuple[int, ...] = ()) -> None:
        super().__init__()
        self.client_id = client_id
        self._chosen = chosen
        self.notes: list[CaseNote] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("For supervision: choose the notes to disguise", classes="disguise-title")
        yield Static(CHOOSE_HINT, classes="hint")
        yield SelectionList[int](id="disguise-notes")
        yield Static("", id="disguise-chosen")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        try:
            self.notes = self.vault.supervision.signed_notes(self.client_id)
        except VaultError as error:
            self.show_error(error)
            return
        options = self.query_one(SelectionList)
        for note in reversed(self.notes):  # newest first, like the record
            label = PROCESS_LABEL if note.is_process_note else KIND_LABELS.get(note.kind, "")
            options.add_option(
                Selection(f"{note.day.isoformat()}  {label}", note.id, note.id in self._chosen)
            )
        if not self.notes:
            self.query_one("#disguise-chosen", Static).update(
                "No signed notes yet: only signed notes can be disguised."
            )
        else:
            options.highlighted = 0
            self._count()
        options.focus()

    def on_selection_list_selected_changed(self) -> None:
        self._count()

    def _count(self) -> None:
        count = len(self.query_one(SelectionList).selected)
        self.query_one("#disguise-chosen", Static).update(
            f"{count} of {len(self.notes)} notes chosen."
        )

    def action_all(self) -> None:
        options: SelectionList[int] = self.query_one(SelectionList)
        if len(options.selected) == len(self.notes):
            options.deselect_all()
        else:
            options.select_all()

    def action_review(self) -> None:
        chosen = self.query_one(SelectionList).selected
        if not chosen:
            self.notify("Choose at least one note with Space first.", markup=False)
            return
        try:
            case = self.vault.supervision.case(self.client_id, list(chosen), seed=SEED)
        except VaultError as error:
            self.show_error(error)
            return
        self.app.push_screen(DisguiseReviewScreen(case), self._reviewed)

    def _reviewed(self, written: bool | None) -> None:
        if written:
            self.dismiss()

    def action_back(self) -> None:
        self.dismiss()

    def reopen(self) -> Callable[[], Screen[None]]:
        client_id, chosen = self.client_id, tuple(self.query_one(SelectionList).selected)
        return lambda: DisguiseNotesScreen(client_id, chosen=chosen)


class DisguiseReviewScreen(VaultScreen):
    """Every replacement, and the text they give, before anything is written."""

    CSS_PATH = "disguise.tcss"
    BINDINGS = [
        Binding("x", "toggle", "Keep/replace", id=_rid("review", "toggle")),
        Binding("n", "add", "Add", id=_rid("review", "add")),
        Binding("w", "write", "Write PDF", id=_rid("review", "write")),
        Binding("escape", "back", "Back", id=_rid("review", "back")),
    ]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.uses: list[Use] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="disguise-summary", classes="disguise-title")
        yield Static(REVIEW_HINT, classes="hint")
        yield DataTable(id="replacements", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="disguised", can_focus=True):
            yield Static(CHECK, classes="form-note", markup=False)
            yield Static("", id="disguised-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#replacements", DataTable)
        table.add_columns("In the notes", "Instead", "Times", "Where")
        self.watch(self.app, "privacy", lambda _privacy: self.redraw(), init=False)
        self.redraw()
        table.focus()

    # -- drawing ------------------------------------------------------------------------

    def redraw(self, *, at: str | None = None) -> None:
        """Draw the table and the text again; the cursor stays on its row, or goes to `at`."""
        table = self.query_one("#replacements", DataTable)
        row = table.cursor_row
        table.clear()
        self.uses = sorted(self.case.uses(), key=lambda use: use.rule.original.casefold())
        days = {note.id: note.day.isoformat() for note in self.case.notes}
        for index, use in enumerate(self.uses):
            table.add_row(*self._cells(use, days), key=str(index))
            if at is not None and use.rule.key == at.casefold():
                row = index
        if self.uses:
            table.move_cursor(row=min(row, len(self.uses) - 1), animate=False)
        replaced = sum(use.count for use in self.uses if use.rule.on)
        notes = len(self.case.notes)
        self.query_one("#disguise-summary", Static).update(Text(
            f"The case of {self.case.pseudonym}: {notes} note{'s' * (notes != 1)}, "
            f"{replaced} replacements, dates moved by {abs(self.case.disguise.shift.days)} days"
        ))  # fmt: skip
        from vault.exports.disguised import disguised_text

        text = HIDDEN if self.privacy else disguised_text(self.case)
        self.query_one("#disguised-text", Static).update(plain(text))

    def _cells(self, use: Use, days: dict[int, str]) -> list[Text]:
        rule = use.rule
        original = "•" * 6 if self.privacy else rule.original
        kind = REPLACED_KINDS.get(rule.kind, rule.kind)
        instead = line(f"{rule.replacement}  ({kind})") if rule.on else Text(KEPT, "italic dim")
        where = [days.get(key, "") for key in use.where]
        shown = ", ".join(where[:2]) + (f" +{len(where) - 2}" if len(where) > 2 else "")
        return [line(original), instead, Text(str(use.count)), Text(shown)]

    # -- changes ------------------------------------------------------------------------

    def _selected(self) -> Use | None:
        table = self.query_one("#replacements", DataTable)
        if not self.uses or table.cursor_row >= len(self.uses):
            return None
        return self.uses[table.cursor_row]

    def action_toggle(self) -> None:
        use = self._selected()
        if use is None:
            return
        self.case = self.case.with_disguise(self.case.disguise.toggled(use.rule.original))
        self.redraw()

    def action_add(self) -> None:
        from screens.disguise_dialogs import AddReplacementScreen

        def check(phrase: str, instead: str) -> str | None:
            try:
                self.case.disguise.added(phrase, instead)
            except VaultError as error:
                return error.message
            return None

        def added(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            phrase, instead = result
            self.case = self.case.with_disguise(self.case.disguise.added(phrase, instead))
            self.redraw(at=" ".join(phrase.split()))
            if not any(use.rule.key == " ".join(phrase.split()).casefold() for use in self.uses):
                self.notify("That word or phrase is not in the chosen notes.", markup=False)

        self.app.push_screen(AddReplacementScreen(check), added)

    def action_write(self) -> None:
        from screens.disguise_dialogs import DisguisedExportDialog

        def written(done: bool | None) -> None:
            if done:
                self.notify("The disguised case was written.", markup=False)
                self.dismiss(True)

        self.app.push_screen(DisguisedExportDialog(self.case), written)

    def action_back(self) -> None:
        self.dismiss(False)
