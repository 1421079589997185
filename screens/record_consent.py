"""The Consent view of a client's record: every consent, newest first, and the limits
of confidentiality the selected one named."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from screens import safe
from screens.record_header import consent_name
from screens.record_view import RecordView
from vault.consent.models import CLAUSE_LABELS, Consent
from vault.records.models import initials

METHOD_SHORT = {"paper": "Paper", "typed_in_person": "Typed, in person", "verbal": "Verbal"}
STATUS_STYLES = {"current": "bold green", "superseded": "dim", "revoked": "bold red"}
EMPTY = "No consent on file. Press c to record one."
HINT = "c record · x revoke the one selected · p print a consent form to sign"


class ConsentView(RecordView):
    title = "Consent"

    def __init__(self, client_id: int, **kwargs: Any) -> None:
        super().__init__(client_id, **kwargs)
        self.consents: list[Consent] = []

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="consent-table")
        yield Static("", id="consent-detail")
        yield Static(HINT, classes="view-hint")

    def on_mount(self) -> None:
        self.table.add_columns("Signed", "Consent", "Signer", "Method", "Copy", "Status")

    @property
    def selected(self) -> Consent | None:
        key = self.selected_key
        return next((c for c in self.consents if c.id == key), None)

    def fill(self) -> None:
        self.consents = self.vault.consents.for_client(self.client_id)
        table = self.table
        with self.app.batch_update():
            table.clear()
            for consent in self.consents:
                table.add_row(*self._cells(consent), key=str(consent.id))
        self.show_detail()

    def _cells(self, consent: Consent) -> list[Text]:
        status = Text(consent.status, style=STATUS_STYLES.get(consent.status, ""))
        if consent.status == "revoked" and consent.revoked_on is not None:
            status.append(f" {consent.revoked_on.isoformat()}")
        return [
            Text(consent.signed_on.isoformat()),
            safe.line(consent_name(consent)),
            self._signer(consent),
            Text(METHOD_SHORT.get(consent.signature_method, consent.signature_method)),
            Text("yes" if consent.copy_given else "no"),
            status,
        ]

    def _signer(self, consent: Consent) -> Text:
        if consent.signer_kind != "guardian":
            return Text("Client")
        name = initials(*consent.signer_name.split()) if self.privacy else consent.signer_name
        signer = Text("Guardian ").append_text(safe.line(name))
        if consent.signer_authority:
            signer.append(" (").append_text(safe.line(consent.signer_authority)).append(")")
        return signer

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        detail = self.query_one("#consent-detail", Static)
        consent = self.selected
        if consent is None:
            detail.update(Text(EMPTY, style="bold"))
            return
        text = Text()
        text.append("Limits of confidentiality named: ", style="bold")
        limits = [CLAUSE_LABELS.get(clause, clause) for clause in consent.clauses]
        text.append(" · ".join(limits) or "none")
        text.append(f"\nDiscussed {consent.discussed_on.isoformat()} by ", style="dim")
        text.append_text(safe.line(consent.discussed_by, "dim"))
        if consent.minor_assent is not None:
            text.append(f" · minor's assent: {'yes' if consent.minor_assent else 'no'}")
        if consent.revocation_method:
            text.append(" · revoked: ").append_text(safe.line(consent.revocation_method))
        if consent.note:
            text.append("\nNote: ", style="dim")
            text.append_text(safe.HIDDEN if self.privacy else safe.line(consent.note))
        detail.update(text)
