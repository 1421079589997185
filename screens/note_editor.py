"""Writing, signing and amending one note.

A draft autosaves into the vault: `AUTOSAVE_IDLE` seconds after typing stops,
and at least every `AUTOSAVE_MAX` seconds while typing goes on, in a thread
worker so typing never waits on the database. Leaving (Escape), locking and
closing the app save synchronously. When a save fails the text stays in the
editor and the status line says why.

Leaving a draft still exactly as it started (template text, a new note's session
details) deletes it, so an accidental `n` leaves nothing in the record. Signing
refuses an empty note before asking, names a date in the future in its question,
and asks the clinician's name the first time. A lock keeps the cursor, the scroll
and any session detail the vault refused, and puts them back after unlocking.

Keys: ctrl+s save now, ctrl+g sign, ctrl+d discard the draft, a add an addendum
(signed notes), Escape save and go back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea
from textual.worker import Worker, WorkerState

from screens import safe
from screens.base import VaultScreen
from screens.confirm import ConfirmScreen
from screens.note_view import (
    READ_ONLY_HINT,
    NoteText,
    OriginalNoteContext,
    SignedNoteView,
    clock_time,
)
from screens.session_form import SessionForm
from screens.signer_form import SignerFormScreen
from vault.errors import InvalidRecord, VaultError
from vault.records.display import clean_text
from vault.records.models import KIND_LABELS, TEMPLATE_LABELS, Client, Note, Session
from vault.records.notes import NoteService, SessionInput
from vault.records.templates import template_body

Location = tuple[int, int]  # (row, column) of the text cursor; (x, y) of a scroll offset

PROCESS_NOTE_BANNER = (
    "Psychotherapy note — kept apart from the clinical record. It is never exported or "
    "released unless the client signs an authorization that names it specifically."
)
SIGN_QUESTION = "Sign this note?"
SIGN_CONSEQUENCE = "A signed note can never be edited; later changes go into a signed addendum."
SIGN_ADDENDUM_QUESTION = "Sign this addendum?"
SIGN_ADDENDUM_CONSEQUENCE = (
    "A signed addendum can never be edited; a further correction goes into another addendum."
)
UNTOUCHED_DISCARDED = "Nothing was written, so the empty draft was not kept."
SESSION_NOT_SAVED = (
    "The session details could not be saved; they are back in the note after unlocking, to fix."
)
NOTE_PLACEHOLDER = "Write the note here."
ADDENDUM_PLACEHOLDER = "Write the addendum: what is added or corrected, and why."
DISCARD_QUESTION = "Discard this draft? Its text and session details are deleted for good."


class NoteTextArea(TextArea):
    """The note body. Pasted text may carry terminal escape sequences (a client's
    email, a web page): they are made inert before they enter the document, so they
    are neither drawn to the terminal nor saved raw."""

    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own handler (Textual dispatches down the MRO).
        event.text = clean_text(event.text)


class NoteEditorScreen(VaultScreen):
    CSS_PATH = "note_editor.tcss"
    AUTO_FOCUS = None  # focus is chosen in on_mount, by the note's state

    # Class attributes so tests can shorten them.
    AUTOSAVE_IDLE = 2.0
    AUTOSAVE_MAX = 10.0

    BINDINGS = [
        Binding("escape", "leave", "Back", id="note_editor.back"),
        Binding("ctrl+s", "save_now", "Save", id="note_editor.save", priority=True),
        Binding("ctrl+g", "sign", "Sign", id="note_editor.sign", priority=True),
        # Priority: TextArea itself binds ctrl+d to "delete right" (Delete still does that).
        Binding("ctrl+d", "discard", "Discard draft", id="note_editor.discard", priority=True),
        Binding("a", "add_addendum", "Add addendum", id="note_editor.addendum"),
        # Issue 8: raise a risk flag for the note's client (the guided prompt opens on top).
        # Hidden from the footer so the editor's snapshots stay as they are; the lead may show it.
        Binding(
            "ctrl+r",
            "raise_flag",
            "Risk flag",
            id="note_editor.risk_flag",
            priority=True,
            show=False,
        ),  # fmt: skip
    ]

    def __init__(
        self, note_id: int, *, unsaved_text: str | None = None, cursor: Location | None = None,
        scroll: Location | None = None, unsaved_session: SessionInput | None = None,
    ) -> None:  # fmt: skip
        """`unsaved_text`: what could not be saved before a lock, to be saved again now.
        `cursor`, `scroll`: where the user was before the lock, to put them back there."""
        super().__init__()
        self.note_id = note_id
        self._unsaved_text = unsaved_text
        self._cursor = cursor
        self._scroll = scroll
        self._unsaved_session = unsaved_session
        self._last_error: VaultError | None = None
        self._note: Note | None = None
        self._session: Session | None = None
        self._addenda: list[Note] = []
        self._original: Note | None = None
        self._client: Client | None = None
        # Every edit bumps `_edits`; `_saved_edits` is the newest edit known to be in
        # the vault. A save carries the edit count it saw, so a slow, older save can
        # never overwrite a newer one (see `_save_body`).
        self._edits = 0
        self._saved_edits = 0
        self._save_lock = threading.Lock()
        self._idle_timer: Timer | None = None
        self._max_timer: Timer | None = None
        self._leave_anyway = False
        self._discarded = False
        self._body_had_focus = True

    # -- loading and layout ------------------------------------------------------

    @property
    def note(self) -> Note:
        assert self._note is not None, "the note is loaded in compose"
        return self._note

    @property
    def is_draft(self) -> bool:
        return self._note is not None and not self._note.is_signed

    def _load(self) -> None:
        notes = self.vault.notes
        self._note = notes.get(self.note_id)
        self._session = notes.session_for(self.note_id)
        self._addenda = [] if self._note.is_addendum else notes.addenda(self.note_id)
        original_id = self._note.amends_note_id
        self._original = notes.get(original_id) if original_id is not None else None
        # The client record under this screen has already audited the opening.
        self._client = self.vault.clients.get(self._note.client_id, audit=False)

    def compose(self) -> ComposeResult:
        try:
            self._load()
        except VaultError as error:
            self._note = None
            yield Static(error.message, id="note-missing", markup=False)
            yield Footer(compact=True, show_command_palette=False)
            return
        note = self.note
        yield Header()
        self.set_class(note.is_process_note, "-process-note")
        self.set_class(note.is_signed, "-signed")
        with Horizontal(id="note-header"):
            yield Static(self._title(), id="note-title")
            yield Static(self._initial_status(), id="note-status")
        if note.is_process_note:
            yield Static(PROCESS_NOTE_BANNER, id="process-banner", markup=False)
        if self._original is not None:
            yield Static(
                f"Addendum to note of {self._original.note_date.isoformat()}"
                " — the signed original, read-only:",
                id="addendum-label",
                markup=False,
            )
            yield OriginalNoteContext(self._original, privacy=self.privacy)
        if note.is_signed:
            yield SignedNoteView(note, self._session, self._addenda, privacy=self.privacy)
            if not note.is_addendum:
                yield Static(READ_ONLY_HINT, id="signed-hint", markup=False)
        else:
            if not note.is_addendum:
                yield SessionForm(self._session, note.note_date, typed=self._unsaved_session,
                                  id="session-form")  # fmt: skip
            text = note.body if self._unsaved_text is None else self._unsaved_text
            yield NoteTextArea(
                clean_text(text), id="note-body", soft_wrap=True, tab_behavior="focus",
                placeholder=ADDENDUM_PLACEHOLDER if note.is_addendum else NOTE_PLACEHOLDER,
            )  # fmt: skip
            yield Static(safe.HIDDEN, id="note-body-hidden")
        yield Footer(compact=True, show_command_palette=False)

    def _title(self) -> Text:
        note, client = self.note, self._client
        name = ""
        if client is not None:
            name = client.initials if self.privacy else client.display_name
        title = safe.line(name, "bold")
        kind = "Addendum" if note.is_addendum else KIND_LABELS.get(note.kind, note.kind)
        title.append(f" · {kind}")
        if not note.is_addendum:
            title.append(f" · {TEMPLATE_LABELS.get(note.template, note.template)}")
        title.append(f" · {note.note_date.isoformat()}")
        title.append(" · Signed" if note.is_signed else " · Draft", style="bold")
        return title

    def _initial_status(self) -> str:
        return "" if self.note.is_signed else self._saved_label(self.note)

    def _saved_label(self, note: Note) -> str:
        """'Saved 14:02' today; 'Saved 2025-01-13 14:02' for an older draft."""
        when = clock_time(note.updated_at)
        today = self.vault.store.today().isoformat()
        return f"Saved {when[11:] if when.startswith(today) else when}"

    def on_mount(self) -> None:
        if self._note is None:
            return
        self.watch(self.app, "privacy", self._show_privately, init=False)
        self._show_privately(self.privacy)
        self._place_cursor()
        self._focus_main()
        if self._scroll is not None:
            # Scrolled once the layout exists (the cursor move above scrolls too early).
            self.call_after_refresh(self._restore_scroll, self._scroll)
        if self.is_draft and self._unsaved_text not in (None, self.note.body):
            self._edits = self._saved_edits + 1  # what the lock could not save: try again
            self.autosave()
        self._unsaved_text = None
        if self._unsaved_session is not None:
            self._unsaved_session = None
            self._save_session_form()  # saved now, or refused again beside its field

    def _focus_main(self) -> None:
        if self.is_draft and not self.privacy:
            self.query_one("#note-body", TextArea).focus()
        elif self.query("#note-view"):
            self.query_one("#note-view").focus()

    def _place_cursor(self) -> None:
        """Where the user was before a lock; else a fresh template note starts under its
        first heading, and a draft at its end."""
        if not self.is_draft:
            return
        body = self.query_one("#note-body", TextArea)
        if self._cursor is not None:
            body.move_cursor(body.clamp_visitable(self._cursor))
            return
        untouched = self.note.body == template_body(self.note.template)
        body.move_cursor(
            (1, 0) if untouched and body.document.line_count > 1 else body.document.end
        )

    def _main_scroller(self) -> TextArea | SignedNoteView | None:
        found = self.query("#note-body, #note-view")
        return found.first() if found else None  # type: ignore[return-value]

    def _restore_scroll(self, offset: Location) -> None:
        scroller = self._main_scroller()
        if scroller is not None:
            scroller.scroll_to(*offset, animate=False, immediate=True)

    def on_screen_resume(self) -> None:
        # Back from an addendum's editor: show the addendum as it now is.
        if self.check_action("add_addendum", ()) and (
            self.vault.notes.addenda(self.note_id) != self._addenda
        ):
            self.refresh(recompose=True)
            self.call_after_refresh(self._focus_main)

    def on_screen_suspend(self) -> None:
        # Another screen on top (search, help, the record): save now, so a search
        # started this second already finds what was just typed.
        if self.has_unsaved_text:
            self.save_now()

    def _show_privately(self, privacy: bool) -> None:
        self.query_one("#note-title", Static).update(self._title())
        for text in self.query(NoteText):
            text.show_privately(privacy)
        if self.is_draft:
            # The TextArea is hidden, not emptied: its text, cursor and undo history stay.
            body = self.query_one("#note-body", TextArea)
            if privacy:
                self._body_had_focus = body.has_focus
            body.display = not privacy
            self.query_one("#note-body-hidden").display = privacy
            if not privacy and self._body_had_focus:
                body.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._note is None:
            return action == "leave"
        if action in ("save_now", "sign", "discard"):
            return self.is_draft
        if action == "add_addendum":
            return self.note.is_signed and not self.note.is_addendum
        return True

    # -- autosave ----------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edits += 1
        self._set_status("Editing…")
        # Debounce: the idle timer restarts on every keystroke; the max timer does
        # not, so a long stretch of typing is still saved every AUTOSAVE_MAX seconds.
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._idle_timer = self.set_timer(self.AUTOSAVE_IDLE, self.autosave)
        if self._max_timer is None:
            self._max_timer = self.set_timer(self.AUTOSAVE_MAX, self.autosave)

    @property
    def has_unsaved_text(self) -> bool:
        return self.is_draft and self._edits > self._saved_edits

    def autosave(self) -> None:
        """Start a background save of the current text, if it changed."""
        self._stop_timers()
        if not self.has_unsaved_text or self._discarded:
            return
        self._set_status("Saving…")
        body = self.query_one("#note-body", TextArea).text
        self._save_in_background(self.vault.notes, self._edits, body)

    def _stop_timers(self) -> None:
        for timer in (self._idle_timer, self._max_timer):
            if timer is not None:
                timer.stop()
        self._idle_timer = self._max_timer = None

    @work(thread=True, exclusive=True, group="autosave", exit_on_error=False)
    def _save_in_background(self, notes: NoteService, edits: int, body: str) -> Note | None:
        return self._save_body(notes, edits, body)

    def _save_body(self, notes: NoteService, edits: int, body: str) -> Note | None:
        """Save `body` unless a newer text is already saved. Any thread."""
        with self._save_lock:
            if edits <= self._saved_edits:
                return None
            saved = notes.save_draft(self.note_id, body)
            self._saved_edits = edits
            return saved

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "autosave":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Note):
            self._saved(event.worker.result)
        elif event.state == WorkerState.ERROR and self.has_unsaved_text:
            # (A save made since, say with ctrl+s, has already succeeded otherwise.)
            self._not_saved(event.worker.error)

    def save_now(self) -> bool:
        """Save on this thread (leaving, locking, signing). True when nothing is left unsaved."""
        self._stop_timers()
        if not self.has_unsaved_text or self._discarded:
            return True
        body = self.query_one("#note-body", TextArea).text
        try:
            saved = self._save_body(self.vault.notes, self._edits, body)
        except VaultError as error:
            self._last_error = error
            self._not_saved(error)
            return False
        if saved is not None:
            self._saved(saved)
        return True

    def _saved(self, note: Note) -> None:
        self._note = note
        if self.has_unsaved_text:
            return  # typing went on while saving; the next save reports
        self._set_status(self._saved_label(note))

    def _not_saved(self, error: BaseException | None) -> None:
        reason = (
            error.message
            if isinstance(error, VaultError)
            else "Something went wrong while saving. Your text is still here; try ctrl+s."
        )
        self._set_status(f"Not saved: {reason}", error=True)

    def _set_status(self, message: str, *, error: bool = False) -> None:
        for status in self.query("#note-status").results(Static):
            status.update(Text(message))
            status.set_class(error, "-error")

    # -- session details -----------------------------------------------------------

    def on_session_form_edited(self, event: SessionForm.Edited) -> None:
        self._save_session(event.form, event.values)

    def _save_session(self, form: SessionForm, values: SessionInput) -> bool:
        try:
            self._session = self.vault.notes.update_session(self.note_id, values)
        except InvalidRecord as error:
            form.rejected(error)
            return False
        except VaultError as error:
            self.show_error(error)
            return False
        form.accepted(values)
        self._note = self.vault.notes.get(self.note_id)
        self.query_one("#note-title", Static).update(self._title())
        return True

    def _save_session_form(self) -> bool:
        forms = self.query(SessionForm)
        if not forms or not self.is_draft:
            return True
        form = forms.first()
        return form.is_unchanged() or self._save_session(form, form.values())

    # -- actions -------------------------------------------------------------------

    def action_save_now(self) -> None:
        if self.save_now() and self._save_session_form():
            self._set_status(self._saved_label(self.note))

    def action_leave(self) -> None:
        if self._note is None or self._discarded:
            self.dismiss()
            return
        if self._leave_anyway or (self.save_now() and self._save_session_form()):
            self._discard_if_untouched()
            self.dismiss()
            return
        # Something could not be saved: say so, and let a second Escape leave anyway.
        self._leave_anyway = True
        self.notify(
            "Your latest changes are not saved (the reason is at the top right). "
            "Press Escape again to leave without them.",
            severity="warning",
            markup=False,
        )

    def _discard_if_untouched(self) -> None:
        """An accidental `n` (or `a`) leaves nothing behind: a draft still exactly as it
        started (template text, the session details a new note gets) is not kept."""
        if not self.is_draft or self._unsaved_text is not None or self.has_unsaved_text:
            return
        defaults = SessionInput(self.qr_app.today())
        with contextlib.suppress(VaultError):  # kept is the safe side of a failure
            if self.vault.notes.discard_if_untouched(self.note_id, defaults):
                self._discarded = True
                self.notify(UNTOUCHED_DISCARDED, markup=False)

    def action_sign(self) -> None:
        """Refuse an empty note before asking anything; ask the clinician's name the first
        time; name a future date in the question; then sign once confirmed."""
        if not (self.save_now() and self._save_session_form()):
            return
        try:
            future = self.vault.notes.check_signable(self.note_id)
            named = self.vault.settings.has_signer
        except VaultError as error:
            self.show_error(error)
            return
        if named:
            self._confirm_sign(future)
            return

        def after_naming(signature: str | None) -> None:
            if signature:
                self._confirm_sign(future)

        self.app.push_screen(SignerFormScreen(), after_naming)

    def _confirm_sign(self, future: str | None) -> None:
        addendum = self.note.is_addendum
        title = "Sign addendum" if addendum else "Sign note"
        question = SIGN_ADDENDUM_QUESTION if addendum else SIGN_QUESTION
        consequence = SIGN_ADDENDUM_CONSEQUENCE if addendum else SIGN_CONSEQUENCE
        if future is not None:
            question = f"{future} Sign it anyway?"
        self.app.push_screen(
            ConfirmScreen(title, f"{question} {consequence}", "Sign anyway" if future else "Sign"),
            lambda confirmed: self._sign(confirmed, allow_future=future is not None),
        )

    def _sign(self, confirmed: bool | None, *, allow_future: bool = False) -> None:
        if not confirmed or not self.save_now():
            return
        try:
            self._note = self.vault.notes.sign(self.note_id, allow_future=allow_future)
        except VaultError as error:
            self.show_error(error)
            return
        self.notify("Addendum signed." if self.note.is_addendum else "Note signed.", markup=False)
        self.refresh(recompose=True)
        self.call_after_refresh(self._focus_main)

    def action_discard(self) -> None:
        self.app.push_screen(
            ConfirmScreen("Discard draft", DISCARD_QUESTION, "Discard"), self._discard
        )

    def _discard(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        self._stop_timers()
        try:
            self.vault.notes.discard_draft(self.note_id)
        except VaultError as error:
            self.show_error(error)
            return
        self._discarded = True
        self.notify("Draft discarded.", markup=False)
        self.dismiss()

    def action_add_addendum(self) -> None:
        # An unfinished addendum is continued rather than a second one started.
        open_draft = next((a for a in self._addenda if not a.is_signed), None)
        try:
            addendum = open_draft or self.vault.notes.add_addendum(self.note_id)
        except VaultError as error:
            self.show_error(error)
            return
        self.app.push_screen(NoteEditorScreen(addendum.id))

    def action_raise_flag(self) -> None:
        from screens.risk.flag_picker import raise_flag

        raise_flag(self, self.note.client_id)

    def on_key(self, event: events.Key) -> None:
        # A signed note has no text box, so typing would silently do nothing: say why.
        signed = self._note is not None and self.note.is_signed
        if signed and event.is_printable and event.key != "a":
            self.app.bell()
            for hint in self.query("#signed-hint"):
                hint.add_class("-refused")
                self.set_timer(2.0, lambda hint=hint: hint.remove_class("-refused"))

    # -- lock and unmount ----------------------------------------------------------

    def before_lock(self) -> None:
        """Save synchronously; raise what went wrong so the app can say it."""
        if not self.is_draft:
            return
        if not self.save_now():
            # Kept for `reopen`, in memory only: the vault cannot take it right now.
            self._unsaved_text = self.query_one("#note-body", TextArea).text
            raise self._last_error or VaultError("The note could not be saved.")
        if not self._save_session_form():
            self._unsaved_session = self.query_one(SessionForm).values()
            raise InvalidRecord(SESSION_NOT_SAVED, "date")

    def has_unsaved_input(self) -> bool:
        """What quitting would lose: the text saves itself on the way out, but session
        details the vault refuses (a half-typed date) cannot be saved."""
        for form in self.query(SessionForm):
            if form.has_unsaved_input():
                try:
                    form.values().validated()
                except InvalidRecord:
                    return True
        return False

    def reopen(self) -> Callable[[], Screen[None]] | None:
        if self._discarded:
            return None
        note_id, unsaved, session = self.note_id, self._unsaved_text, self._unsaved_session
        cursor = scroll = None
        scroller = self._main_scroller()
        if isinstance(scroller, TextArea):
            cursor = scroller.cursor_location
        if scroller is not None:
            scroll = (round(scroller.scroll_x), round(scroller.scroll_y))
        return lambda: NoteEditorScreen(
            note_id, unsaved_text=unsaved, cursor=cursor, scroll=scroll, unsaved_session=session
        )

    def on_unmount(self) -> None:
        # Last chance (the app closing, the screen dropped): never lose typed text. When
        # the vault is already closed, before_lock has run and said what it could not save.
        if self.has_unsaved_text and not self._discarded:
            with contextlib.suppress(Exception):
                self.save_now()
