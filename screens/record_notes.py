"""The Notes view of a client's record: every note, and every session without one (a
no-show or a late cancel is part of the record), newest first, paged from SQLite."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual.widgets.data_table import RowDoesNotExist

from screens.paged_table import PagedTable
from screens.record_view import RecordView
from vault.errors import VaultError
from vault.lifecycle.episodes import Episode, episode_of
from vault.records.models import ATTENDANCE_LABELS, KIND_LABELS, NoteSummary, TimelineEntry

PROCESS_NOTE_LABEL = "PRIVATE process note"
NO_NOTE = "Session, no note"


class NotesView(RecordView):
    title = "Notes"

    def __init__(self, client_id: int, *, window_start: int = 0, **kwargs: Any) -> None:
        super().__init__(client_id, **kwargs)
        self._window_start = window_start  # after unlocking: the window that was shown
        self.total = 0

    def compose(self) -> ComposeResult:
        yield PagedTable(self._render_entry, id="timeline")
        yield Static("", id="timeline-count")

    @property
    def timeline(self) -> PagedTable[TimelineEntry]:
        return self.query_one("#timeline", PagedTable)

    @property
    def selected_key(self) -> int | None:
        return self.timeline.selected_key

    def on_mount(self) -> None:
        self.timeline.add_columns("Date", "Kind", "Attendance", "Fee", "Status")

    def reload(self, *, reselect: int | None = None) -> None:
        vault, client_id = self.vault, self.client_id
        try:
            self.total = vault.notes.record_count(client_id)
            self._episodes: list[Episode] = vault.ending.episodes.history(client_id)
        except VaultError as error:
            self.record.show_error(error)
            return

        def fetch(offset: int, limit: int) -> Sequence[TimelineEntry]:
            return vault.notes.record(client_id, offset=offset, limit=limit)

        if reselect is not None:
            self._reload_at_old_row(fetch, reselect)
        else:
            self.timeline.load(self.total, fetch, keep_position=self.loaded)
        self.loaded = True
        self.show_count()

    def _reload_at_old_row(self, fetch: Callable[[int, int], Sequence[TimelineEntry]],
                           key: int) -> None:  # fmt: skip
        """After unlocking: the same window of the timeline, the same row chosen."""
        table = self.timeline
        table.window_start = self._window_start
        table.load(self.total, fetch, keep_position=True)  # keeps the window set above
        with contextlib.suppress(RowDoesNotExist):  # gone since: stay on the first row
            table.move_cursor(row=table.get_row_index(str(key)), animate=False)

    def rerender(self) -> None:
        if self.timeline.row_count:
            self.timeline.rerender()

    def show_count(self) -> None:
        line = self.timeline.position_text("entries") if self.timeline.total else (
            "No notes yet. Press n to start one."
        )  # fmt: skip
        if self.timeline.total:  # issue 9: the footer has no room left for this key
            line += " · u for supervision"
        # Issue 9: with more than one episode of care, the one the chosen entry belongs to.
        episodes, entry = getattr(self, "_episodes", []), self.timeline.selected_item
        if len(episodes) > 1 and entry is not None:
            line += f" · episode {episode_of(entry.day, episodes)} of {len(episodes)}"
        self.query_one("#timeline-count", Static).update(line)

    def on_data_table_row_highlighted(self) -> None:
        self.show_count()

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


def note_status(note: NoteSummary) -> Text:
    """'Draft', 'Signed', 'Signed · 2 addenda', 'Signed · addendum draft'."""
    status = Text("Signed") if note.is_signed else Text("Draft", style="italic")
    if note.open_addendum_id is not None:
        status.append(" · addendum draft", style="italic")
    elif note.addenda:
        status.append(f" · {note.addenda} addend{'um' if note.addenda == 1 else 'a'}")
    return status
