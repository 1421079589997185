"""Episodes of care: each stretch of therapy from its first day to its discharge.

Re-opening a discharged client starts a new episode and keeps the old one, with its
dates, discharge reason and referral. An episode is a span of dates, and a note or a
session belongs to the latest episode that had begun by its date (one written after a
discharge, before any re-opening, to the episode just ended). Notes are not stamped
with an episode id: a signed note is read-only by design, so stamping would need a
hole in that rule, and dates already say where each note falls.

The client row still holds the current episode's intake, status and discharge (the
list, the header and imports read it there); `sync_current_episode` copies it into
the latest episode whenever a client is added, edited or discharged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.records.notes import insert_note
from vault.records.templates import termination_body
from vault.storage.db import Connection
from vault.storage.store import Store

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class Episode:
    number: int
    opened_on: date
    closed_on: date | None
    opened_reason: str | None
    discharge_reason: str | None
    referral: str | None
    sessions: int = 0  # attended
    missed: int = 0  # late cancellations and no-shows
    notes: int = 0

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def _first_day(conn: Connection, client_id: int) -> str:
    """Where a client's first episode begins: the intake date, else their first session
    or note, else the day the record was made."""
    row = conn.execute(
        "SELECT intake_date, substr(created_at, 1, 10),"
        " (SELECT min(date) FROM sessions WHERE client_id = c.id),"
        " (SELECT min(note_date) FROM notes WHERE client_id = c.id)"
        " FROM clients c WHERE id = ?",
        (client_id,),
    ).fetchone()
    intake, created, first_session, first_note = row
    if intake:
        return str(intake)
    found = [day for day in (first_session, first_note) if day]
    return str(min(found)) if found else str(created)


def sync_current_episode(conn: Connection, client_id: int) -> None:
    """Copy the client's discharge (or its absence) into their latest episode, making
    the first one if they have none. Inside the caller's transaction."""
    client = conn.execute(
        "SELECT status, discharge_date, discharge_reason, referral FROM clients WHERE id = ?",
        (client_id,),
    ).fetchone()
    if client is None:
        return
    status, discharged_on, reason, referral = client
    closed = (discharged_on, reason, referral) if status == "discharged" else (None, None, None)
    latest = conn.execute(
        "SELECT id, number, opened_on FROM episodes WHERE client_id = ?"
        " ORDER BY number DESC LIMIT 1",
        (client_id,),
    ).fetchone()
    if latest is None:
        conn.execute(
            "INSERT INTO episodes (client_id, number, opened_on, closed_on, discharge_reason,"
            " referral) VALUES (?, 1, ?, ?, ?, ?)",
            (client_id, _first_day(conn, client_id), *closed),
        )
        return
    episode_id, number, opened_on = latest
    if number == 1:  # the first episode follows the intake date as it is edited
        opened_on = _first_day(conn, client_id)
    if closed[0] is not None and closed[0] < opened_on and number > 1:
        raise InvalidRecord(
            f"Discharge date cannot be before this episode of care began ({opened_on}).",
            "discharge_date",
        )
    conn.execute(
        "UPDATE episodes SET opened_on = ?, closed_on = ?, discharge_reason = ?, referral = ?"
        " WHERE id = ?",
        (opened_on, *closed, episode_id),
    )


def backfill_episodes(conn: Connection) -> None:
    """Migration 007: one episode for every client, from their intake and discharge."""
    for (client_id,) in conn.execute("SELECT id FROM clients ORDER BY id").fetchall():
        sync_current_episode(conn, client_id)


def episode_of(day: date, episodes: Sequence[Episode]) -> int:
    """The number of the episode a note or session dated `day` belongs to: the latest one
    begun by then, or the first one for anything dated before it."""
    number = 1
    for episode in sorted(episodes, key=lambda e: e.number):
        if episode.opened_on <= day:
            number = episode.number
    return number


def _count(episodes: list[Episode], rows: Sequence[tuple[str, str]]) -> list[Episode]:
    sessions: dict[int, list[int]] = {e.number: [0, 0, 0] for e in episodes}
    for kind, day in rows:
        counts = sessions[episode_of(date.fromisoformat(day), episodes)]
        counts[{"attended": 0, "note": 2}.get(kind, 1)] += 1
    return [
        Episode(e.number, e.opened_on, e.closed_on, e.opened_reason, e.discharge_reason,
                e.referral, *sessions[e.number])
        for e in episodes
    ]  # fmt: skip


