"""Full-text search over every note, as you type.

A keystroke starts a search at once when none is running; while one runs,
keystrokes only note that the box changed, and when it ends one search runs for
whatever the box holds then (typing on during a slow search queues one search,
not one per key). The search runs in a thread worker, and an answer is shown only
if its query is still the one in the box, so a stale answer never overwrites a
newer one.

A query still being typed (an open quote or bracket, a trailing AND / OR / NOT /
NEAR, `-` or `*`) is not searched: the last results stay, and the search runs, with
its error if it has one, once typing pauses for `INCOMPLETE_PAUSE` or on Enter.

After a lock the screen is rebuilt with its query (`reopen`): kept in memory only,
like every other screen's state.

Keys: type to search; Down, Tab or Enter to go to the results; Enter on a
result opens the note; ctrl+t switches best-match / newest-first; Escape goes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from screens import safe
from screens.base import VaultScreen
from screens.risk.marker import risk_cell
from vault.errors import VaultError
from vault.records.display import clean_text
from vault.records.models import KIND_LABELS, SearchHit
from vault.records.search import MAX_QUERY_CHARS, SearchService
from vault.risk.models import RiskMarker

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
HELP_LINE = 'Type to search every note. Plain words; "an exact phrase"; worry OR sleep; NOT.'


# `word*` is a finished prefix search; a `*` on its own is not.
_TRAILING_OPERATOR = re.compile(r"(\b(AND|OR|NOT|NEAR)|[-+^(]|(?<!\w)\*)\s*$")


def looks_unfinished(query: str) -> bool:
    """True for a query still being typed that would only give a syntax error now: an
    open quote or bracket, or one ending in an operator (AND, OR, NOT, NEAR, -, a lone *)."""
    text = query.rstrip()
    if not text:
        return False
    if text.count('"') % 2 or text.count("(") > text.count(")"):
        return True
    return bool(_TRAILING_OPERATOR.search(text))


@dataclass(frozen=True)
class SearchRun:
    """One search's answer, with the question it answers so stale ones can be dropped."""

    query: str
    newest_first: bool
    hits: list[SearchHit] = field(default_factory=list)
    error: VaultError | None = None


def count_line(count: int, newest_first: bool, limit: int) -> str:
    if count == 0:
        return "No notes match."
    noun = "match" if count == 1 else "matches"
    if count >= limit:
        return f"{count} {'newest' if newest_first else 'best'} {noun}."
    return f"{count} {noun}, {'newest' if newest_first else 'best'} first."


def result_prompt(hit: SearchHit, *, privacy: bool, risk: Text | None = None) -> Text:
    """Two lines: date, client (and an open risk flag), kind, status; then the snippet
    with the matches marked."""
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(hit.note_date.isoformat(), "bold")
    prompt.append("  ")
    prompt.append_text(safe.line(hit.client_initials if privacy else hit.client_name, "bold"))
    prompt.append("  ")
    if risk:
        prompt.append_text(risk).append("  ")
    # Process notes are marked: they are kept apart from the record.
    kind_style = "bold yellow" if hit.kind == "psychotherapy" else ""
    prompt.append(KIND_LABELS.get(hit.kind, hit.kind), kind_style)
    prompt.append("  ")
    prompt.append("Signed" if hit.is_signed else "Draft", "green" if hit.is_signed else "italic")
    prompt.append("\n  ")
    prompt.append_text(safe.HIDDEN if privacy else safe.snippet(hit.snippet))
    return prompt


class SearchInput(Input):
    """Pasted text may carry terminal escape sequences: make them inert first."""

    async def _on_paste(self, event: events.Paste) -> None:  # type: ignore[override]
        # Runs before Input's own handler (Textual dispatches down the MRO).
        event.text = clean_text(event.text)


class ResultList(OptionList):
    """The hits. Up from the first one goes back to the search box."""

    def action_cursor_up(self) -> None:
        if not self.highlighted:
            self.screen.query_one("#search-query").focus()
            return
        super().action_cursor_up()


