"""Requests to erase a client's records (GDPR Art. 17 and its kin).

The right to erasure yields to a legal duty to keep records, to health-care
processing and to legal claims (Art. 17(3)); so while the retention period runs or a
legal hold stands, a request is refused with the rule and the date it ends. Once
neither applies, the request is carried out by destroying the records. Either way the
request is recorded: its dates, outcome and answer stay after a destruction, its
words (who asked, what they asked) go with the records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vault.errors import InvalidRecord, RecordNotFound
from vault.lifecycle.destruction import WORDS_REMOVED, destroy_in, flush, refusal
from vault.lifecycle.retention import PracticeRule
from vault.records import validation as v
from vault.records.audit import append
from vault.records.settings import Settings
from vault.storage.store import Store

OUTCOMES = ("refused", "carried_out")


@dataclass(frozen=True)
class ErasureInput:
    received_on: object
    requested_by: object
    asked: object


@dataclass(frozen=True)
class ErasureRequest:
    id: int
    client_id: int
    received_on: date
    requested_by: str
    asked: str
    decided_on: date
    outcome: str  # "refused" or "carried_out"
    answer: str  # the sentence given: the legal reason, or what was destroyed


_SELECT = (
    "SELECT id, client_id, received_on, requested_by, asked, decided_on, outcome, answer"
    " FROM erasure_requests"
)


def _request(row: tuple[object, ...]) -> ErasureRequest:
    rid, client_id, received, by, asked, decided, outcome, answer = row
    return ErasureRequest(int(str(rid)), int(str(client_id)), date.fromisoformat(str(received)),
                          str(by), str(asked), date.fromisoformat(str(decided)), str(outcome),
                          str(answer))  # fmt: skip


class ErasureService:
    def __init__(self, store: Store, settings: Settings, rule: Callable[[], PracticeRule]) -> None:
        self._store = store
        self._settings = settings
        self._rule = rule

    def assess(self, client_id: int) -> str | None:
        """The legal reason a request would be refused today, or None: it can be carried out."""
        with self._store.reading() as conn:
            return refusal(conn, client_id, self._rule(), self._store.today())

    def check(self, data: ErasureInput) -> None:
        """Raise InvalidRecord naming the field if `data` cannot be recorded as typed."""
        self._validated(data)

    def _validated(self, data: ErasureInput) -> tuple[date, str, str]:
        received = v.parse_date(data.received_on, "received_on", "The date it was received")
        if received > self._store.today():
            raise InvalidRecord("The date it was received cannot be in the future.", "received_on")
        by = v.required_text(data.requested_by, "requested_by", "Who asked")
        asked = v.required_text(data.asked, "asked", "What they asked", v.MAX_FIELD)
        return received, by, asked

    def answer(self, client_id: int, data: ErasureInput) -> ErasureRequest:
        """Record the request and answer it: refused with the reason while the records must
        be kept, otherwise carried out by destroying them (ask for confirmation first)."""
        received, by, asked = self._validated(data)
        today = self._store.today()
        at = self._store.utc_iso()
        destroyed = False
        with self._store.writing("the erasure request") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            reason = refusal(conn, client_id, self._rule(), today)
            if reason is not None:
                outcome, answer = "refused", f"Refused: {reason}"
            else:
                done = destroy_in(conn, client_id, at, self._settings.signer)
                destroyed = True
                outcome = "carried_out"
                answer = (
                    f"Carried out on {today.isoformat()}: the records of client {client_id} "
                    f"were destroyed ({sum(done.counts.values())} records)."
                )
                by = asked = WORDS_REMOVED
            cur = conn.execute(
                "INSERT INTO erasure_requests (client_id, received_on, requested_by, asked,"
                " decided_on, outcome, answer, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, received.isoformat(), by, asked, today.isoformat(), outcome, answer,
                 self._store.now_iso()),
            )  # fmt: skip
            request_id = int(cur.lastrowid or 0)
            append(conn, at, "erasure_request", f"client:{client_id}",
                   f"erasure:{request_id} {outcome}")  # fmt: skip
        if destroyed:
            flush(self._store)
        return self.get(request_id)

    def get(self, request_id: int) -> ErasureRequest:
        with self._store.reading() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise RecordNotFound("That erasure request no longer exists.")
        return _request(tuple(row))

    def for_client(self, client_id: int) -> list[ErasureRequest]:
        """Newest first; a destroyed client's requests are still found by their number."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{_SELECT} WHERE client_id = ? ORDER BY id DESC", (client_id,)
            ).fetchall()
        return [_request(tuple(row)) for row in rows]
