"""The Episodes view of a client's record (issue 9): each episode of care with its
dates, sessions and ending; the follow-up contacts planned after a discharge (the due
ones marked); and the referral letters written, sent or not yet.

Its keys (EpisodeActions, mixed into ClientRecordScreen): n plans a follow-up, Enter
closes the selected one (done or cancelled), l writes a referral letter, s marks one
sent (the disclosure entry), o re-opens a discharged client as a new episode, and t
starts the termination note (from every view)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from screens import safe
from screens.record_header import recipient_name
from screens.record_view import RecordView
from vault.errors import VaultError
from vault.lifecycle.episodes import Episode
from vault.lifecycle.follow_ups import FollowUp
from vault.lifecycle.referrals import ReferralLetter

if TYPE_CHECKING:
    from screens.client_record import ClientRecordScreen

DUE_STYLE = "bold black on yellow"
EMPTY = "No follow-up planned. Press n to plan one (a check-in a few weeks after the end)."
HINT = "Enter done or cancelled · s letter sent · o re-open · t termination note"
PURPOSE_WIDTH, OUTCOME_WIDTH = 34, 40


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def episode_line(episode: Episode, *, privacy: bool) -> Text:
    """'Episode 1 · 2024-05-01 – 2026-06-01 · 12 sessions, 14 notes · ended: moved away'."""
    # One line each, cut short: the current discharge is in full in the header, and the
    # follow-ups below must keep their room.
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"Episode {episode.number}", style="bold")
    if episode.is_open:
        text.append(f" · since {episode.opened_on.isoformat()} · ")
        text.append("current", style="bold")
    else:
        closed = episode.closed_on.isoformat() if episode.closed_on else ""
        text.append(f" · {episode.opened_on.isoformat()} – {closed}")
    text.append(f" · {plural(episode.sessions, 'session')}, {plural(episode.notes, 'note')}")
    if episode.missed:
        text.append(f" ({episode.missed} missed)")
    details = [
        ("came back: ", episode.opened_reason), ("ended: ", episode.discharge_reason),
        ("referred to ", episode.referral),
    ]  # fmt: skip
    for label, value in details:
        if value:
            text.append(f" · {label}", style="dim")
            text.append_text(safe.HIDDEN.copy() if privacy else safe.line(value))
    return text


def letter_line(letter: ReferralLetter, *, privacy: bool) -> Text:
    text = Text("Referral letter to ")
    text.append_text(safe.line(recipient_name(letter.recipient, privacy=privacy)))
    text.append(f" · written {letter.written_on.isoformat()} · ")
    if letter.sent_on is None:
        text.append("not sent yet", style="bold").append(" (s when it has gone)", style="dim")
    else:
        text.append(f"sent {letter.sent_on.isoformat()}, in the disclosure log")
    return text


def due_text(follow_up: FollowUp, today: date) -> Text:
    if follow_up.is_due(today):
        days = (today - follow_up.due_on).days
        late = "today" if days == 0 else f"{plural(days, 'day')} late"
        return Text(f"DUE {late}", style=DUE_STYLE)
    return Text(follow_up.status, style="dim" if follow_up.status != "planned" else "")


class EpisodesView(RecordView):
    title = "Episodes"

    DEFAULT_CSS = """
    EpisodesView {
        #episode-history, #referral-letters, #follow-up-empty {
            height: auto;
            padding: 0 2;
        }
        #episode-history {
            margin-bottom: 1;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #follow-up-table {
            height: auto;
            max-height: 1fr;
        }
    }
    """

    def __init__(self, client_id: int, **kwargs: Any) -> None:
        super().__init__(client_id, **kwargs)
        self.episodes: list[Episode] = []
        self.follow_ups: list[FollowUp] = []
        self.letters: list[ReferralLetter] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="episode-history")
        yield DataTable(cursor_type="row", id="follow-up-table")
        yield Static("", id="follow-up-empty")
        yield Static("", id="referral-letters")
        yield Static(HINT, classes="view-hint", markup=False)

    def on_mount(self) -> None:
        self.table.add_columns("Follow-up on", "Purpose", "Status", "Outcome")

    @property
    def today(self) -> date:
        return self.record.qr_app.today()

    @property
    def selected(self) -> FollowUp | None:
        key = self.selected_key
        return next((f for f in self.follow_ups if f.id == key), None)

    def fill(self) -> None:
        ending = self.vault.ending
        self.episodes = ending.episodes.history(self.client_id)
        self.follow_ups = ending.follow_ups.for_client(self.client_id)
        self.letters = ending.referrals.for_client(self.client_id)
        lines = [episode_line(e, privacy=self.privacy) for e in reversed(self.episodes)]
        history = Text("\n", no_wrap=True, overflow="ellipsis").join(lines)  # the latest first
        self.query_one("#episode-history", Static).update(history)
        table = self.table
        with self.app.batch_update():
            table.clear()
            for follow_up in self.follow_ups:
                table.add_row(*self._cells(follow_up), key=str(follow_up.id))
        empty = self.query_one("#follow-up-empty", Static)
        empty.update(Text(EMPTY, style="bold") if not self.follow_ups else "")
        empty.display = not self.follow_ups
        letters = Text("\n").join(letter_line(x, privacy=self.privacy) for x in self.letters)
        self.query_one("#referral-letters", Static).update(letters)
        self.query_one("#referral-letters").display = bool(self.letters)

    def _cells(self, follow_up: FollowUp) -> list[Text]:
        purpose = safe.line(follow_up.purpose)
        purpose.truncate(PURPOSE_WIDTH, overflow="ellipsis")
        outcome = safe.line(follow_up.outcome or "")
        if self.privacy and follow_up.outcome:
            outcome = safe.HIDDEN.copy()
        outcome.truncate(OUTCOME_WIDTH, overflow="ellipsis")
        return [Text(follow_up.due_on.isoformat()), purpose, due_text(follow_up, self.today),
                outcome]  # fmt: skip


class EpisodeActions:
    """Mixed into ClientRecordScreen: the Episodes view's keys, and t everywhere."""

    def _episodes_view(self: ClientRecordScreen) -> EpisodesView:
        return self.query_one(EpisodesView)

    def action_new_follow_up(self: ClientRecordScreen) -> None:
        from screens.follow_up_form import FollowUpForm

        def done(follow_up_id: int | None) -> None:
            if follow_up_id is not None:
                self.refresh_record(reselect=follow_up_id)
                self.notify("Follow-up planned.", markup=False)

        self.app.push_screen(FollowUpForm(self.client_id), done)

    def action_close_follow_up(self: ClientRecordScreen) -> None:
        from screens.follow_up_form import FollowUpCloseForm

        follow_up = self.query_one(EpisodesView).selected
        if follow_up is None:
            self.notify("There is no follow-up to close. Press n to plan one.", markup=False)
            return
        if follow_up.status != "planned":
            self.notify(f"This follow-up is already {follow_up.status}.", markup=False)
            return

        def done(follow_up_id: int | None) -> None:
            if follow_up_id is not None:
                self.refresh_record(reselect=follow_up_id)

        self.app.push_screen(FollowUpCloseForm(self.client_id, follow_up.id), done)

    def action_referral_letter(self: ClientRecordScreen) -> None:
        from screens.export_dialog import ExportDialog
        from screens.referral_form import ReferralForm

        def written(letter_id: int | None) -> None:
            if letter_id is None:
                return
            self.refresh_record()
            self.app.push_screen(ExportDialog("referral_letter", letter_id),
                                 lambda _written: self.refresh_record())  # fmt: skip

        self.app.push_screen(ReferralForm(self.client_id), written)

    def action_referral_sent(self: ClientRecordScreen) -> None:
        from screens.referral_form import ReferralSentForm

        letters = self.query_one(EpisodesView).letters
        if not any(letter.sent_on is None for letter in letters):
            self.notify("No referral letter is waiting to be sent. Press l to write one.",
                        markup=False)  # fmt: skip
            return

        def done(letter_id: int | None) -> None:
            if letter_id is not None:
                self.refresh_record()
                self.notify("Marked sent; the disclosure is in the log.", markup=False)

        self.app.push_screen(ReferralSentForm(self.client_id), done)

    def action_reopen_client(self: ClientRecordScreen) -> None:
        from screens.reopen_form import ReopenForm

        if self.client is None:
            return
        if self.client.status != "discharged":
            self.notify("Only a discharged client can be re-opened; this record is open.",
                        markup=False)  # fmt: skip
            return

        def done(number: int | None) -> None:
            if number is not None:
                self.refresh_record()
                self.notify(f"Episode {number} of care has begun.", markup=False)

        self.app.push_screen(ReopenForm(self.client_id), done)

    def action_termination_note(self: ClientRecordScreen) -> None:
        try:
            note_id = self.vault.ending.episodes.start_termination_note(self.client_id)
        except VaultError as error:
            self.show_error(error)
            return
        self.qr_app.open_note(note_id)

    def action_termination_note_elsewhere(self: ClientRecordScreen) -> None:
        self.action_termination_note()
