"""Step 9, acting: each disclosure recorded in the disclosure log as it happens, and
each deadline started (a written report due within so many hours or working days).

The disclosure log cannot be edited or shortened, so a disclosure is checked in full
first and recorded only after a yes. Its fields start from what step 8 said would be
disclosed and to whom, and from the flag's usual basis.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Label, Select, Static

from screens import safe
from screens.confirm import ConfirmScreen
from screens.risk.fields import FieldBox, checked, set_value, value_of
from vault.consent.disclosures import validated_disclosure
from vault.consent.models import (
    EXEMPT_BASES,
    LEGAL_BASES,
    LEGAL_BASIS_LABELS,
    Disclosure,
    DisclosureInput,
)
from vault.errors import InvalidRecord, VaultError
from vault.risk.deadlines import time_left
from vault.risk.models import RiskDeadline, RiskEvent
from vault.risk.steps import Field

if TYPE_CHECKING:
    from screens.base import VaultScreen

METHODS = (("phone", "Phone"), ("in_person", "In person"), ("fax", "Fax"), ("mail", "Mail"),
           ("email", "Email"), ("printed", "Printed"), ("exported_file", "File"))  # fmt: skip
DISCLOSURE_FIELDS = (
    Field(
        "disclosed_at",
        "When",
        "datetime",
        required=True,
        hint="The date alone will do when the time is not known.",
    ),
    Field("recipient", "Disclosed to (agency or person)", "line", required=True),
    Field("person_spoken_to", "Person spoken to", "line"),
    Field("reference", "Reference or report number", "line"),
    Field("description", "What was disclosed", "text", required=True),
    Field("purpose", "Purpose", "line", required=True),
    Field("method", "How", "choice", METHODS, required=True),
)
DEADLINE_FIELDS = (
    Field("what", "What is due", "line"),
    Field("hours", "Due within (hours)", "line"),
    Field("working_days", "or within (working days)", "line"),
)
PURPOSES = {
    "danger_to_self": "To protect the client from serious harm",
    "threat_to_other": "To protect the person threatened",
    "child_abuse": "Report of suspected child abuse or neglect",
    "elder_abuse": "Report of suspected abuse of an adult",
    "court_order": "Response to a court order",
    "guardian_request": "A parent's or guardian's request for a minor's records",
}
BASES = {
    "danger_to_self": "serious_threat", "threat_to_other": "serious_threat",
    "child_abuse": "mandated_report", "elder_abuse": "mandated_report",
    "court_order": "court_order", "guardian_request": "guardian_access",
}  # fmt: skip
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RECORD_QUESTION = (
    "Record this disclosure in the disclosure log? Entries there cannot be changed or removed."
)
WHOLE_NUMBER = "Give {what} as a whole number, like {example}."


def disclosure_line(entry: Disclosure) -> Text:
    text = safe.line(f"{entry.disclosed_at.replace('T', ' ')} to {entry.recipient}")
    if entry.person_spoken_to:
        text.append_text(safe.line(f" (spoke to {entry.person_spoken_to})"))
    if entry.reference:
        text.append_text(safe.line(f", reference {entry.reference}"))
    text.append(
        " · in the accounting of disclosures" if entry.accountable else " · not accountable",
        "dim",
    )
    return text


class ActingPanel(Vertical):
    """The disclosures and deadlines of one risk record, and the forms to add them."""

    class Changed(Message):
        """A disclosure was recorded or a deadline started: the step is drawn again."""

    def __init__(
        self, event: RiskEvent, made: list[Disclosure], started: list[RiskDeadline],
        now: datetime,
    ) -> None:  # fmt: skip
        super().__init__(id="acting")
        self.event = event
        self.made = made
        self.started = started
        self.now = now

    @property
    def rule(self) -> dict[str, Any]:
        rule: dict[str, Any] = self.event.rule["rule"]
        return rule

    def compose(self) -> ComposeResult:
        rule = self.rule
        if rule.get("agency") or rule.get("first_report"):
            report = Text("Report to: ", "bold")
            report.append_text(safe.plain(" ".join(
                part for part in (rule.get("agency"), rule.get("agency_phone"),
                                  rule.get("first_report")) if part
            )))  # fmt: skip
            yield Static(report, classes="rule-box")
        yield Label("Disclosures made for this flag", classes="section")
        for entry in self.made:
            yield Static(disclosure_line(entry), classes="made-line")
        if not self.made:
            yield Static("None recorded yet.", classes="hint-line")
        yield Label("Record a disclosure as it happens", classes="section")
        minimum = self.event.answers.get("minimum", {})
        prefill = {"recipient": minimum.get("to_whom", ""), "description": minimum.get("what", ""),
                   "purpose": PURPOSES.get(self.event.flag, ""), "method": "phone"}  # fmt: skip
        for item in DISCLOSURE_FIELDS:
            yield FieldBox(item, str(prefill.get(item.key, "")), prefix="d")
        yield Label("Legal basis *", classes="field-label")
        yield Select(
            [(LEGAL_BASIS_LABELS[b], b) for b in LEGAL_BASES],
            value=BASES.get(self.event.flag, "required_by_law"), allow_blank=False,
            id="d-legal_basis", compact=True,
        )  # fmt: skip
        yield Static("", id="d-form-error", classes="form-error")
        yield Button("Record this disclosure", id="record-disclosure", compact=True)
        yield Label("Deadlines", classes="section")
        for deadline in self.started:
            line = safe.line(f"{deadline.what}: due {deadline.due_at:%Y-%m-%d %H:%M}, ")
            line.append(time_left(deadline.due_at, self.now), "bold")
            if deadline.done_at:
                line.append(" (done)")
            yield Static(line, classes="deadline-line")
        if not self.started:
            yield Static("No deadline started.", classes="hint-line")
        hours, days = rule.get("report_within_hours"), rule.get("report_within_working_days")
        what = f"Written report to {rule['agency']}" if rule.get("agency") else ""
        if hours or days:
            what = what or "Written report"
        prefill = {"what": what, "hours": str(hours or ""), "working_days": str(days or "")}
        for item in DEADLINE_FIELDS:
            yield FieldBox(item, prefill[item.key], prefix="dl")
        yield Static("", id="dl-form-error", classes="form-error")
        yield Button("Start this deadline", id="start-deadline", compact=True)

    def prefill(self, minimum: dict[str, Any]) -> None:
        """What step 8 said, into the fields still empty (step 8 may be answered after
        this step was first drawn)."""
        for key, answer in (("recipient", "to_whom"), ("description", "what")):
            widget = self.query_one(f"#d-{key}")
            if not value_of(widget).strip() and minimum.get(answer):
                set_value(widget, str(minimum[answer]))

    # -- a disclosure ------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._clear_errors()
        if event.button.id == "record-disclosure":
            self._record()
        elif event.button.id == "start-deadline":
            self._start_deadline()

    def _screen(self) -> VaultScreen:
        return cast("VaultScreen", self.screen)

    def _raw(self, prefix: str, key: str) -> str:
        return value_of(self.query_one(f"#{prefix}-{key}"))

    def _disclosure(self) -> DisclosureInput:
        raw = self._raw("d", "disclosed_at").strip()
        # The log takes a date alone too (a letter sent some day); the core checks it.
        when = raw if DATE_ONLY.match(raw) else checked(DISCLOSURE_FIELDS[0], raw, self.now)
        basis = self.query_one("#d-legal_basis", Select).value
        data = DisclosureInput(
            client_id=self.event.client_id, disclosed_at=when,
            recipient=self._raw("d", "recipient"), description=self._raw("d", "description"),
            purpose=self._raw("d", "purpose"), legal_basis=str(basis),
            method=self._raw("d", "method"),
            person_spoken_to=self._raw("d", "person_spoken_to").strip() or None,
            reference=self._raw("d", "reference").strip() or None, source="risk",
        )  # fmt: skip
        validated_disclosure(data, self.now)  # every field's sentence before the question
        return data

    def _record(self) -> None:
        try:
            data = self._disclosure()
        except InvalidRecord as error:
            self._show_error("d", error)
            return
        accountable = data.legal_basis not in EXEMPT_BASES
        question = RECORD_QUESTION + (
            " It will appear in the client's accounting of disclosures."
            if accountable
            else " It is exempt from the accounting of disclosures."
        )
        self.app.push_screen(
            ConfirmScreen("Record disclosure", question, "Record"),
            lambda yes: self._record_confirmed(data) if yes else None,
        )

    def _record_confirmed(self, data: DisclosureInput) -> None:
        try:
            self._screen().vault.risk.record_disclosure(self.event.id, data)
        except InvalidRecord as error:
            self._show_error("d", error)
            return
        except VaultError as error:
            self._screen().show_error(error)
            return
        self.notify("Disclosure recorded in the disclosure log.", markup=False)
        self.post_message(self.Changed())

    # -- a deadline --------------------------------------------------------------------

    def _whole(self, key: str, what: str, example: str) -> int | None:
        raw = self._raw("dl", key).strip()
        if not raw:
            return None
        if not raw.isdigit() or int(raw) == 0:
            raise InvalidRecord(WHOLE_NUMBER.format(what=what, example=example), key)
        return int(raw)

    def _start_deadline(self) -> None:
        screen = self._screen()
        try:
            hours = self._whole("hours", "the hours", "36")
            days = self._whole("working_days", "the working days", "2")
            if hours and days:
                raise InvalidRecord("Give hours or working days, not both.", "working_days")
            screen.vault.risk.start_deadline(
                self.event.id, self._raw("dl", "what"), hours=hours, working_days=days
            )
        except InvalidRecord as error:
            self._show_error("dl", error)
            return
        except VaultError as error:
            screen.show_error(error)
            return
        refresh = getattr(self.app, "refresh_deadline", None)
        if callable(refresh):
            refresh()
        self.notify("Deadline started: it shows in the header until it is done.", markup=False)
        self.post_message(self.Changed())

    # -- messages ----------------------------------------------------------------------

    def _show_error(self, prefix: str, error: InvalidRecord) -> None:
        key = error.field or ""
        boxes = [box for box in self.query(FieldBox) if box.answer.id == f"{prefix}-{key}"]
        if boxes:
            boxes[0].show_error(error.message)
            boxes[0].answer.focus()
            return
        shown = self.query_one(f"#{prefix}-form-error", Static)
        shown.update(Text(error.message))
        shown.display = True
        if self.query(f"#{prefix}-{key}"):
            self.query_one(f"#{prefix}-{key}").focus()

    def _clear_errors(self) -> None:
        for box in self.query(FieldBox):
            box.show_error(None)
        for shown in self.query(".form-error").results(Static):
            shown.display = False
