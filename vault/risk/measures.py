"""Instrument results per client, with their trend; a PHQ-9 whose item 9 is above
"Not at all" opens a danger-to-self risk record in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.risk.events import insert_event
from vault.risk.instruments import AnswersInvalid, score
from vault.risk.models import InstrumentResult
from vault.risk.rules import Pack
from vault.storage.store import Store

CSSRS_ITEMS = (
    ("wish_dead", "Wish to be dead"),
    ("thoughts", "Non-specific active suicidal thoughts"),
    ("method", "Thoughts with a method, without intent to act"),
    ("intent", "Intent to act, without a specific plan"),
    ("plan", "Intent with a specific plan"),
    ("behaviour", "Suicidal behaviour"),
)  # the screener's topics in our words, to record a paper result (its text is licensed)


class Measures:
    def __init__(self, store: Store, pack: Callable[[], Pack]) -> None:
        self._store = store
        self._pack = pack

    def record(self, client_id: int, instrument: str, taken_on: str | date,
               answers: list[int], note: str | None = None) -> tuple[InstrumentResult, int | None]:  # fmt: skip
        """Store a PHQ-9 or GAD-7; returns it and the id of a risk record it opened, if any."""
        day = v.parse_date(taken_on, "taken_on", "Date taken")
        if day > self._store.today():
            raise InvalidRecord("The date taken cannot be in the future.", "taken_on")
        try:
            result = score(instrument, answers)
        except AnswersInvalid as error:
            raise InvalidRecord(str(error), "answers") from None
        except KeyError:
            raise InvalidRecord(
                f'"{instrument}" is not an instrument Quietroom scores.', "instrument"
            ) from None
        opened = None
        with self._store.writing("the result") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            cur = conn.execute(
                "INSERT INTO instrument_results (client_id, instrument, taken_on, answers, total,"
                " band, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, instrument, day.isoformat(), json.dumps(list(result.answers)),
                 result.total, result.band, (note or "").strip() or None, self._store.now_iso()),
            )  # fmt: skip
            result_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "record_instrument", f"client:{client_id}",
                   f"{instrument}:{result_id}")  # fmt: skip
            if result.opens_danger_to_self:
                opened = insert_event(conn, client_id, "danger_to_self", self._pack(),
                                      self._store.now_iso(), "phq9", result_id)  # fmt: skip
                append(conn, self._store.utc_iso(), "open_risk", f"client:{client_id}",
                       f"risk:{opened}")  # fmt: skip
        return self.get(result_id), opened

    def record_cssrs_paper(self, client_id: int, taken_on: str | date, answers: dict[str, bool],
                           recency: str, note: str | None = None) -> InstrumentResult:  # fmt: skip
        """The result of a C-SSRS screener given on paper: yes/no per topic and how recent."""
        day = v.parse_date(taken_on, "taken_on", "Date taken")
        unknown = set(answers) - {key for key, _ in CSSRS_ITEMS}
        if unknown:
            raise InvalidRecord(
                f'"{sorted(unknown)[0]}" is not a C-SSRS screener topic.', "answers"
            )
        payload: dict[str, Any] = {"answers": answers, "recency": recency.strip()}
        with self._store.writing("the result") as conn:
            cur = conn.execute(
                "INSERT INTO instrument_results (client_id, instrument, taken_on, answers, note,"
                " recorded_at) VALUES (?, 'cssrs_paper', ?, ?, ?, ?)",
                (client_id, day.isoformat(), json.dumps(payload), (note or "").strip() or None,
                 self._store.now_iso()),
            )  # fmt: skip
            result_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "record_instrument", f"client:{client_id}",
                   f"cssrs_paper:{result_id}")  # fmt: skip
        return self.get(result_id)

    def get(self, result_id: int) -> InstrumentResult:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, client_id, instrument, taken_on, answers, total, band, note"
                " FROM instrument_results WHERE id = ?",
                (result_id,),
            ).fetchone()
        if row is None:
            raise RecordNotFound("That result no longer exists.")
        return _result(row)

    def trend(self, client_id: int, instrument: str) -> list[InstrumentResult]:
        """Every result of one instrument for a client, oldest first (for the chart)."""
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, client_id, instrument, taken_on, answers, total, band, note"
                " FROM instrument_results WHERE client_id = ? AND instrument = ?"
                " ORDER BY taken_on, id",
                (client_id, instrument),
            ).fetchall()
        return [_result(row) for row in rows]


def _result(row: tuple[Any, ...]) -> InstrumentResult:
    rid, cid, instrument, taken_on, answers, total, band, note = row
    parsed = json.loads(answers)
    return InstrumentResult(rid, cid, instrument, date.fromisoformat(taken_on),
                            tuple(parsed) if isinstance(parsed, list) else parsed,
                            total, band, note)  # fmt: skip
