"""The Disclosures view of a client's record: by default the accounting of disclosures
(the accountable entries of the last six years, as the client may ask for them);
`f` switches to the full log, where exempt disclosures are listed too."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from screens import safe
from screens.record_header import recipient_name
from screens.record_view import RecordView
from vault.consent.models import ACCOUNTING_YEARS, Disclosure

BASIS_SHORT = {
    "authorization": "Release", "serious_threat": "Serious threat",
    "mandated_report": "Mandated report", "court_order": "Court order",
    "guardian_access": "Guardian access", "emergency": "Emergency", "treatment": "Treatment",
    "payment": "Payment", "operations": "Operations", "to_client": "To the client",
    "required_by_law": "Required by law",
}  # fmt: skip
METHOD_LABELS = {
    "printed": "Printed", "exported_file": "Exported file", "phone": "Phone",
    "in_person": "In person", "mail": "Mail", "fax": "Fax", "email": "Email",
}  # fmt: skip
ACCOUNTING_TITLE = (
    f"Accounting of disclosures, last {ACCOUNTING_YEARS} years · f: full log · p: print"
)
FULL_TITLE = "Full disclosure log, accountable or not · f: accounting only · p: print accounting"
EMPTY_ACCOUNTING = (
    f"Nothing to account for in the last {ACCOUNTING_YEARS} years. Press f for the full log,"
    " or m to add a disclosure made by phone or in person."
)
RECIPIENT_WIDTH = 28
EMPTY_LOG = "No disclosure recorded. Press m to add one made by phone or in person."


class DisclosuresView(RecordView):
    title = "Disclosures"

    def __init__(self, client_id: int, *, full_log: bool = False, **kwargs: Any) -> None:
        super().__init__(client_id, **kwargs)
        self.full_log = full_log
        self.entries: list[Disclosure] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="disclosures-title")
        yield DataTable(cursor_type="row", id="disclosure-table")
        yield Static("", id="disclosures-empty")

    def on_mount(self) -> None:
        # What was disclosed last: it is the long one, scrolled to on a narrow screen.
        self.table.add_columns("Date", "Recipient", "Legal basis", "Accountable", "Method", "What")

    def toggle_log(self) -> None:
        self.full_log = not self.full_log
        self.reload()

    def fill(self) -> None:
        log = self.vault.disclosures
        if self.full_log:
            self.entries = log.for_client(self.client_id)
        else:  # the service lists the accounting oldest first, as it is printed
            self.entries = log.accounting(self.client_id, self.record.qr_app.today())[::-1]
        table = self.table
        with self.app.batch_update():
            table.clear()
            for entry in self.entries:
                table.add_row(*self._cells(entry), key=str(entry.id))
        self.query_one("#disclosures-title", Static).update(
            FULL_TITLE if self.full_log else ACCOUNTING_TITLE
        )
        empty = self.query_one("#disclosures-empty", Static)
        empty.update(Text(EMPTY_LOG if self.full_log else EMPTY_ACCOUNTING, style="bold"))
        empty.display = not self.entries

    def _cells(self, entry: Disclosure) -> list[Text]:
        basis = BASIS_SHORT.get(entry.legal_basis, entry.legal_basis)
        if entry.release_id is not None:
            basis = f"{basis} #{entry.release_id}"
        recipient = safe.line(recipient_name(entry.recipient, privacy=self.privacy))
        recipient.truncate(RECIPIENT_WIDTH, overflow="ellipsis")
        return [
            Text(entry.disclosed_at[:10]),
            recipient,
            Text(basis),
            Text("yes", style="bold") if entry.accountable else Text("no", style="dim"),
            Text(METHOD_LABELS.get(entry.method, entry.method)),
            safe.HIDDEN.copy() if self.privacy else safe.line(entry.description),
        ]