class SearchScreen(VaultScreen):
    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-query"
    LIMIT = 50
    INCOMPLETE_PAUSE = 1.5  # seconds; a class attribute so tests can shorten it

    BINDINGS = [
        Binding("escape", "leave", "Back", id="search.back"),
        Binding("ctrl+t", "order(True)", "Newest first", id="search.newest_first", priority=True),
        Binding("ctrl+t", "order(False)", "Best first", id="search.best_first", priority=True),
        Binding("down", "to_results", "Go to results", id="search.to_results", show=False),
    ]

    def __init__(self, query: str = "", newest_first: bool = False) -> None:
        super().__init__()
        self._initial_query = query
        self.newest_first = newest_first
        self._hits: list[SearchHit] = []
        self._in_flight: Worker[SearchRun] | None = None
        self._queued = False  # the box or the order changed while a search was running
        self._unfinished_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchInput(
            self._initial_query, id="search-query", max_length=MAX_QUERY_CHARS,
            placeholder="Search notes…  (words, \"a phrase\", worry OR sleep)",
        )  # fmt: skip
        yield Static(HELP_LINE, id="search-count", markup=False)
        yield ResultList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "privacy", self._privacy_changed)
        if self._initial_query:
            self._request_search()

    def _privacy_changed(self, privacy: bool) -> None:
        # The query is often a name: masked like a passphrase while privacy is on.
        self.query_one("#search-query", Input).password = privacy
        self._show_hits()

    @property
    def query_text(self) -> str:
        return self.query_one("#search-query", Input).value

    # -- searching -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._stop_unfinished_timer()
        if looks_unfinished(self.query_text):
            # Keep the last results; search (and show any error) once typing pauses.
            self._unfinished_timer = self.set_timer(self.INCOMPLETE_PAUSE, self._request_search)
            return
        self._request_search()

    def _stop_unfinished_timer(self) -> bool:
        """Stop the wait for a pause; True if one was running."""
        timer, self._unfinished_timer = self._unfinished_timer, None
        if timer is not None:
            timer.stop()
        return timer is not None

    def _request_search(self) -> None:
        """Search now, or as soon as the running search ends (there is one at a time)."""
        self._unfinished_timer = None
        if self._in_flight is not None and self.query_text.strip():
            self._queued = True
        else:
            self._search_now()

    def _search_now(self) -> None:
        self._queued = False
        query = self.query_text
        if not query.strip():  # at once, even while a search runs: its answer will be stale
            self._hits = []
            self._show_hits()
            self._set_count(HELP_LINE)
            return
        if self.qr_app.vault is not None:  # a search that ends after a lock starts nothing
            self._in_flight = self._run_search(self.vault.search, query, self.newest_first)

    @work(thread=True, group="search", exit_on_error=False)
    def _run_search(self, search: SearchService, query: str, newest_first: bool) -> SearchRun:
        try:
            hits = search.search(query, newest_first=newest_first, limit=self.LIMIT)
        except VaultError as error:  # a malformed query is an answer too, for that query
            return SearchRun(query, newest_first, error=error)
        return SearchRun(query, newest_first, hits)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search" or event.state not in FINISHED:
            return
        if event.worker is self._in_flight:
            self._in_flight = None
            if self._queued:  # typed on meanwhile: search for what the box holds now
                self._search_now()
        run = event.worker.result if event.state == WorkerState.SUCCESS else None
        if not isinstance(run, SearchRun):
            return
        if (run.query, run.newest_first) != (self.query_text, self.newest_first):
            return  # the user has typed on since; a newer search is coming
        self._hits = run.hits
        self._show_hits()
        if run.error is not None:
            self._set_count(run.error.message, error=True)
        else:
            self._set_count(count_line(len(run.hits), run.newest_first, self.LIMIT))

    def _set_count(self, message: str, *, error: bool = False) -> None:
        count = self.query_one("#search-count", Static)
        count.update(Text(message))
        count.set_class(error, "-error")

    def _show_hits(self, _privacy: bool | None = None) -> None:
        results = self.query_one(ResultList)
        highlighted = results.highlighted
        results.clear_options()
        options: list[Option | None] = []
        hits = self._hits[: self.LIMIT]
        risks, now = self._risks_of(hits)
        for hit in hits:
            if options:
                options.append(None)  # a rule between results: two-line rows read better apart
            risk = risk_cell(risks.get(hit.client_id), now)
            prompt = result_prompt(hit, privacy=self.privacy, risk=risk)
            options.append(Option(prompt, id=str(hit.note_id)))
        results.add_options(options)
        if self._hits and results.has_focus:
            results.highlighted = min(highlighted or 0, len(self._hits) - 1)

    def _risks_of(self, hits: Sequence[SearchHit]) -> tuple[dict[int, RiskMarker], datetime]:
        """Open flags of the clients in the results: one query for all of them."""
        vault = self.qr_app.vault
        if vault is None or not hits:
            return {}, datetime.now().astimezone()
        try:
            return vault.risk.markers({hit.client_id for hit in hits}), vault.store.clock()
        except VaultError:  # the results still help without the flags
            return {}, vault.store.clock()

    # -- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "order":
            return parameters[0] != self.newest_first
        if action == "to_results":
            return self.query_one("#search-query").has_focus
        return True

    def action_order(self, newest_first: bool) -> None:
        self.newest_first = newest_first
        self.refresh_bindings()
        self._request_search()

    def action_to_results(self) -> None:
        results = self.query_one(ResultList)
        if results.option_count:
            results.focus()
            results.highlighted = results.highlighted or 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._stop_unfinished_timer():  # Enter on an unfinished query: search it now
            self._request_search()
            return
        self.action_to_results()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.qr_app.open_note(int(event.option.id))

    def action_leave(self) -> None:
        self.dismiss()

    def reopen(self) -> Callable[[], Screen[None]] | None:
        # The query stays in memory only, as every screen's state does; the results are
        # searched again after unlocking, so none are kept while locked.
        query, newest_first = self.query_text, self.newest_first
        return lambda: SearchScreen(query, newest_first)
