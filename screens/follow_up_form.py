"""Follow-up contacts after discharge: planning one (a date and a purpose), and closing
it, done with a short outcome or cancelled. Each returns the follow-up's id."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.widgets import Select, Static

from screens import safe
from screens.form_fields import RecordForm, choice, field, row
from vault.errors import VaultError

DEFAULT_WEEKS = 4  # the usual check-in after an ending


class FollowUpForm(RecordForm):
    FORM_NAME = "follow_up"
    HEADING = "Plan a follow-up"

    def rebuild(self) -> FollowUpForm:
        return FollowUpForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield from row(field("due_on", "On *", "YYYY-MM-DD", width="16"),
                       field("purpose", "Purpose *", "4-week check-in"))  # fmt: skip

    def defaults(self) -> None:
        self.set_text("due_on", (self.qr_app.today() + timedelta(weeks=DEFAULT_WEEKS)).isoformat())

    def focus_first(self) -> None:
        self.query_one("#purpose").focus()

    def save(self) -> None:
        follow_up = self.vault.ending.follow_ups.schedule(
            self.client_id, self.text("due_on") or "", self.text("purpose") or ""
        )
        self.finish(follow_up.id)


CLOSINGS = [("Done", "done"), ("Cancelled", "cancelled")]


class FollowUpCloseForm(RecordForm):
    FORM_NAME = "follow_up_close"
    HEADING = "Close a follow-up"

    def __init__(self, client_id: int, follow_up_id: int) -> None:
        super().__init__(client_id, follow_up_id)

    def rebuild(self) -> FollowUpCloseForm:
        return FollowUpCloseForm(self.client_id, self.record_id)

    def fields(self) -> ComposeResult:
        yield Static("", id="follow-up-purpose", classes="form-note")
        yield from row(choice("status", "What happened *", CLOSINGS),
                       field("closed_on", "On *", "YYYY-MM-DD", width="16"))  # fmt: skip
        yield from field("outcome", "Outcome (required when done)", "doing well; will call if")

    def defaults(self) -> None:
        self.set_text("closed_on", self.qr_app.today().isoformat())
        self.query_one("#status", Select).value = "done"
        try:
            follow_up = self.vault.ending.follow_ups.get(self.record_id)
        except VaultError as error:
            self.show_form_error(error.message)
            return
        purpose = safe.line(f"{follow_up.due_on.isoformat()} · ")
        purpose.append_text(safe.line(follow_up.purpose))
        self.query_one("#follow-up-purpose", Static).update(purpose)

    def focus_first(self) -> None:
        self.query_one("#outcome").focus()

    def save(self) -> None:
        follow_up = self.vault.ending.follow_ups.close(
            self.record_id, self.picked("status") or "done", self.text("outcome"),
            self.text("closed_on") or "",
        )  # fmt: skip
        self.finish(follow_up.id)
