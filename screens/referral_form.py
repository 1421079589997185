"""The referral letter: to whom, under which release or with the client's agreement,
and the few things the clinician chooses to share (minimum necessary: no notes are
sent). Saving keeps the letter and opens the export dialog to print it, protected.
Then, once it has gone, `ReferralSentForm` marks it sent: the disclosure entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select, Static

from screens.form_fields import RecordForm, choice, field, options_of, row, tick
from screens.record_disclosures import METHOD_LABELS
from vault.consent.models import DISCLOSURE_METHODS
from vault.lifecycle.referrals import SECTIONS, ReferralInput

ONLY_THIS = (
    "Only what you write here goes in the letter, with the dates of this episode: no "
    "session notes, no psychotherapy notes. Share the least the next clinician needs."
)
AGREED = "The client agreed to this letter and to what it says"


class ReferralForm(RecordForm):
    FORM_NAME = "referral_letter"
    HEADING = "Referral letter"

    def rebuild(self) -> ReferralForm:
        return ReferralForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield Static(ONLY_THIS, classes="form-note", markup=False)
        yield from row(field("recipient", "To whom *", "clinician or service"),
                       field("recipient_address", "Their address"))  # fmt: skip
        yield from choice("release_id", "Under a release that covers a treatment summary", [],
                          blank=True, prompt="(none: with the client's agreement)")  # fmt: skip
        yield from tick("client_agreed", AGREED)
        for name, _heading, label in SECTIONS:
            yield from field(name, label)

    def defaults(self) -> None:
        client = self.vault.clients.get(self.client_id, audit=False)
        if client.referral:  # the discharge's referral
            self.set_text("recipient", client.referral)
        releases = self.vault.releases
        covering = [
            r for r in releases.for_client(self.client_id)
            if releases.covers(r, ["treatment_summary"]) is None
        ]  # fmt: skip
        self.query_one("#release_id", Select).set_options(
            options_of((f"No. {r.id}, to {r.recipient_name}", r.id) for r in covering)
        )

    def save(self) -> None:
        sections = {name: self.text(name) or "" for name, _heading, _label in SECTIONS}
        data = ReferralInput(
            recipient=self.text("recipient") or "",
            recipient_address=self.text("recipient_address"),
            release_id=self.picked("release_id"),
            client_agreed=self.ticked("client_agreed"),
            sections=sections,
        )
        letter = self.vault.ending.referrals.write(self.client_id, data)
        self.finish(letter.id)


class ReferralSentForm(RecordForm):
    FORM_NAME = "referral_sent"
    HEADING = "Referral letter sent"

    def rebuild(self) -> ReferralSentForm:
        return ReferralSentForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield from choice("letter_id", "Which letter *", [], blank=True)
        yield from row(choice("method", "How *", [(METHOD_LABELS[m], m)
                                                  for m in DISCLOSURE_METHODS]),
                       field("sent_on", "Sent on *", "YYYY-MM-DD", width="16"))  # fmt: skip
        yield Static("The disclosure log gets an entry: to whom, what, and why.",
                     classes="form-note", markup=False)  # fmt: skip

    def defaults(self) -> None:
        waiting = [x for x in self.vault.ending.referrals.for_client(self.client_id)
                   if x.sent_on is None]  # fmt: skip
        letters = self.query_one("#letter_id", Select)
        letters.set_options(options_of(
            (f"To {x.recipient}, written {x.written_on.isoformat()}", x.id) for x in waiting
        ))  # fmt: skip
        if waiting:
            letters.value = waiting[0].id
        self.query_one("#method", Select).value = "mail"
        self.set_text("sent_on", self.qr_app.today().isoformat())

    def save(self) -> None:
        letter_id = self.picked("letter_id")
        if letter_id is None:
            self.show_field_error("letter_id", "Choose the letter that was sent.")
            return
        letter = self.vault.ending.referrals.mark_sent(
            letter_id, self.picked("method") or "mail", self.text("sent_on") or ""
        )
        self.finish(letter.id)
