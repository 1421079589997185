"""Every client, filtered as you type, paged from SQLite. The screen under all others.

The name filter has focus, yet the list's one-key commands still work while it is
empty: `/` (search), `?` (help) and `n` (new client). A name never starts with `/`
or `?`; one that starts with n is typed with a capital N, which the placeholder says.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import RowDoesNotExist

from screens import safe
from screens.base import VaultScreen
from screens.paged_table import PagedTable
from screens.risk.marker import risk_cell
from vault.errors import VaultError
from vault.records.display import clean_line
from vault.records.models import ClientSummary
from vault.risk.models import RiskMarker

FILTER_DELAY = 0.15  # seconds of quiet typing before the list is queried again
FILTER_PLACEHOLDER = "Type a name to filter (a name starting with n: type N)"
# In an empty filter these keys are commands, as the help and the footer say.
EMPTY_FILTER_COMMANDS = {"slash": "app.search", "question_mark": "app.help", "n": "new_client"}
STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged"}
# The paperwork column: one letter per thing to see to, explained by the legend line.
MARK_NO_CONSENT, MARK_RECONSENT, MARK_EXPIRING = "C", "R", "E"
MARK_FOLLOW_UP = "F"  # issue 9: a follow-up contact after discharge is due
LEGEND = ((MARK_NO_CONSENT, "no consent"), (MARK_RECONSENT, "re-consent due"),
          (MARK_EXPIRING, "release ending"), (MARK_FOLLOW_UP, "follow-up due"))  # fmt: skip
MARK_STYLE = "bold black on yellow"
# Below this width the legend's words are shorter, so the count beside it stays whole.
SHORT_LEGEND_BELOW = 100
SHORT_MEANINGS = {"re-consent due": "re-consent", "release ending": "expiring",
                  "follow-up due": "follow-up"}  # fmt: skip


def legend(*, short: bool = False) -> Text:
    """The line that says what the marks mean, each mark drawn as in the list."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for letter, long_meaning in LEGEND:
        meaning = SHORT_MEANINGS.get(long_meaning, long_meaning) if short else long_meaning
        text.append(letter, style=MARK_STYLE).append(f" {meaning}  ")
    text.rstrip()
    return text


class NameFilter(Input):
    """The filter box: while empty, `/`, `?` and `n` run their commands instead."""

    async def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own handler (Textual dispatches down the MRO), which
        # prevent_default skips.
        action = EMPTY_FILTER_COMMANDS.get(event.key)
        if action is not None and not self.value:
            event.stop()
            event.prevent_default()
            await self.screen.run_action(action)


