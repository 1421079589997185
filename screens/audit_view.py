"""The audit log on screen: newest first, filtered by client, action, dates and text.

Reached with ctrl+t ("trail") from the client list, and with `l` from a client's
disclosures view, already filtered to that client. Filters apply on Enter in any
of their fields (a date typed halfway is not an error yet); a field that cannot
be used gets one sentence under the row of fields and keeps what was typed.

The log is read a page at a time by entry id (keyset), never by counting it: a
million entries cost what a hundred do. The table keeps two pages mounted
(screens/paged_table.py) and learns where each page starts as it goes, so it
knows how many entries there are only once it has reached the oldest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from screens import safe
from screens.base import VaultScreen
from screens.paged_table import PagedTable
from vault.errors import InvalidRecord, VaultError
from vault.records.audit_labels import action_label, describe, local_time
from vault.records.audit_query import AuditFilter, AuditQuery, FoundEntry, filter_from_text
from vault.records.models import initials

FIELDS = (
    ("client", "Client"),
    ("action", "Action"),
    ("from_date", "From date"),
    ("to_date", "To date"),
    ("text", "Text"),
)
# Short enough for 80 columns, where each field is only a dozen characters wide.
HINT = "Enter applies · client: id or name · action e.g. sign_note · YYYY-MM-DD"


class AuditFeed:
    """Offsets (what the table asks for) turned into keyset pages (what the log answers).

    Only page starts are kept (offset -> the id the page comes before), never entries."""

    def __init__(self, query: AuditQuery, wanted: AuditFilter, page_size: int) -> None:
        self._query, self._wanted, self._size = query, wanted, page_size
        self._starts: dict[int, int | None] = {0: None}
        self.end: int | None = None  # the number of entries, once the oldest was read
        self.seen = 0

    def fetch(self, offset: int, limit: int) -> list[FoundEntry]:
        items: list[FoundEntry] = []
        position = self._walk_to(offset - offset % self._size)
        while position is not None and len(items) < limit + offset % self._size:
            page = self._query.page(self._wanted, self._starts[position], self._size)
            items += page.entries
            self.seen = max(self.seen, position + len(page.entries))
            if page.next_before is None:
                self.end = position + len(page.entries)
                break
            self._starts[position + self._size] = page.next_before
            position += self._size
        return items[offset % self._size :][:limit]

    def _walk_to(self, offset: int) -> int | None:
        """The page start at `offset`, learnt by reading the pages before it if need be."""
        known = max(start for start in self._starts if start <= offset)
        while known < offset:
            page = self._query.page(self._wanted, self._starts[known], self._size)
            if page.next_before is None:
                self.end = known + len(page.entries)
                return None
            known += self._size
            self._starts[known] = page.next_before
        return known

    @property
    def total(self) -> int:
        """For the table: the count when known, else one more than seen (so it reads on)."""
        return self.end if self.end is not None else self.seen + 1


class AuditViewScreen(VaultScreen):
    CSS_PATH = "audit_view.tcss"
    BINDINGS = [
        Binding("ctrl+t", "focus_filters", "Filters", id="audit_view.filters"),
        Binding("down", "focus_table", "Into the list", id="audit_view.to_list", show=False),
    ]

    def __init__(self, client_id: int | None = None) -> None:
        super().__init__()
        self._client_id = client_id
        self._names: dict[int, tuple[str, str, str | None]] = {}
        self._feed: AuditFeed | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-filters"):
            for field, placeholder in FIELDS:
                yield Input(placeholder=placeholder, id=f"audit-{field}", compact=True)
        yield Static("", id="audit-error", classes="field-error")
        yield Static(HINT, id="audit-hint")
        yield PagedTable(self._render_row, id="audit-table")
        yield Static("", id="audit-count")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> PagedTable[FoundEntry]:
        return self.query_one("#audit-table", PagedTable)

    def field(self, name: str) -> Input:
        return self.query_one(f"#audit-{name}", Input)

    def on_mount(self) -> None:
        self.table.add_columns("Time", "Action", "What", "Detail")
        self.watch(self.app, "privacy", self._privacy_changed)
        if self._client_id is not None:
            self.field("client").value = str(self._client_id)
        self.apply_filters()
        if self._client_id is not None:
            self.table.focus()
        else:
            self.field("client").focus()

    def reopen(self) -> Callable[[], Screen[None]] | None:
        client_id = self._client_id
        return lambda: AuditViewScreen(client_id)

    # -- filters ------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filters()

    def apply_filters(self) -> None:
        try:
            wanted = self._filter()
        except InvalidRecord as error:
            self._show_problem(error.message, error.field)
            return
        except VaultError as error:
            self.show_error(error)
            return
        self._show_problem("", None)
        self._feed = AuditFeed(self.vault.audit_query, wanted, self.table.page_size)
        feed = self._feed

        def fetch(offset: int, limit: int) -> Sequence[FoundEntry]:
            found = feed.fetch(offset, limit)
            ids = {item.client_id for item in found if item.client_id is not None}
            self._names = self.vault.audit_query.client_names(ids)
            self.table.total = feed.total
            return found

        try:
            self.table.load(1, fetch)
        except VaultError as error:
            self.show_error(error)
            return
        self._show_count()

    def _filter(self) -> AuditFilter:
        text = {name: self.field(name).value.strip() for name, _ in FIELDS}
        return filter_from_text(
            self._client(text["client"]),
            text["action"].replace(",", " ").split(),
            text["from_date"],
            text["to_date"],
            text["text"],
        )

    def _client(self, wanted: str) -> int | None:
        """An id as typed (a client whose records were destroyed still has entries), or
        the one client whose name matches."""
        if not wanted:
            return None
        if wanted.isdecimal():
            return int(wanted)
        found = self.vault.clients.page(wanted, limit=2)
        if not found:
            raise InvalidRecord("No client's name matches the client filter.", "client")
        if len(found) > 1:
            raise InvalidRecord(
                "More than one client matches the client filter: type more of the name, "
                "or their id.",
                "client",
            )
        return found[0].id

    def _show_problem(self, message: str, field: str | None) -> None:
        error = self.query_one("#audit-error", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")
        for name, _ in FIELDS:
            self.field(name).set_class(field == name, "-invalid")
        if field is not None and field in dict(FIELDS):
            self.field(field).focus()

    def action_focus_filters(self) -> None:
        self.field("client").focus()

    def action_focus_table(self) -> None:
        self.table.focus()

    # -- rows ---------------------------------------------------------------------------

    def _render_row(self, item: FoundEntry) -> tuple[int, Sequence[Text | str]]:
        entry = item.entry
        what = describe(entry.subject, item.client_id, self._shown_names())
        return entry.id, (
            local_time(entry.at),
            safe.line(action_label(entry.action)),
            safe.line(what),
            safe.line(entry.detail),
        )

    def _shown_names(self) -> dict[int, str]:
        """Full names, or initials in privacy mode."""
        if self.privacy:
            return {cid: initials(pref or first, last) for cid, (first, last, pref) in
                    self._names.items()}  # fmt: skip
        return {cid: f"{pref or first} {last}" for cid, (first, last, pref) in self._names.items()}

    def _privacy_changed(self, privacy: bool) -> None:
        # A name typed in the client filter is masked like the client list's filter.
        for name in ("client", "text"):
            self.field(name).password = privacy
        self.table.rerender()

    def _show_count(self) -> None:
        feed, table = self._feed, self.table
        if feed is None:
            return
        shown = table.row_count
        if not shown:
            text = "No audit entries match these filters."
        else:
            first = table.window_start + 1
            last = table.window_start + shown
            more = "" if feed.end is not None and last >= feed.end else ", more below"
            of = f" of {feed.end:,}" if feed.end is not None else ""
            text = f"entries {first:,}–{last:,}{of}, newest first{more}"
        self.query_one("#audit-count", Static).update(text)

    def on_data_table_row_highlighted(self) -> None:
        self._show_count()
