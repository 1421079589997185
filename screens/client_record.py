"""One client: the essentials and the state of their paperwork at the top, then one of
four views of their record, each on its own key: notes (every note and every session,
newest first), consent, releases of information, and disclosures.

Every key is bound here, on the screen, so help and the footer read them from one
place; `check_action` switches off the keys of the views not shown. The forms these
keys open are modals that hand back what they did, and the view shown is refreshed."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Static

from screens.base import VaultScreen
from screens.paged_table import PagedTable
from screens.record_actions import PaperworkActions
from screens.record_consent import ConsentView
from screens.record_disclosures import DisclosuresView
from screens.record_episodes import EpisodeActions, EpisodesView
from screens.record_header import client_header, follow_up_lines, paperwork_lines
from screens.record_notes import NO_NOTE, PROCESS_NOTE_LABEL, NotesView, note_status
from screens.record_releases import ReleasesView
from screens.record_retention import keeping_facts, keeping_line
from screens.record_view import RecordView
from screens.risk.marker import risk_header_line
from vault.errors import VaultError
from vault.lifecycle.follow_ups import FollowUp
from vault.lifecycle.holds import LegalHold
from vault.lifecycle.retention import Retention
from vault.records.models import Client, TimelineEntry
from vault.records.notes import SessionInput
from vault.risk.models import RiskMarker

__all__ = ["NO_NOTE", "PROCESS_NOTE_LABEL", "ClientRecordScreen", "client_header", "note_status"]

NARROW_BELOW, SHORT_BELOW = 100, 32  # columns, lines
VIEWS = ("notes", "consent", "releases", "disclosures", "episodes")
# The keys of each view (their actions); the others are switched off while it is shown.
VIEW_ACTIONS = {
    "notes": {"new_note", "open_note", "add_addendum", "discharge", "for_supervision"},
    "consent": {"record_consent", "revoke_consent", "print_consent"},
    "releases": {
        "new_release",
        "open_release",
        "revoke_release",
        "release_event",
        "export_release",
        "print_release",
    },  # fmt: skip
    "disclosures": {"add_disclosure", "print_accounting", "full_log", "accounting_only"},
    "episodes": {
        "new_follow_up",
        "close_follow_up",
        "referral_letter",
        "referral_sent",
        "reopen_client",
        "termination_note",
    },  # fmt: skip
}
VIEW_ACTIONS["disclosures"].add("audit_log")  # issue 9: this client's audit entries (`l`)


def _binding(key: str, action: str, description: str, *, show: bool = True,
             priority: bool = False) -> Binding:  # fmt: skip
    return Binding(key, action, description, id=f"client_record.{action}", show=show,
                   priority=priority)  # fmt: skip


class ClientRecordScreen(EpisodeActions, PaperworkActions, VaultScreen):
    # At 80 columns the footer holds about 32 columns of keys besides the app's: three
    # keys of the view shown. The rest (printing, the expiry event, the views' numbers,
    # which the tab row shows) are in help, and the views' own lines name them.
    BINDINGS = [
        _binding("1", "view('notes')", "Notes", show=False),
        _binding("2", "view('consent')", "Consent", show=False),
        _binding("3", "view('releases')", "Releases", show=False),
        _binding("4", "view('disclosures')", "Disclosures", show=False),
        _binding("n", "new_note", "New note"),
        # Enter on a row is what everyone tries first; the footer's room goes to the keys
        # nobody would guess. Help still lists it.
        _binding("enter", "open_note", "Open note", show=False, priority=True),
        _binding("a", "add_addendum", "Addendum"),
        _binding("d", "discharge", "Discharge"),
        # r before c and x: the footer shows keys in the order they are first bound.
        _binding("r", "new_release", "New release"),
        _binding("c", "record_consent", "Record consent"),
        _binding("x", "revoke_consent", "Revoke"),
        _binding("p", "print_consent", "Print form", show=False),
        _binding("enter", "open_release", "Details or edit draft", show=False, priority=True),
        _binding("x", "revoke_release", "Revoke"),
        _binding("e", "export_release", "Export"),
        _binding("v", "release_event", "Expiry event happened", show=False),
        _binding("p", "print_release", "Print form", show=False),
        _binding("m", "add_disclosure", "Add disclosure"),
        _binding("f", "full_log", "Full log"),
        _binding("f", "accounting_only", "Accounting"),
        _binding("p", "print_accounting", "Print accounting", show=False),
        # Discharge works in every view; the footer shows it in the notes view only.
        _binding("d", "discharge_elsewhere", "Discharge", show=False),
        _binding("ctrl+e", "own_copy", "Client's own copy", show=False),
        # Issue 8: the risk view (records, PHQ-9/GAD-7, safety plan) and raising a flag.
        _binding("5", "risk_view", "Risk", show=False),
        _binding("ctrl+r", "raise_flag", "Risk flag", show=False),
        _binding("l", "audit_log", "Audit log", show=False),  # issue 9: this client's entries
        # Issue 9: a disguised case for supervision (the footer is full at 80 columns).
        _binding("u", "for_supervision", "For supervision", show=False),
        # Issue 9: the episodes view (its numeral after the risk view's) and ending therapy.
        _binding("6", "view('episodes')", "Episodes", show=False),
        _binding("n", "new_follow_up", "Follow-up"),
        _binding(
            "enter", "close_follow_up", "Follow-up done or cancelled", show=False, priority=True
        ),  # fmt: skip
        _binding("l", "referral_letter", "Referral letter"),
        _binding("t", "termination_note", "Termination note", show=False),
        _binding("t", "termination_note_elsewhere", "Termination note", show=False),
        _binding("s", "referral_sent", "Referral letter sent", show=False),
        _binding("o", "reopen_client", "Re-open as a new episode", show=False),
        # Issue 9: retention, legal holds and erasure requests (screens/record_retention.py).
        _binding("7", "retention_view", "Retention and holds", show=False),
    ]

    def __init__(
        self, client_id: int, *, selected: int | None = None, window_start: int = 0,
        view: str = "notes", full_log: bool = False,
    ) -> None:  # fmt: skip
        """`selected`, `window_start`, `view`, `full_log`: where the user was before a lock."""
        super().__init__()
        self.client_id = client_id
        self.client: Client | None = None
        self.view_name = view if view in VIEWS else "notes"
        self._reselect = selected
        self._window_start = window_start
        self._full_log = full_log
        self._risk: RiskMarker | None = None
        self._due_follow_ups: list[FollowUp] = []
        self._keeping: tuple[LegalHold | None, Retention | None] = (None, None)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="record-top"):
            yield Static("", id="record-header")
            yield Static("", id="record-paperwork")
        yield Static("", id="view-tabs")
        with ContentSwitcher(initial=self.view_name, id="record-views"):
            yield NotesView(self.client_id, window_start=self._window_start, id="notes")
            yield ConsentView(self.client_id, id="consent")
            yield ReleasesView(self.client_id, id="releases")
            yield DisclosuresView(self.client_id, full_log=self._full_log, id="disclosures")
            yield EpisodesView(self.client_id, id="episodes")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def timeline(self) -> PagedTable[TimelineEntry]:
        return self.query_one(NotesView).timeline

    @property
    def current_view(self) -> RecordView:
        return self.query_one(f"#{self.view_name}", RecordView)

    def view(self, name: str) -> RecordView:
        return self.query_one(f"#{name}", RecordView)

    def on_resize(self) -> None:
        # Below 100 columns or 32 lines the paperwork lines are cut short (the views have
        # the rest); below 32 lines a release's details take the place of the table.
        short = self.size.height < SHORT_BELOW
        self.set_class(short or self.size.width < NARROW_BELOW, "-narrow")
        if self.client is not None:
            self._show_tabs()
        self.set_class(short, "-short")

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", lambda _privacy: self._privacy_changed(), init=False)
        if self._load_client(audit=True):
            self._show_tabs()
            reselect, self._reselect = self._reselect, None
            self.current_view.show(reselect=reselect)

    def on_screen_resume(self) -> None:
        # Back from the editor or search: a draft may have been signed, an addendum added.
        # Not on the resume that first shows the screen: on_mount has just loaded it.
        if self.covered_since_shown():
            self.refresh_record()

    def refresh_record(self, reselect: int | None = None) -> None:
        """After a change: the header and the view shown now; the others load again when
        next shown (an export under a release adds a disclosure, the editor a note)."""
        if not self._load_client(audit=False):
            return
        for view in self.query(RecordView):
            if view is not self.current_view:
                view.loaded = False
        self.current_view.reload(reselect=reselect)

    def reopen(self) -> Callable[[], Screen[None]]:
        client_id, name = self.client_id, self.view_name
        view = self.current_view
        selected = view.selected_key
        start = self.timeline.window_start if name == "notes" else 0
        full_log = self.query_one(DisclosuresView).full_log
        return lambda: ClientRecordScreen(client_id, selected=selected, window_start=start,
                                          view=name, full_log=full_log)  # fmt: skip

    # -- the header and the tabs ----------------------------------------------------------

    def _load_client(self, *, audit: bool) -> bool:
        top = self.query_one("#record-header", Static)
        try:
            vault = self.vault
            self.client = vault.clients.get(self.client_id, audit=audit)
            today = self.qr_app.today()
            self._paperwork = (
                vault.consents.for_client(self.client_id),
                vault.consents.marker(self.client_id, today),
                vault.releases.for_client(self.client_id, as_of=today),
            )
            self._risk = vault.risk.markers([self.client_id]).get(self.client_id)
            self._due_follow_ups = [f for f in vault.ending.follow_ups.for_client(self.client_id)
                                    if f.is_due(today)]  # fmt: skip
            self._keeping = keeping_facts(vault, self.client)
        except VaultError as error:
            top.update(Text(error.message, "bold"))
            self.show_error(error)
            return False
        self._show_client()
        return True

    def _show_client(self) -> None:
        if self.client is None:
            return
        today = self.qr_app.today()
        header = client_header(self.client, today, privacy=self.privacy)
        risk = risk_header_line(self._risk, self.vault.store.clock(), privacy=self.privacy)
        if risk:  # the second line: who the client is, then what must not be missed
            lines = list(header.split("\n", allow_blank=True))
            header = Text("\n").join([lines[0], risk, *lines[1:]])
        self.query_one("#record-header", Static).update(header)
        consents, marker, releases = self._paperwork
        lines = paperwork_lines(consents, marker, releases, today, privacy=self.privacy)
        lines.append_text(follow_up_lines(self._due_follow_ups, today))
        keeping = keeping_line(*self._keeping, today, privacy=self.privacy)
        if keeping is not None:
            lines.append("\n").append_text(keeping)
        self.query_one("#record-paperwork", Static).update(lines)

    def _privacy_changed(self) -> None:
        self._show_client()
        for view in self.query(RecordView):
            view.rerender()

    def _show_tabs(self) -> None:
        # Seven names do not fit 80 columns with the wide spacing: below 100 the gaps close
        # up. 5 (risk) and 7 (retention) open screens of their own; they are named here so
        # every key of the record is in one row.
        wide = self.size.width >= NARROW_BELOW
        tabs = Text(no_wrap=True, overflow="ellipsis")
        named = [(number, name, self.view(name).title) for number, name in
                 zip((1, 2, 3, 4, 6), VIEWS, strict=True)]  # fmt: skip
        for number, name, title in sorted([*named, (5, "", "Risk"), (7, "", "Retention")]):
            pad = " " if wide else ""
            if name and name == self.view_name:
                tabs.append(f" {number} {title} ", style="bold reverse")
            else:
                tabs.append(f"{pad}{number} ", style="bold").append(f"{title}{pad}", style="dim")
            tabs.append(" ")
        tabs.rstrip()
        self.query_one("#view-tabs", Static).update(tabs)

    # -- switching views ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discharge_elsewhere":
            return self.view_name != "notes"
        if action == "termination_note_elsewhere":
            return self.view_name != "episodes"
        for name, actions in VIEW_ACTIONS.items():
            if action in actions:
                if name != self.view_name:
                    return False
                if action in ("full_log", "accounting_only"):
                    return self.query_one(DisclosuresView).full_log == (action != "full_log")
                return True
        return True

    def action_view(self, name: str) -> None:
        if name == self.view_name or name not in VIEWS:
            return
        self.view_name = name
        self.query_one(ContentSwitcher).current = name
        self._show_tabs()
        self.current_view.show()
        self.refresh_bindings()

    def action_risk_view(self) -> None:
        from screens.risk_screen import RiskViewScreen

        self.app.push_screen(RiskViewScreen(self.client_id))

    def action_audit_log(self) -> None:
        from screens.audit_view import AuditViewScreen

        self.app.push_screen(AuditViewScreen(self.client_id))

    def action_for_supervision(self) -> None:
        from screens.disguise_review import DisguiseNotesScreen

        self.app.push_screen(DisguiseNotesScreen(self.client_id))

    def action_retention_view(self) -> None:
        from screens.record_retention import RetentionScreen

        self.app.push_screen(RetentionScreen(self.client_id))

    def action_raise_flag(self) -> None:
        from screens.risk.flag_picker import raise_flag

        raise_flag(self, self.client_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A click; Enter is the screen's own binding.
        if self.view_name == "notes":
            self.action_open_note()
        elif self.view_name == "releases":
            self.action_open_release()
        elif self.view_name == "episodes":
            self.action_close_follow_up()

    # -- the Notes view -------------------------------------------------------------------

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

    def action_discharge_elsewhere(self) -> None:
        self.action_discharge()

    def action_discharge(self) -> None:
        from screens.discharge import DischargeScreen

        if self.client is None:
            return
        if self.client.status == "discharged":
            self.notify("This client is already discharged.", markup=False)
            return

        def discharged(done: bool | None) -> None:
            if done:
                self.refresh_record()
                self.notify("Client discharged. The termination note is ready to write.",
                            markup=False)  # fmt: skip
                self.action_termination_note()  # issue 9: prefilled from the discharge

        name = self.client.initials if self.privacy else self.client.display_name
        self.app.push_screen(DischargeScreen(self.client_id, name), discharged)