class ClientListScreen(VaultScreen):
    BINDINGS = [
        Binding("n,ctrl+n", "new_client", "New client", id="client_list.new"),
        # Priority, so it works (and shows in the footer) from the filter and the list alike.
        Binding("enter", "open_client", "Open", id="client_list.open", priority=True),
        Binding("down", "focus_list", "Into the list", id="client_list.to_list", show=False),
        # Not in the footer: at 80 columns it would push Help off the end.
        Binding("ctrl+r", "focus_filter", "Filter", id="client_list.filter", show=False),
        Binding("ctrl+t", "audit_log", "Audit log", id="client_list.audit_log", show=False),
        # Issue 9: records past their retention date (screens/cleanup.py); help lists it.
        Binding("ctrl+y", "cleanup", "Records clean-up", id="client_list.cleanup", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._filter_timer: Timer | None = None
        self._marks: dict[int, str] = {}  # client id -> mark letters, for the rows mounted
        self._risks: dict[int, RiskMarker] = {}  # client id -> open flags, for the rows mounted
        self._now = datetime.now().astimezone()  # when the page was read: deadlines count from it

    def compose(self) -> ComposeResult:
        yield Header()
        # No select-all on focus: letters typed in the list are added to the filter.
        yield NameFilter(placeholder=FILTER_PLACEHOLDER, id="client-filter", select_on_focus=False)
        yield PagedTable(self._render_row, id="client-table")
        yield Static("", id="backup-reminder")  # shown only when a backup is due
        with Horizontal(id="client-status-line"):
            yield Static("", id="client-count")
            yield Static(legend(), id="client-legend")
        yield Footer()

    @property
    def table(self) -> PagedTable[ClientSummary]:
        return self.query_one("#client-table", PagedTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#client-filter", Input).value

    def on_mount(self) -> None:
        # Risk right after the age: at 80 columns a long name may push the last columns off.
        self.table.add_columns("Name", "Age", "Risk", "Status", "Last session", "Marks")
        self.watch(self.app, "privacy", self._privacy_changed)
        self.reload()
        self._show_backup_reminder()
        self.query_one("#client-filter", Input).focus()

    def on_resize(self) -> None:
        short = self.size.width < SHORT_LEGEND_BELOW
        self.query_one("#client-legend", Static).update(legend(short=short))

    def on_screen_resume(self) -> None:
        # Back from a record (or search and the editor): a client may have been discharged
        # or seen since the list was drawn. Not on the resumes that merely show the screen
        # (unlocking sends two) nor after help: each reload queries and redraws every row.
        if self.covered_since_shown():
            self.reload(keep_position=True)
            # Back from a client, the next name typed starts a new filter: the old one
            # stays visible but selected, so the first letter replaces it.
            self.query_one("#client-filter", Input).select_all()

    # -- the rows ---------------------------------------------------------------------

    def reload(self, *, keep_position: bool = False) -> None:
        text = self.filter_text
        try:
            clients = self.vault.clients
            total = clients.count(text)
        except VaultError as error:
            self.show_error(error)
            return

        def fetch(offset: int, limit: int) -> Sequence[ClientSummary]:
            page = clients.page(text, offset=offset, limit=limit)
            ids = [client.id for client in page]
            self._marks = self._marks_for(ids)
            self._risks = self._risks_for(ids)
            self._now = self.vault.store.clock()
            return page

        self.table.load(total, fetch, keep_position=keep_position)
        self._show_count()

    def _marks_for(self, client_ids: list[int]) -> dict[int, str]:
        """The paperwork marks of a page of clients: one query per service for the page."""
        vault, today = self.vault, self.qr_app.today()
        try:
            consent = vault.consents.markers(client_ids, today)
            releases = vault.releases.markers(client_ids, today)
            follow_ups = vault.ending.follow_ups.due(client_ids, today)
        except VaultError as error:  # the list is still worth showing without its marks
            self.show_error(error)
            return {}
        marks: dict[int, str] = {}
        for client_id in client_ids:
            marker = consent.get(client_id)
            letters = ""
            if marker is not None and not marker.has_current:
                letters += MARK_NO_CONSENT
            elif marker is not None and marker.reconsent_due:
                letters += MARK_RECONSENT
            if releases.get(client_id) == "expiring":
                letters += MARK_EXPIRING
            if follow_ups.get(client_id):
                letters += MARK_FOLLOW_UP
            if letters:
                marks[client_id] = letters
        return marks

    def _risks_for(self, client_ids: list[int]) -> dict[int, RiskMarker]:
        """Open risk flags and their soonest deadline, shown until resolved (issue 8)."""
        try:
            return self.vault.risk.markers(client_ids)
        except VaultError as error:  # as with the marks: the list still helps without them
            self.show_error(error)
            return {}

    def _render_row(self, client: ClientSummary) -> tuple[int, list[Text]]:
        style = "dim" if client.status == "discharged" else ""
        name = client.initials if self.privacy else client.display_name
        age = client.age(self.qr_app.today())
        age_text = f"{age} minor" if client.is_minor(self.qr_app.today()) else str(age)
        last = client.last_session.isoformat() if client.last_session else "—"
        return client.id, [
            safe.line(name, style),
            Text(age_text, style=style or ("bold" if "minor" in age_text else "")),
            risk_cell(self._risks.get(client.id), self._now),
            Text(STATUS_LABELS.get(client.status, client.status), style=style),
            Text(last, style=style),
            self._mark_cell(client, style),
        ]

    def _mark_cell(self, client: ClientSummary, style: str) -> Text:
        cell = Text(style=style)
        letters = self._marks.get(client.id, "")
        if client.status == "discharged":  # no therapy to consent to: only a release counts
            letters = letters.replace(MARK_NO_CONSENT, "").replace(MARK_RECONSENT, "")
        for letter in letters:
            cell.append(letter, style=MARK_STYLE).append(" ")
        cell.rstrip()
        return cell

    def _privacy_changed(self, privacy: bool) -> None:
        # The filter is part of a name: masked like a passphrase while privacy is on.
        self.query_one("#client-filter", Input).password = privacy
        if self.table.row_count:
            self.table.rerender()

    def _show_count(self) -> None:
        filtered = bool(self.filter_text.strip())
        if self.table.total:
            line = self.table.position_text("matching clients" if filtered else "clients")
        elif filtered:
            line = "No client matches this filter."
        else:
            line = "No clients yet. Press n (or ctrl+n) to add the first one."
        self.query_one("#client-count", Static).update(line)

    def _show_backup_reminder(self) -> None:
        """Once per unlock: no backup can be made while the app holds the vault open."""
        from vault.backups import backup_reminder

        try:
            line = backup_reminder(self.vault, self.qr_app.today())
        except VaultError:  # a reminder is not worth an error of its own
            line = ""
        reminder = self.query_one("#backup-reminder", Static)
        reminder.update(Text(clean_line(line)))  # wraps: the command must be read whole
        reminder.display = bool(line)

    # -- typing and moving --------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        self._filter_timer = None
        self.reload()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_count()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_client()

    def on_key(self, event: events.Key) -> None:
        # Letters typed while the list has focus refine the filter, unless bound to a key.
        if (
            self.focused is self.table
            and event.is_printable
            and event.character
            and not self._is_bound(event.key)
        ):
            event.stop()
            box = self.query_one("#client-filter", Input)
            box.focus()
            if box.selected_text:
                box.delete_selection()
            box.insert_text_at_cursor(event.character)

    def _is_bound(self, key: str) -> bool:
        return any(key in node._bindings.key_to_bindings for node in (self, self.app))

    def action_focus_list(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        box = self.query_one("#client-filter", Input)
        box.focus()
        box.select_all()

    def action_open_client(self) -> None:
        if self._filter_timer is not None:  # Enter before the delay ran out: filter first
            self._filter_timer.stop()
            self._apply_filter()
        client_id = self.table.selected_key
        if client_id is not None:
            self.qr_app.open_client(client_id)

    def action_audit_log(self) -> None:
        from screens.audit_view import AuditViewScreen  # issue 9: the audit trail

        self.app.push_screen(AuditViewScreen())

    def action_cleanup(self) -> None:
        from screens.cleanup import CleanupScreen

        self.app.push_screen(CleanupScreen())

    def action_new_client(self) -> None:
        from screens.client_form import ClientFormScreen

        self.app.push_screen(ClientFormScreen(), self._client_added)

    def _client_added(self, client_id: int | None) -> None:
        if client_id is None:
            return
        self.reload()
        self.notify("Client added.", markup=False)
        try:
            row = self.table.get_row_index(str(client_id))
        except RowDoesNotExist:  # outside the window, or the filter hides it
            pass
        else:  # Escape from the record comes back to the new client's row
            self.table.move_cursor(row=row)
            self.table.focus()
        # A new client is added to write their intake: go straight to the record.
        self.qr_app.open_client(client_id)
