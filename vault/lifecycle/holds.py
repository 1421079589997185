"""Legal holds: while one stands (a court case, a complaint), the client's records
cannot be destroyed, whatever their retention date. Placing and lifting are audited;
a lifted hold stays on the record with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.storage.db import Connection
from vault.storage.store import Store

HOLD_KINDS = ("court_case", "complaint", "other")
HOLD_LABELS = {"court_case": "Court case", "complaint": "Complaint", "other": "Other"}


@dataclass(frozen=True)
class LegalHold:
    id: int
    client_id: int
    kind: str
    reason: str
    placed_on: date
    lifted_on: date | None
    lift_reason: str | None

    @property
    def in_force(self) -> bool:
        return self.lifted_on is None

    @property
    def sentence(self) -> str:
        """The hold as one sentence, for refusals and the record."""
        return (
            f"a legal hold ({HOLD_LABELS[self.kind].lower()}: {self.reason}) "
            f"placed on {self.placed_on.isoformat()}"
        )


_SELECT = "SELECT id, client_id, kind, reason, placed_on, lifted_on, lift_reason FROM legal_holds"


def _hold(row: tuple[object, ...]) -> LegalHold:
    hold_id, client_id, kind, reason, placed, lifted, lift_reason = row
    return LegalHold(
        int(str(hold_id)),
        int(str(client_id)),
        str(kind),
        str(reason),
        date.fromisoformat(str(placed)),
        date.fromisoformat(str(lifted)) if lifted else None,
        str(lift_reason) if lift_reason is not None else None,
    )


def hold_in_force(conn: Connection, client_id: int) -> LegalHold | None:
    row = conn.execute(
        f"{_SELECT} WHERE client_id = ? AND lifted_on IS NULL ORDER BY id DESC LIMIT 1",
        (client_id,),
    ).fetchone()
    return _hold(tuple(row)) if row else None


def holds_in_force(conn: Connection) -> dict[int, LegalHold]:
    """The newest hold in force of each held client."""
    rows = conn.execute(f"{_SELECT} WHERE lifted_on IS NULL ORDER BY id").fetchall()
    return {hold.client_id: hold for hold in map(_hold, map(tuple, rows))}


class HoldService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def _day(self, value: object, field: str, label: str) -> date:
        day = v.parse_date(value, field, label)
        if day > self._store.today():
            raise InvalidRecord(f"{label} cannot be in the future.", field)
        return day

    def place(self, client_id: int, kind: object, reason: object, placed_on: object) -> LegalHold:
        kind_text = v.choice(kind, HOLD_KINDS, "kind", "The kind of hold")
        why = v.required_text(reason, "reason", "The reason", v.MAX_FIELD)
        day = self._day(placed_on, "placed_on", "The date the hold starts")
        with self._store.writing("the legal hold") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            cur = conn.execute(
                "INSERT INTO legal_holds (client_id, kind, reason, placed_on, recorded_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (client_id, kind_text, why, day.isoformat(), self._store.now_iso()),
            )
            hold_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "place_hold", f"client:{client_id}",
                   f"hold:{hold_id}")  # fmt: skip
        return self.get(hold_id)

    def lift(self, hold_id: int, lifted_on: object, reason: object) -> LegalHold:
        why = v.required_text(reason, "lift_reason", "Why it is lifted", v.MAX_FIELD)
        day = self._day(lifted_on, "lifted_on", "The date it is lifted")
        hold = self.get(hold_id)
        if not hold.in_force:
            raise InvalidRecord(
                f"This hold was already lifted on {hold.lifted_on}; nothing was changed.",
                "lifted_on",
            )
        if day < hold.placed_on:
            raise InvalidRecord(
                f"The date it is lifted cannot be before the hold was placed "
                f"({hold.placed_on.isoformat()}).",
                "lifted_on",
            )
        with self._store.writing("the legal hold") as conn:
            conn.execute(
                "UPDATE legal_holds SET lifted_on = ?, lift_reason = ? WHERE id = ?",
                (day.isoformat(), why, hold_id),
            )
            append(conn, self._store.utc_iso(), "lift_hold", f"client:{hold.client_id}",
                   f"hold:{hold_id}")  # fmt: skip
        return self.get(hold_id)

    def get(self, hold_id: int) -> LegalHold:
        with self._store.reading() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (hold_id,)).fetchone()
        if row is None:
            raise RecordNotFound("That legal hold no longer exists.")
        return _hold(tuple(row))

    def for_client(self, client_id: int) -> list[LegalHold]:
        """Every hold, those in force first, newest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{_SELECT} WHERE client_id = ? ORDER BY lifted_on IS NOT NULL, id DESC",
                (client_id,),
            ).fetchall()
        return [_hold(tuple(row)) for row in rows]

    def in_force(self, client_id: int) -> LegalHold | None:
        with self._store.reading() as conn:
            return hold_in_force(conn, client_id)
