"""One client: the essentials at the top, then their record, newest first: every note,
and every session without one (a no-show or a late cancel is part of the record)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import RowDoesNotExist

from screens import safe
from screens.base import VaultScreen
from screens.paged_table import PagedTable
from vault.errors import VaultError
from vault.records.models import (
    ATTENDANCE_LABELS,
    KIND_LABELS,
    Client,
    NoteSummary,
    TimelineEntry,
    initials,
)
from vault.records.notes import SessionInput

PROCESS_NOTE_LABEL = "PRIVATE process note"
NO_NOTE = "Session, no note"
STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged"}


class ClientRecordScreen(VaultScreen):
    BINDINGS = [
        Binding("n", "new_note", "New note", id="client_record.new_note"),
        # Enter on a row is what everyone tries first; the footer's room (80 columns) goes to
        # the keys nobody would guess. Help still lists it.
        Binding(
            "enter",
            "open_note",
            "Open note",
            id="client_record.open_note",
            priority=True,
            show=False,
        ),  # fmt: skip
        Binding("a", "add_addendum", "Addendum", id="client_record.addendum"),
        Binding("d", "discharge", "Discharge", id="client_record.discharge"),
    ]

    def __init__(
        self, client_id: int, *, selected: int | None = None, window_start: int = 0
    ) -> None:
        """`selected`, `window_start`: the row that was chosen before a lock, to choose it again."""
        super().__init__()
        self.client_id = client_id
        self.client: Client | None = None
        self._reselect = selected
        self._window_start = window_start

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="record-header")
        yield Static("Record", id="timeline-title")
        yield PagedTable(self._render_entry, id="timeline")
        yield Static("", id="timeline-count")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def timeline(self) -> PagedTable[TimelineEntry]:
        return self.query_one("#timeline", PagedTable)

    def on_mount(self) -> None:
        self.timeline.add_columns("Date", "Kind", "Attendance", "Fee", "Status")
        self.watch(self.app, "privacy", lambda _privacy: self._show_client(), init=False)
        self._load(audit=True)
        self.timeline.focus()

    def on_screen_resume(self) -> None:
        # Back from the editor: a draft may have been signed, an addendum added. Not on
        # the resume that first shows the screen: on_mount has just loaded it.
        if self.covered_since_shown():
            self._load(audit=False, keep_position=True)

    def reopen(self) -> Callable[[], Screen[None]]:
        client_id, table = self.client_id, self.timeline
        selected, start = table.selected_key, table.window_start
        return lambda: ClientRecordScreen(client_id, selected=selected, window_start=start)

    # -- loading ------------------------------------------------------------------------

    def _load(self, *, audit: bool, keep_position: bool = False) -> None:
        try:
            vault = self.vault
            self.client = vault.clients.get(self.client_id, audit=audit)
            total = vault.notes.record_count(self.client_id)
        except VaultError as error:
            self.query_one("#record-header", Static).update(Text(error.message, "bold"))
            self.show_error(error)
            return

        def fetch(offset: int, limit: int) -> Sequence[TimelineEntry]:
            return vault.notes.record(self.client_id, offset=offset, limit=limit)

        self._show_client()
        if self._reselect is not None:
            self._reload_at_old_row(total, fetch, self._reselect)
        else:
            self.timeline.load(total, fetch, keep_position=keep_position)
        self.query_one("#timeline-title", Static).update(f"Record ({total:,})")
        self._show_count()

    def _reload_at_old_row(self, total: int, fetch: Callable[[int, int], Sequence[TimelineEntry]],
                           key: int) -> None:  # fmt: skip
        """After unlocking: the same window of the timeline, the same row chosen."""
        self._reselect = None
        table = self.timeline
        table.window_start = self._window_start
        table.load(total, fetch, keep_position=True)  # keeps the window set above
        with contextlib.suppress(RowDoesNotExist):  # gone since: stay on the first row
            table.move_cursor(row=table.get_row_index(str(key)), animate=False)

    def _show_client(self) -> None:
        if self.client is not None:
            header = client_header(self.client, self.qr_app.today(), privacy=self.privacy)
            self.query_one("#record-header", Static).update(header)

    def _render_entry(self, entry: TimelineEntry) -> tuple[int, list[Text]]:
        note = entry.note
        if note is None:
            kind = Text(NO_NOTE, style="dim italic")
        elif note.kind == "psychotherapy":
            kind = Text(PROCESS_NOTE_LABEL, style="bold magenta")
        else:
            kind = Text(KIND_LABELS.get(note.kind, note.kind))
        attendance = ATTENDANCE_LABELS.get(entry.attendance or "", entry.attendance or "—")
        missed = entry.attendance not in (None, "attended")
        fee = "" if entry.fee_cents is None else f"{entry.fee_cents / 100:.2f}"
        return entry.key, [
            Text(entry.day.isoformat()),
            kind,
            Text(attendance, style="bold" if missed else ""),
            Text(fee, justify="right"),
            note_status(note) if note else Text(""),
        ]

    # -- actions ------------------------------------------------------------------------

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_note()  # a click; Enter is the screen's own binding

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_count()

    def _show_count(self) -> None:
        line = self.timeline.position_text("entries") if self.timeline.total else (
            "No notes yet. Press n to start one."
        )  # fmt: skip
        self.query_one("#timeline-count", Static).update(line)

    def action_open_note(self) -> None:
        entry = self.timeline.selected_item
        if entry is None:
            return
        if entry.note is None:
            self.notify(
                "This session has no note: it records the attendance and fee only.", markup=False
            )
            return
        self.qr_app.open_note(entry.note.id)

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

        try:
            first_note = self.vault.notes.count_for_client(self.client_id) == 0
        except VaultError as error:
            self.show_error(error)
            return
        self.app.push_screen(NotePickerScreen(first_note=first_note), start)

    def action_add_addendum(self) -> None:
        entry = self.timeline.selected_item
        note = entry.note if entry else None
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


def note_status(note: NoteSummary) -> Text:
    """'Draft', 'Signed', 'Signed · 2 addenda', 'Signed · addendum draft'."""
    status = Text("Signed") if note.is_signed else Text("Draft", style="italic")
    if note.open_addendum_id is not None:
        status.append(" · addendum draft", style="italic")
    elif note.addenda:
        status.append(f" · {note.addenda} addend{'um' if note.addenda == 1 else 'a'}")
    return status


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
        contact = [part for part in (guardian.phone, guardian.email) if part]
        if contact and not privacy:
            header.append(" · ").append_text(safe.line(" · ".join(contact)))
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
