"""Follow-up contacts after discharge: a date and a purpose ("4-week check-in"), then
done (with a short outcome) or cancelled. One is due from its date until it is closed;
the client list marks the clients with one due, the record header names it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.storage.store import Store

FOLLOW_UP_STATUSES = ("planned", "done", "cancelled")
STATUS_LABELS = {"planned": "planned", "done": "done", "cancelled": "cancelled"}
MAX_PURPOSE = 200
COLUMNS = "id, client_id, episode, due_on, purpose, status, closed_on, outcome"


@dataclass(frozen=True)
class FollowUp:
    id: int
    client_id: int
    episode: int | None
    due_on: date
    purpose: str
    status: str
    closed_on: date | None
    outcome: str | None

    def is_due(self, today: date) -> bool:
        """Planned, and its day has come (or passed without it being done)."""
        return self.status == "planned" and self.due_on <= today


def _follow_up(row: tuple[Any, ...]) -> FollowUp:
    fid, cid, episode, due, purpose, status, closed, outcome = row
    return FollowUp(fid, cid, episode, date.fromisoformat(due), purpose, status,
                    date.fromisoformat(closed) if closed else None, outcome)  # fmt: skip


class FollowUpService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def schedule(self, client_id: int, due_on: str | date, purpose: str) -> FollowUp:
        """Plan a contact on `due_on` (today or later)."""
        day = v.parse_date(due_on, "due_on", "The follow-up date")
        if day < self._store.today():
            raise InvalidRecord(
                "A follow-up is planned for today or later; for one that already happened, "
                "write a contact note.",
                "due_on",
            )
        text = v.required_text(purpose, "purpose", "The purpose", MAX_PURPOSE)
        with self._store.writing("the follow-up") as conn:
            episode = conn.execute(
                "SELECT max(number) FROM episodes WHERE client_id = ?", (client_id,)
            ).fetchone()
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            cur = conn.execute(
                "INSERT INTO follow_ups (client_id, episode, due_on, purpose, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (client_id, episode[0], day.isoformat(), text, self._store.now_iso()),
            )
            follow_up_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "schedule_follow_up", f"client:{client_id}",
                   f"follow_up:{follow_up_id}")  # fmt: skip
        return self.get(follow_up_id)

    def close(self, follow_up_id: int, status: str, outcome: str | None,
              when: str | date | None = None) -> FollowUp:  # fmt: skip
        """Mark a planned follow-up done (an outcome is required) or cancelled."""
        status = v.choice(status, ("done", "cancelled"), "status", "What happened")
        today = self._store.today()
        day = today if when is None else v.parse_date(when, "closed_on", "The date")
        if day > today:
            raise InvalidRecord("The date cannot be in the future.", "closed_on")
        text: str | None
        if status == "done":
            text = v.required_text(outcome, "outcome", "The outcome", v.MAX_FIELD)
        else:
            text = v.optional_text(outcome, "outcome", "The reason", v.MAX_FIELD)
        with self._store.writing("the follow-up") as conn:
            row = conn.execute(
                "SELECT client_id, status FROM follow_ups WHERE id = ?", (follow_up_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound("That follow-up no longer exists.")
            if row[1] != "planned":
                raise InvalidRecord(f"This follow-up is already {row[1]}.", "status")
            conn.execute(
                "UPDATE follow_ups SET status = ?, closed_on = ?, outcome = ? WHERE id = ?",
                (status, day.isoformat(), text, follow_up_id),
            )
            append(conn, self._store.utc_iso(), "close_follow_up", f"client:{row[0]}",
                   f"follow_up:{follow_up_id}:{status}")  # fmt: skip
        return self.get(follow_up_id)

    def get(self, follow_up_id: int) -> FollowUp:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {COLUMNS} FROM follow_ups WHERE id = ?", (follow_up_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound("That follow-up no longer exists.")
        return _follow_up(tuple(row))

    def for_client(self, client_id: int) -> list[FollowUp]:
        """Planned ones first (soonest first), then the closed ones, newest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM follow_ups WHERE client_id = ?"
                " ORDER BY status <> 'planned', CASE WHEN status = 'planned' THEN due_on END,"
                " due_on DESC, id DESC",
                (client_id,),
            ).fetchall()
        return [_follow_up(tuple(row)) for row in rows]

    def due(self, client_ids: Iterable[int], today: date | None = None) -> dict[int, int]:
        """How many follow-ups are due for each of `client_ids` (those with none left out)."""
        ids = list(client_ids)
        if not ids:
            return {}
        day = (today or self._store.today()).isoformat()
        marks = ", ".join("?" for _ in ids)
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT client_id, count(*) FROM follow_ups WHERE client_id IN ({marks})"
                " AND status = 'planned' AND due_on <= ? GROUP BY client_id",
                (*ids, day),
            ).fetchall()
        return {int(cid): int(count) for cid, count in rows}