class EpisodeService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def history(self, client_id: int) -> list[Episode]:
        """Every episode of care, oldest first, with what happened in each."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT number, opened_on, closed_on, opened_reason, discharge_reason, referral"
                " FROM episodes WHERE client_id = ? ORDER BY number",
                (client_id,),
            ).fetchall()
            activity = conn.execute(
                "SELECT attendance, date FROM sessions WHERE client_id = ?"
                " UNION ALL SELECT 'note', note_date FROM notes"
                " WHERE client_id = ? AND amends_note_id IS NULL",
                (client_id, client_id),
            ).fetchall()
            intake = conn.execute(
                "SELECT intake_date FROM clients WHERE id = ?", (client_id,)
            ).fetchone()
        episodes = [
            Episode(number, date.fromisoformat(opened),
                    date.fromisoformat(closed) if closed else None, why, reason, referral)
            for number, opened, closed, why, reason, referral in rows
        ]  # fmt: skip
        if episodes and activity:
            # A client imported without an intake date got their first episode on the day
            # of the import, before their sessions were added: it began with the first one.
            first_day = date.fromisoformat(min(day for _kind, day in activity))
            if first_day < episodes[0].opened_on and intake is not None and not intake[0]:
                episodes[0] = replace(episodes[0], opened_on=first_day)
        return _count(episodes, activity) if episodes else []

    def reopen(self, client_id: int, when: str | date | None = None,
               reason: str | None = None) -> Episode:  # fmt: skip
        """Start a new episode for a discharged client: active again from `when` (today if
        None), the old episode kept as it was."""
        today = self._store.today()
        day = today if when is None else v.parse_date(when, "opened_on", "Re-opened on")
        if day > today:
            raise InvalidRecord("The new episode cannot start in the future.", "opened_on")
        why = v.optional_text(reason, "opened_reason", "Why they are coming back")
        with self._store.writing("the new episode of care") as conn:
            row = conn.execute(
                "SELECT status, discharge_date FROM clients WHERE id = ?", (client_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound("That client no longer exists.")
            status, discharged_on = row
            if status != "discharged":
                raise InvalidRecord(
                    "Only a discharged client can be re-opened; this client's record is open.",
                    "opened_on",
                )
            if discharged_on and day.isoformat() < discharged_on:
                raise InvalidRecord(
                    f"The new episode cannot start before the last discharge ({discharged_on}).",
                    "opened_on",
                )
            sync_current_episode(conn, client_id)  # the ending episode, as discharged
            number = conn.execute(
                "SELECT max(number) FROM episodes WHERE client_id = ?", (client_id,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO episodes (client_id, number, opened_on, opened_reason)"
                " VALUES (?, ?, ?, ?)",
                (client_id, number + 1, day.isoformat(), why),
            )
            conn.execute(
                "UPDATE clients SET status = 'active', discharge_date = NULL,"
                " discharge_reason = NULL, referral = NULL WHERE id = ?",
                (client_id,),
            )
            append(conn, self._store.utc_iso(), "reopen_client", f"client:{client_id}",
                   f"episode:{number + 1}")  # fmt: skip
        return self.history(client_id)[-1]

    def termination_facts(self, client_id: int) -> tuple[str, dict[str, str]]:
        """The note date and the facts a termination note starts with, for the latest
        episode: its reason, dates, sessions, referral and planned follow-ups."""
        episodes = self.history(client_id)
        if not episodes:
            raise RecordNotFound("That client no longer exists.")
        episode = episodes[-1]
        with self._store.reading() as conn:
            planned = conn.execute(
                "SELECT due_on, purpose FROM follow_ups WHERE client_id = ? AND status = 'planned'"
                " ORDER BY due_on, id",
                (client_id,),
            ).fetchall()
        ended = episode.closed_on
        span = f"{episode.opened_on.isoformat()} to {ended.isoformat() if ended else 'today'}"
        sessions = f"{episode.sessions} session{'' if episode.sessions == 1 else 's'} attended"
        if episode.missed:
            sessions += f", {episode.missed} missed or cancelled late"
        facts = {
            "Why therapy is ending": episode.discharge_reason or "",
            "This episode of care": f"Episode {episode.number}, {span}; {sessions}.",
            "Referral made": episode.referral or ("None." if ended else ""),
            "Follow-up arranged": "\n".join(f"{day}: {purpose}" for day, purpose in planned),
        }
        note_day = ended or self._store.today()
        return note_day.isoformat(), facts

    def start_termination_note(self, client_id: int) -> int:
        """A draft termination note, prefilled; its id for the editor. An unsigned one
        already begun in this episode is returned instead of starting a second."""
        note_day, facts = self.termination_facts(client_id)
        opened_on = self.history(client_id)[-1].opened_on.isoformat()
        with self._store.writing("the termination note") as conn:
            begun = conn.execute(
                "SELECT id FROM notes WHERE client_id = ? AND kind = 'termination'"
                " AND signed_at IS NULL AND amends_note_id IS NULL AND note_date >= ?"
                " ORDER BY id DESC LIMIT 1",
                (client_id, opened_on),
            ).fetchone()
            if begun is not None:
                return int(begun[0])
            note_id = insert_note(
                conn, client_id=client_id, session_id=None, kind="termination", template="free",
                note_date=note_day, body=termination_body(facts), now=self._store.now_iso(),
            )  # fmt: skip
            append(conn, self._store.utc_iso(), "create_note", f"note:{note_id}",
                   f"client:{client_id}")  # fmt: skip
        return note_id

    def note_episodes(self, client_id: int) -> dict[int, int]:
        """Each of the client's notes (by id) and the episode it belongs to."""
        episodes = self.history(client_id)
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, note_date FROM notes WHERE client_id = ?", (client_id,)
            ).fetchall()
        return {nid: episode_of(date.fromisoformat(day), episodes) for nid, day in rows}
