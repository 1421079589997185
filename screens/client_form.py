"""A new client: a modal form that returns the new client's id, or None if cancelled.

Checks live in the core (vault.validation); the form only shows each message
beside the field it names and puts the cursor there.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Static

from screens.confirm import ConfirmScreen
from vault.errors import InvalidRecord, VaultError
from vault.records.clients import ClientInput, GuardianInput
from vault.records.models import ADULT_AGE, age_on

if TYPE_CHECKING:
    from screens.app import QuietroomApp

# (field id, label, placeholder); the ids are ClientInput's field names, so an
# InvalidRecord's `field` finds its input.
CLIENT_FIELDS = [
    ("first_name", "First name *", ""),
    ("last_name", "Last name *", ""),
    ("preferred_name", "Preferred name", ""),
    ("pronouns", "Pronouns", ""),
    ("date_of_birth", "Date of birth *", "YYYY-MM-DD"),
    ("intake_date", "Intake date", "YYYY-MM-DD"),
    ("phone", "Phone", ""),
    ("email", "Email", "name@example.org"),
    ("emergency_name", "Emergency contact", ""),
    ("emergency_relationship", "Their relationship", ""),
    ("emergency_phone", "Emergency phone", ""),
]
GUARDIAN_FIELDS = [
    ("guardian_name", "Guardian's name", "required under 18"),
    ("guardian_relationship", "Guardian's relationship", "mother, father, …"),
    ("guardian_phone", "Guardian's phone", ""),
]
# Core field names that are shown under another input here.
FIELD_ALIASES = {"guardians": "guardian_name"}
MINOR_NEEDS_GUARDIAN = "A client under 18 needs at least one guardian: enter their name."


class ClientFormScreen(ModalScreen[int | None]):
    # Lines around the fields: the dialog's border and title, the form error, the footer.
    CHROME_LINES = 5

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="client_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="client_form.cancel"),
    ]

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="client-form", classes="compact-form"):
            yield Static("New client", id="client-form-title")
            yield Static("", id="client-form-error")
            with VerticalScroll(id="client-form-fields"):
                yield from _two_columns(CLIENT_FIELDS)
                yield Static("Guardian (for a client under 18)", classes="form-section")
                yield from _two_columns(GUARDIAN_FIELDS)
                yield Checkbox("Guardian can access records", True, id="guardian_access")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        # The fields scroll inside the dialog rather than being cut off at its border (24
        # lines show two thirds of them). CSS cannot say "the screen less 5 lines".
        fields = self.query_one("#client-form-fields")
        fields.styles.max_height = max(3, event.size.height - self.CHROME_LINES)

    def on_mount(self) -> None:
        today = self.qr_app.today()
        self.query_one("#intake_date", Input).value = today.isoformat()
        self.query_one("#first_name", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.focus_next()  # Enter moves on like Tab; ctrl+s saves

    # -- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        self._clear_errors()
        try:
            data = self._client_input()
            client = self.qr_app.require_vault().clients.add(data)
        except InvalidRecord as error:
            self._show_field_error(error)
            return
        except VaultError as error:
            self._show_form_error(error.message)
            return
        self.dismiss(client.id)

    def _client_input(self) -> ClientInput:
        values = {field: self._value(field) for field, _label, _placeholder in CLIENT_FIELDS}
        guardian_name = self._value("guardian_name")
        guardians = []
        if guardian_name:
            guardians.append(
                GuardianInput(
                    guardian_name,
                    relationship=self._value("guardian_relationship"),
                    phone=self._value("guardian_phone"),
                    can_access_records=self.query_one("#guardian_access", Checkbox).value,
                )
            )
        data = ClientInput(
            first_name=values["first_name"] or "",
            last_name=values["last_name"] or "",
            date_of_birth=values["date_of_birth"] or "",
            preferred_name=values["preferred_name"],
            pronouns=values["pronouns"],
            phone=values["phone"],
            email=values["email"],
            emergency_name=values["emergency_name"],
            emergency_relationship=values["emergency_relationship"],
            emergency_phone=values["emergency_phone"],
            intake_date=values["intake_date"],
            guardians=guardians,
        )
        # The core checks the fields in form order; then the rule only the form knows.
        today = self.qr_app.today()
        born = date.fromisoformat(data.validated(today)["date_of_birth"])
        if age_on(born, today) < ADULT_AGE and not guardians:
            raise InvalidRecord(MINOR_NEEDS_GUARDIAN, "guardian_name")
        return data

    def _value(self, field: str) -> str | None:
        return self.query_one(f"#{field}", Input).value.strip() or None

    # -- messages -----------------------------------------------------------------------

    def _show_field_error(self, error: InvalidRecord) -> None:
        field = FIELD_ALIASES.get(error.field or "", error.field)
        targets = self.query(f"#{field}-error") if field else None
        if not targets:
            self._show_form_error(error.message)
            return
        label = targets.first(Static)
        label.update(Text(error.message))
        label.add_class("-shown")
        target = self.query_one(f"#{field}")
        target.focus()
        # The label, the field and its message, in view once the message has its height
        # (on a 24-line terminal the guardian's fields start below the fold).
        box = target.parent
        if isinstance(box, Widget):
            self.call_after_refresh(box.scroll_visible, animate=False)

    def _show_form_error(self, message: str) -> None:
        label = self.query_one("#client-form-error", Static)
        label.update(Text(message))
        label.add_class("-shown")

    def _clear_errors(self) -> None:
        for label in self.query(".field-error, #client-form-error").results(Static):
            label.update("")
            label.remove_class("-shown")

    # -- leaving ------------------------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        """Anything typed: nothing in this form is saved until ctrl+s."""
        return any(
            self._value(field) for field, *_ in [*CLIENT_FIELDS, *GUARDIAN_FIELDS]
            if field != "intake_date"
        )  # fmt: skip

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Discard?", "Discard this new client? Nothing has been saved.", "Discard"
            ),
            self._discard_if_confirmed,
        )

    def _discard_if_confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)


def _two_columns(fields: list[tuple[str, str, str]]) -> ComposeResult:
    for start in range(0, len(fields), 2):
        with Horizontal(classes="form-row"):
            for field, label, placeholder in fields[start : start + 2]:
                yield from _field(field, label, placeholder)


def _field(field: str, label: str, placeholder: str) -> ComposeResult:
    with Vertical(classes="field"):
        yield Label(label)
        yield Input(placeholder=placeholder, id=field, compact=True)
        yield Static("", id=f"{field}-error", classes="field-error")
