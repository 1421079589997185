"""One client: the essentials at the top, then their notes, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from screens import safe
from screens.base import VaultScreen
from screens.paged_table import PagedTable
from vault.errors import VaultError
from vault.models import KIND_LABELS, TEMPLATE_LABELS, Client, NoteSummary, initials
from vault.notes import SessionInput

PROCESS_NOTE_LABEL = "PRIVATE — process note"
STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged"}


class ClientRecordScreen(VaultScreen):
    BINDINGS = [
        Binding("n", "new_note", "New note", id="client_record.new_note"),
        Binding("enter", "open_note", "Open note", id="client_record.open_note", priority=True),
        Binding("a", "add_addendum", "Addendum", id="client_record.addendum"),
        Binding("d", "discharge", "Discharge", id="client_record.discharge"),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.client: Client | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="record-header")
        yield Static("Notes", id="timeline-title")
        yield PagedTable(self._render_note, id="timeline")
        yield Static("", id="timeline-count")
        yield Footer()

    @property
    def timeline(self) -> PagedTable[NoteSummary]:
        return self.query_one("#timeline", PagedTable)

    def on_mount(self) -> None:
        self.timeline.add_columns("Date", "Kind", "Template", "Status", "Addenda")
        self.watch(self.app, "privacy", lambda _privacy: self._show_client(), init=False)
        self._load(audit=True)
        self.timeline.focus()

    def on_screen_resume(self) -> None:
        # Back from the editor: a draft may have been signed, an addendum added. Not on
        # the resume that first shows the screen: on_mount has just loaded it.
        if self.covered_since_shown():
            self._load(audit=False, keep_position=True)

    def reopen(self) -> Callable[[], Screen[None]]:
        return lambda: ClientRecordScreen(self.client_id)

    # -- loading ------------------------------------------------------------------------

    def _load(self, *, audit: bool, keep_position: bool = False) -> None:
        try:
            vault = self.vault
            self.client = vault.clients.get(self.client_id, audit=audit)
            total = vault.notes.count_for_client(self.client_id)
        except VaultError as error:
            self.query_one("#record-header", Static).update(Text(error.message, "bold"))
            self.show_error(error)
            return

        def fetch(offset: int, limit: int) -> Sequence[NoteSummary]:
            return vault.notes.timeline(self.client_id, offset=offset, limit=limit)

        self._show_client()
        self.timeline.load(total, fetch, keep_position=keep_position)
        self.query_one("#timeline-title", Static).update(f"Notes ({total:,})")
        self._show_count()

    def _show_client(self) -> None:
        if self.client is not None:
            header = client_header(self.client, self.qr_app.today(), privacy=self.privacy)
            self.query_one("#record-header", Static).update(header)

    def _render_note(self, note: NoteSummary) -> tuple[int, list[Text]]:
        if note.kind == "psychotherapy":
            kind = Text(PROCESS_NOTE_LABEL, style="bold magenta")
        else:
            kind = Text(KIND_LABELS.get(note.kind, note.kind))
        status = Text("Signed") if note.is_signed else Text("Draft", style="italic")
        if note.open_addendum_id is not None:
            status.append(" · addendum draft", style="italic")
        return note.id, [
            Text(note.note_date.isoformat()),
            kind,
            Text(TEMPLATE_LABELS.get(note.template, note.template)),
            status,
            Text(str(note.addenda) if note.addenda else ""),
        ]

    # -- actions ------------------------------------------------------------------------

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_note()  # a click; Enter is the screen's own binding

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_count()

    def _show_count(self) -> None:
        line = self.timeline.position_text("notes") if self.timeline.total else (
            "No notes yet. Press n to start one."
        )  # fmt: skip
        self.query_one("#timeline-count", Static).update(line)

    def action_open_note(self) -> None:
        note_id = self.timeline.selected_key
        if note_id is not None:
            self.qr_app.open_note(note_id)

    def action_new_note(self) -> None:
        from screens.note_picker import NoteChoice, NotePickerScreen

        def start(choice: NoteChoice | None) -> None:
            if choice is None:
                return
            try:
                note = self.vault.notes.start(
                    self.client_id, kind=choice.kind, template=choice.template,
                    session=SessionInput(self.qr_app.today()),
                )  # fmt: skip
            except VaultError as error:
                self.show_error(error)
                return
            self.qr_app.open_note(note.id)

        self.app.push_screen(NotePickerScreen(), start)

    def action_add_addendum(self) -> None:
        note = self.timeline.selected_item
        if note is None:
            return
        if not note.is_signed:
            self.notify("This note is still a draft: press Enter to edit it.", markup=False)
            return
        if note.open_addendum_id is not None:  # finish the unsigned one first
            self.qr_app.open_note(note.open_addendum_id)
            return
        try:
            addendum = self.vault.notes.add_addendum(note.id)
        except VaultError as error:
            self.show_error(error)
            return
        self.qr_app.open_note(addendum.id)

    def action_discharge(self) -> None:
        from screens.discharge import DischargeScreen

        if self.client is None:
            return
        if self.client.status == "discharged":
            self.notify("This client is already discharged.", markup=False)
            return

        def discharged(done: bool | None) -> None:
            if done:
                self._load(audit=False, keep_position=True)
                self.notify("Client discharged.", markup=False)

        name = self.client.initials if self.privacy else self.client.display_name
        self.app.push_screen(DischargeScreen(self.client_id, name), discharged)


def client_header(client: Client, today: date, *, privacy: bool) -> Text:
    """The essentials a clinician checks before anything else, as safe Text."""
    header = Text()
    header.append_text(safe.line(client.initials if privacy else client.display_name, "bold"))
    if client.pronouns:
        header.append(" · ").append_text(safe.line(client.pronouns))
    header.append(f" · {client.age(today)} years")
    if client.is_minor(today):
        header.append("  ").append(" MINOR ", style="bold reverse")
    status = STATUS_LABELS.get(client.status, client.status)
    header.append(f" · {status}", style="bold" if client.status == "discharged" else "")
    if client.intake_date:
        header.append(f" · intake {client.intake_date.isoformat()}", style="dim")
    for guardian in client.guardians:
        header.append("\nGuardian: ")
        name = initials(*guardian.name.split()) if privacy else guardian.name
        header.append_text(safe.line(name))
        if guardian.relationship:
            header.append(" (").append_text(safe.line(guardian.relationship)).append(")")
        if guardian.can_access_records:
            header.append(" — can access records")
        else:
            header.append(" — no access to records", style="bold")
    if client.status == "discharged":
        header.append(f"\nDischarged {client.discharge_date or ''}: ", style="bold")
        if privacy:
            header.append_text(safe.HIDDEN)
        else:
            header.append_text(safe.line(client.discharge_reason))
            if client.referral:
                header.append(" · referred to ").append_text(safe.line(client.referral))
    header.append("\n")
    if privacy:
        header.append("Contact details hidden (privacy mode)", style="dim italic")
    else:
        contact = [part for part in (client.phone, client.email) if part]
        header.append("Contact: ", style="dim").append_text(safe.line(" · ".join(contact) or "—"))
        if client.emergency_name:
            header.append("   Emergency: ", style="dim")
            header.append_text(safe.line(client.emergency_name))
            if client.emergency_relationship:
                header.append(" (").append_text(safe.line(client.emergency_relationship))
                header.append(")")
            if client.emergency_phone:
                header.append(" ").append_text(safe.line(client.emergency_phone))
    return header
