"""A disclosure made outside the app (by phone, in person, by letter), added to the
client's disclosure log by hand. The log is append-only, so the form says so before
saving, and shows as the legal basis changes whether the entry will appear in the
client's accounting of disclosures. Returns the new entry's id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, Static

from screens.confirm import ConfirmScreen
from screens.form_fields import RecordForm, choice, field, options_of, row
from vault.consent.models import (
    DISCLOSURE_METHODS,
    EXEMPT_BASES,
    LEGAL_BASES,
    LEGAL_BASIS_LABELS,
    PRESET_LABELS,
    SCOPE_LABELS,
    DisclosureInput,
)
from vault.errors import InvalidRecord, VaultError

METHOD_LABELS = {
    "printed": "Printed", "exported_file": "Exported file", "phone": "By phone",
    "in_person": "In person", "mail": "By post", "fax": "By fax", "email": "By email",
}  # fmt: skip
TOLD = (("Not yet", "not_yet"), ("Yes", "yes"), ("No", "no"))
IN_ACCOUNTING = "This will appear in the client's accounting of disclosures."
EXEMPT = "Exempt: not in the accounting of disclosures (it stays in the full log)."
APPEND_ONLY = "Entries cannot be edited or deleted afterwards."
NO_RELEASE = "There is no valid release for this client: record one first, or choose another basis."

# The time of day the form starts with; a function so tests can fix it.
clock_now: Callable[[], datetime] = datetime.now


class DisclosureForm(RecordForm):
    FORM_NAME = "disclosure"
    HEADING = "Add a disclosure"

    def __init__(self, client_id: int) -> None:
        super().__init__(client_id)
        self._valid_releases = 0

    def rebuild(self) -> DisclosureForm:
        return DisclosureForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield from row(field("disclosed_at", "When *", "YYYY-MM-DD HH:MM"),
                       choice("method", "How *", [(METHOD_LABELS[m], m) for m in
                                                  DISCLOSURE_METHODS]))  # fmt: skip
        yield from row(field("recipient", "To whom *"),
                       field("recipient_address", "Their address or number"))  # fmt: skip
        yield from field("description", "What was disclosed, briefly *", "no note text")
        yield from field("purpose", "Purpose *")
        bases = [(LEGAL_BASIS_LABELS[b], b) for b in LEGAL_BASES]
        yield from choice("legal_basis", "On what basis *", bases, blank=True)
        yield Static("", id="accountable", classes="form-note")
        yield from choice("release_id", "Under which release *", [], blank=True)
        yield from row(field("person_spoken_to", "Person spoken to"),
                       field("reference", "Reference", "a report or case number"))  # fmt: skip
        yield from row(choice("client_told", "Client told? *", TOLD),
                       field("client_told_note", "When and how, or why not"))  # fmt: skip

    def hint_text(self) -> str:
        return f"{APPEND_ONLY} ctrl+s saves · Escape cancels"

    def defaults(self) -> None:
        now = datetime.combine(self.qr_app.today(), clock_now().time())
        self.set_text("disclosed_at", now.strftime("%Y-%m-%d %H:%M"))
        self.query_one("#method", Select).value = "phone"
        releases = [r for r in self.vault.releases.for_client(self.client_id)
                    if r.status == "valid"]  # fmt: skip
        self._valid_releases = len(releases)
        self.query_one("#release_id", Select).set_options(
            options_of((_release_label(r.id, r.recipient_name, r.scope), r.id) for r in releases)
        )
        self._show_basis()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "legal_basis":
            self._show_basis()

    def after_fill(self) -> None:
        self._show_basis()

    def _show_basis(self) -> None:
        basis = self.picked("legal_basis")
        note = self.query_one("#accountable", Static)
        if basis is None:
            note.update(Text("Choose the basis: it decides whether the client's accounting "
                             "lists this disclosure."))  # fmt: skip
        else:
            note.update(Text(EXEMPT if basis in EXEMPT_BASES else IN_ACCOUNTING))
        self.query_one("#release_id-box").display = basis == "authorization"

    def save(self) -> None:
        basis = self.picked("legal_basis")
        if basis is None:
            raise InvalidRecord("Choose the basis on which it was disclosed.", "legal_basis")
        release_id = self.picked("release_id") if basis == "authorization" else None
        if basis == "authorization" and release_id is None:
            raise InvalidRecord(
                NO_RELEASE if not self._valid_releases else
                "Choose the release it was disclosed under.", "release_id",
            )  # fmt: skip
        told = self.picked("client_told")
        data = DisclosureInput(
            client_id=self.client_id,
            disclosed_at=(self.text("disclosed_at") or "").replace(" ", "T", 1),
            recipient=self.text("recipient") or "",
            description=self.text("description") or "",
            purpose=self.text("purpose") or "",
            legal_basis=basis,
            method=self.picked("method") or "",
            recipient_address=self.text("recipient_address"),
            release_id=release_id,
            client_told={"yes": True, "no": False}.get(told or ""),
            client_told_note=self.text("client_told_note"),
            person_spoken_to=self.text("person_spoken_to"),
            reference=self.text("reference"),
        )
        accounted = IN_ACCOUNTING if basis not in EXEMPT_BASES else EXEMPT
        self.app.push_screen(
            ConfirmScreen("Add to the log?", f"{APPEND_ONLY} {accounted}", "Add"),
            lambda yes: self._record(data) if yes else None,
        )

    def _record(self, data: DisclosureInput) -> None:
        try:
            entry = self.vault.disclosures.record(data)
        except InvalidRecord as error:
            self.show_field_error(error.field, error.message)
            return
        except VaultError as error:
            self.show_form_error(error.message)
            return
        self.finish(entry.id)


def _release_label(release_id: int, recipient: str, scope: tuple[str, ...]) -> str:
    names = ", ".join(PRESET_LABELS.get(s) or SCOPE_LABELS.get(s, s) for s in scope)
    return f"#{release_id} to {recipient}: {names}"
