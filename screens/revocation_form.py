"""Ending a consent or a release: the day the client's written revocation arrived (a
release is revoked from that day), and how; or the day a release's expiry event
happened. Both return True once recorded."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from screens import safe
from screens.form_fields import RecordForm, field

KINDS = ("consent", "release")


class RevocationForm(RecordForm):
    FORM_NAME = "revocation"
    HEADING = "Revoke"
    # The services name their fields their own way; each lands under one of these two.
    FIELD_ALIASES: ClassVar[dict[str, str]] = {
        "revoked_on": "received_on", "revocation_method": "method", "revocation_note": "method",
    }  # fmt: skip

    def __init__(self, kind: str, record_id: int, client_id: int) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        super().__init__(client_id, record_id)
        self.kind = kind
        self.FORM_NAME = f"revocation_{kind}"
        self.HEADING = f"Revoke the {kind}"

    def rebuild(self) -> RevocationForm:
        return RevocationForm(self.kind, self.record_id, self.client_id)

    def fields(self) -> ComposeResult:
        yield Static(_explained(self.kind), classes="form-note", markup=False)
        yield from field("received_on", "Revocation received on *", "YYYY-MM-DD", width="14")
        required = " *" if self.kind == "consent" else ""
        yield from field("method", f"How it came, or a note{required}",
                         "letter handed in, email, …")  # fmt: skip

    def defaults(self) -> None:
        self.set_text("received_on", self.qr_app.today().isoformat())

    def save(self) -> None:
        received = self.text("received_on") or ""
        how = self.text("method")
        if self.kind == "consent":
            self.vault.consents.revoke(self.record_id, received, how or "")
        else:
            self.vault.releases.revoke(self.record_id, received, how)
        self.finish(True)


def _explained(kind: str) -> str:
    if kind == "release":
        return ("From the day the written revocation was received, nothing more may be "
                "released under it. What was already released stays released.")  # fmt: skip
    return "The consent stays on the record, marked revoked from that day."


class ExpiryEventForm(RecordForm):
    FORM_NAME = "expiry_event"
    HEADING = "Expiry event"
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"event_occurred_on": "occurred_on"}

    def __init__(self, release_id: int, client_id: int) -> None:
        super().__init__(client_id, release_id)

    def rebuild(self) -> ExpiryEventForm:
        return ExpiryEventForm(self.record_id, self.client_id)

    def fields(self) -> ComposeResult:
        yield Static("", id="event", classes="form-note")
        yield from field("occurred_on", "It happened on *", "YYYY-MM-DD", width="14")

    def defaults(self) -> None:
        self.set_text("occurred_on", self.qr_app.today().isoformat())
        release = self.vault.releases.get(self.record_id)
        event = Text("The release ends when: ")
        event.append_text(safe.line(release.expiry_event or "(no expiry event is named)"))
        event.append(". From that day it has expired.")
        self.query_one("#event", Static).update(event)

    def save(self) -> None:
        self.vault.releases.record_event(self.record_id, self.text("occurred_on") or "")
        self.finish(True)
