"""What the consent, release, revocation and disclosure forms share: a dialog whose
fields scroll under a fixed title and error line, each field with its own error line,
the client's name (initials in privacy mode) in the title, and a draft of the typed
values kept in the vault when it locks, so nothing typed is lost.

A form's widget ids are the service's field names, so an InvalidRecord's `field`
finds the line under its input; `FIELD_ALIASES` maps the few that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Select, SelectionList, Static

from screens import safe
from screens.drafted_form import DraftedForm
from vault.errors import InvalidRecord, VaultError

if TYPE_CHECKING:
    pass

RESTORED = "Restored what you had typed before the vault locked."
FORM_KEYS = "ctrl+s saves · Tab moves · Escape cancels"


def field(name: str, label: str, placeholder: str = "", *, width: str = "") -> ComposeResult:
    """A labelled one-line input with its error line under it."""
    with Vertical(classes="field", id=f"{name}-box"):
        yield Label(label)
        box = Input(placeholder=placeholder, id=name, compact=True)
        if width:
            box.styles.width = width
        yield box
        yield Static("", id=f"{name}-error", classes="field-error")


def choice(name: str, label: str, options: Iterable[tuple[str, Any]], *,
           blank: bool = False, prompt: str = "Choose") -> ComposeResult:  # fmt: skip
    """A labelled drop-down; `blank` allows "nothing chosen" (an optional field)."""
    with Vertical(classes="field", id=f"{name}-box"):
        yield Label(label)
        yield Select(
            options_of(options),
            id=name, allow_blank=blank, prompt=prompt, compact=True,
        )  # fmt: skip
        yield Static("", id=f"{name}-error", classes="field-error")


def row(*parts: ComposeResult) -> ComposeResult:
    """Fields side by side (each part one `field` or `choice`)."""
    with Horizontal(classes="form-row"):
        for part in parts:
            yield from part


def options_of(options: Iterable[tuple[str, Any]]) -> list[tuple[Text, Any]]:
    """Select options whose labels (names from the vault among them) are plain text."""
    return [(safe.line(text), value) for text, value in options]


def tick(name: str, label: str, value: bool = False) -> ComposeResult:
    with Vertical(classes="field tick", id=f"{name}-box"):
        yield Checkbox(label, value, id=name, compact=True)
        yield Static("", id=f"{name}-error", classes="field-error")


class RecordForm(DraftedForm, ModalScreen[Any]):
    """The base of the record forms; subclasses give `fields()`, `defaults()` and `save()`."""

    FORM_NAME = ""  # the form_drafts key (a revocation sets its own per kind)
    HEADING = ""
    FIELD_ALIASES: ClassVar[dict[str, str]] = {}
    # Lines around the fields: border, title, form error, hint, footer.
    CHROME_LINES = 6

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="record_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="record_form.cancel"),
    ]

    def __init__(self, client_id: int, record_id: int = 0) -> None:
        super().__init__()
        self.client_id = client_id
        self.record_id = record_id
        self._initial: dict[str, Any] = {}
        self._client_name = ""
        self._client_initials = ""
        self.reopened = False  # rebuilt after an unlock (no result callback)

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="record-form compact-form"):
            yield Static("", id="form-title")
            yield Static("", id="form-error")
            with VerticalScroll(id="form-fields", can_focus=False):
                yield from self.fields()
            yield Static(self.hint_text(), id="form-hint", classes="hint", markup=False)
        yield Footer(compact=True)

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def hint_text(self) -> str:
        return FORM_KEYS

    def on_resize(self, event: events.Resize) -> None:
        # The fields scroll inside the dialog rather than being cut at its border; CSS
        # cannot say "the screen less the chrome".
        fields = self.query_one("#form-fields")
        fields.styles.max_height = max(3, event.size.height - self.CHROME_LINES)

    def on_mount(self) -> None:
        try:
            client = self.vault.clients.get(self.client_id, audit=False)
            self._client_name, self._client_initials = client.display_name, client.initials
            self.defaults()
        except VaultError as error:
            self.show_form_error(error.message)
        self._initial = self.form_values()
        self.watch(self.app, "privacy", lambda _privacy: self._show_title(), init=True)
        self._restore_draft()
        self.focus_first()

    def defaults(self) -> None:
        """Fill the fields with their starting values (today's date, the signer...)."""

    def focus_first(self) -> None:
        for widget in self.query("#form-fields *"):
            if widget.focusable:
                widget.focus()
                return

    def _show_title(self) -> None:
        name = self._client_initials if self.qr_app.privacy else self._client_name
        self.query_one("#form-title", Static).update(Text(f"{self.HEADING} — {name}"))

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.focus_next()  # Enter moves on like Tab; ctrl+s saves

    # -- values -----------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        """Every field's value by id, JSON-friendly (a draft is stored as JSON)."""
        values: dict[str, Any] = {}
        for widget in self.query("#form-fields Input, #form-fields Checkbox"):
            if isinstance(widget, Input | Checkbox) and widget.id:
                values[widget.id] = widget.value
        for select in self.query("#form-fields Select").results(Select):
            if select.id:
                values[select.id] = None if select.is_blank() else select.value
        for checklist in self.query("#form-fields SelectionList").results(SelectionList):
            if checklist.id:
                values[checklist.id] = list(checklist.selected)
        return values

    def fill(self, values: dict[str, Any]) -> None:
        """Put stored values back; anything that no longer fits is left as it is."""
        for name, value in values.items():
            found = self.query(f"#form-fields #{name}") if name.isidentifier() else None
            if not found:
                continue
            widget = found.first()
            if isinstance(widget, Input):
                widget.value = value if isinstance(value, str) else widget.value
            elif isinstance(widget, Checkbox):
                widget.value = value if isinstance(value, bool) else widget.value
            elif isinstance(widget, Select):
                self._fill_select(widget, value)
            elif isinstance(widget, SelectionList) and isinstance(value, list):
                widget.deselect_all()
                known = {widget.get_option_at_index(i).value for i in range(widget.option_count)}
                for item in value:
                    if item in known:  # an option that is gone is left out
                        widget.select(item)

    @staticmethod
    def _fill_select(select: Select[Any], value: Any) -> None:
        if value is None:
            if select._allow_blank:
                select.clear()
            return
        try:
            select.value = value
        except Exception:  # an option that is gone (a release no longer valid)
            return

    def text(self, name: str) -> str | None:
        """An input's value stripped, None when blank."""
        return self.query_one(f"#{name}", Input).value.strip() or None

    def set_text(self, name: str, value: str) -> None:
        self.query_one(f"#{name}", Input).value = value

    def picked(self, name: str) -> Any:
        select = self.query_one(f"#{name}", Select)
        return None if select.is_blank() else select.value

    def ticked(self, name: str) -> bool:
        return self.query_one(f"#{name}", Checkbox).value

    # -- saving and errors -----------------------------------------------------------------

    def action_save(self) -> None:
        self.clear_errors()
        try:
            self.save()
        except InvalidRecord as error:
            self.show_field_error(error.field, error.message)
        except VaultError as error:
            self.show_form_error(error.message)

    def save(self) -> None:
        """Validate and store; call `finish(result)` on success."""
        raise NotImplementedError

    def show_field_error(self, field_name: str | None, message: str) -> None:
        name = self.FIELD_ALIASES.get(field_name or "", field_name)
        targets = self.query(f"#{name}-error") if name and name.isidentifier() else None
        if not targets:
            self.show_form_error(message)
            return
        label = targets.first(Static)
        label.update(Text(message))
        label.add_class("-shown")
        widget = self.query_one(f"#{name}")
        if widget.focusable:
            widget.focus()
        box = widget.parent
        if isinstance(box, Widget):  # the label, field and message in view
            self.call_after_refresh(box.scroll_visible, animate=False)

    def show_form_error(self, message: str) -> None:
        label = self.query_one("#form-error", Static)
        label.update(Text(message))
        label.add_class("-shown")

    def clear_errors(self) -> None:
        for label in self.query(".field-error, #form-error").results(Static):
            label.update("")
            label.remove_class("-shown")

    # -- drafts, locking, leaving ----------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        return bool(self._initial) and self.form_values() != self._initial

    def before_lock(self) -> None:
        """Keep the typed values in the vault (app._save_drafts calls this before locking)."""
        if self.has_unsaved_input():
            self.vault.form_drafts.save(
                self.FORM_NAME, self.client_id, self.form_values(), self.record_id
            )

    def reopen(self) -> Callable[[], Screen[None]] | None:
        """After unlocking, the same form again; it finds its draft when it mounts."""

        def build() -> RecordForm:
            form = self.rebuild()
            form.reopened = True
            return form

        return cast("Callable[[], Screen[None]]", build)

    def rebuild(self) -> RecordForm:
        raise NotImplementedError

    def _restore_draft(self) -> None:
        try:
            draft = self.vault.form_drafts.load(self.FORM_NAME, self.client_id, self.record_id)
        except VaultError:
            return
        if draft:
            self.fill(draft)
            self.after_fill()
            self.notify(RESTORED, title=self.HEADING, markup=False)

    def after_fill(self) -> None:
        """Bring what depends on the fields (hints, shown parts) up to date."""
