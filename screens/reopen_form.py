"""Re-opening a discharged client: a new episode of care from a date (today unless
changed), with why they are coming back. The old episode is kept. Returns the new
episode's number."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from screens.form_fields import RecordForm, field

KEPT = (
    "The episode that ended keeps its dates, discharge reason and referral; the client "
    "becomes active again and new notes belong to the new episode."
)


class ReopenForm(RecordForm):
    FORM_NAME = "reopen"
    HEADING = "Re-open as a new episode of care"

    def rebuild(self) -> ReopenForm:
        return ReopenForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield Static(KEPT, classes="form-note", markup=False)
        yield from field("opened_on", "Starting on *", "YYYY-MM-DD", width="16")
        yield from field("opened_reason", "Why they are coming back", "optional")

    def defaults(self) -> None:
        self.set_text("opened_on", self.qr_app.today().isoformat())

    def focus_first(self) -> None:
        self.query_one("#opened_reason").focus()

    def save(self) -> None:
        episode = self.vault.ending.episodes.reopen(
            self.client_id, self.text("opened_on") or "", self.text("opened_reason")
        )
        self.finish(episode.number)
