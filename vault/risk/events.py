"""The risk record behind the guided prompt: opened when a flag is raised, saved a
step at a time (so it can be left and resumed), signed as one risk-assessment note.

A record keeps a snapshot of the pack's rule it was opened under, so what the
clinician relied on stays with the record after the pack is edited or updated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from vault.consent.consents import ConsentService
from vault.consent.disclosures import DisclosureLog, append_disclosure
from vault.consent.models import DisclosureInput
from vault.errors import InvalidRecord, RecordNotFound
from vault.records.audit import append
from vault.records.notes import insert_note, seal
from vault.records.settings import Settings
from vault.risk import deadlines
from vault.risk.models import Answers, RiskDeadline, RiskEvent, RiskMarker
from vault.risk.record_text import consent_lines, render
from vault.risk.rules import FLAG_LABELS, FLAGS, OPTION_LABELS, Pack
from vault.risk.steps import STEP_COUNT, STEPS, step_fields
from vault.storage.db import Connection
from vault.storage.store import Store

EVENT_COLUMNS = (
    "id, client_id, flag, opened_at, opened_by, instrument_id, pack_id, pack_version,"
    " pack_sha256, rule, step, answers, updated_at, note_id, resolved_at, resolution"
)
MAX_ANSWER = 20_000


def rule_snapshot(pack: Pack, flag: str) -> dict[str, Any]:
    rule = pack.flags[flag]
    cited = {s.key: s.cite for s in pack.sources if s.key in rule.sources}
    return {
        "pack": {"id": pack.id, "place": pack.place, "version": pack.version,
                 "reviewed_on": pack.reviewed_on.isoformat(), "sha256": pack.sha256},
        "rule": asdict(rule),
        "sources": cited,
        "emergency_number": pack.emergency_number,
        "crisis_lines": [list(line) for line in pack.crisis_lines],
        # A guardian's request is judged by these: the note keeps the ones it relied on.
        "minors": {"age_of_majority": pack.age_of_majority,
                   "own_consent_age": pack.own_consent_age,
                   "parental_access": pack.parental_access},
    }  # fmt: skip


def _event(row: tuple[Any, ...]) -> RiskEvent:
    values = list(row)
    values[9] = json.loads(values[9])
    values[11] = json.loads(values[11])
    return RiskEvent(*values)


def insert_event(conn: Connection, client_id: int, flag: str, pack: Pack, now: str,
                 opened_by: str = "clinician", instrument_id: int | None = None) -> int:  # fmt: skip
    """Open a record inside the caller's transaction (a PHQ-9 opens one with its result)."""
    if flag not in FLAGS:
        raise InvalidRecord(f'"{flag}" is not a risk flag.', "flag")
    cur = conn.execute(
        "INSERT INTO risk_events (client_id, flag, opened_at, opened_by, instrument_id, pack_id,"
        " pack_version, pack_sha256, rule, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (client_id, flag, now, opened_by, instrument_id, pack.id, pack.version, pack.sha256,
         json.dumps(rule_snapshot(pack, flag), ensure_ascii=False), now),
    )  # fmt: skip
    event_id = int(cur.lastrowid or 0)
    return event_id


class RiskService:
    def __init__(self, store: Store, settings: Settings, consents: ConsentService,
                 disclosures: DisclosureLog) -> None:  # fmt: skip
        self._store = store
        self._settings = settings
        self._consents = consents
        self._disclosures = disclosures

    # -- opening and saving ---------------------------------------------------------

    def open(self, client_id: int, flag: str, pack: Pack) -> RiskEvent:
        with self._store.writing("the risk record") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            event_id = insert_event(conn, client_id, flag, pack, self._store.now_iso())
            append(conn, self._store.utc_iso(), "open_risk", f"client:{client_id}",
                   f"risk:{event_id}")  # fmt: skip
        return self.get(event_id)

    def save_step(self, event_id: int, step: int, values: dict[str, Any],
                  *, go_to: int | None = None) -> RiskEvent:  # fmt: skip
        """Autosave one step's answers; `go_to` moves the record to another step."""
        if not 1 <= step <= STEP_COUNT:
            raise InvalidRecord(f"There is no step {step}.", "step")
        for key, value in values.items():
            if isinstance(value, str) and len(value) > MAX_ANSWER:
                raise InvalidRecord(f"An answer can hold at most {MAX_ANSWER:,} characters.", key)
        with self._store.writing("the risk record") as conn:
            event = self._unsigned(conn, event_id)
            answers = dict(event.answers)
            answers[STEPS[step - 1].key] = {**answers.get(STEPS[step - 1].key, {}), **values}
            conn.execute(
                "UPDATE risk_events SET answers = ?, step = ?, updated_at = ? WHERE id = ?",
                (json.dumps(answers, ensure_ascii=False), go_to or event.step,
                 self._store.now_iso(), event_id),
            )  # fmt: skip
        return self.get(event_id)

    def record_disclosure(self, event_id: int, data: DisclosureInput) -> int:
        """A disclosure made while acting on the flag: written to the disclosure log at once."""
        with self._store.writing("the disclosure") as conn:
            event = self._unsigned(conn, event_id)
            data.client_id = event.client_id
            data.source = "risk"
            disclosure_id = append_disclosure(
                conn, data, self._store.now_iso(), self._settings.signer
            )
            acting = dict(event.answers.get("acting", {}))
            acting["disclosures"] = [*acting.get("disclosures", []), disclosure_id]
            answers = {**event.answers, "acting": acting}
            conn.execute(
                "UPDATE risk_events SET answers = ?, updated_at = ? WHERE id = ?",
                (json.dumps(answers, ensure_ascii=False), self._store.now_iso(), event_id),
            )
        return disclosure_id

    # -- deadlines ------------------------------------------------------------------

    def start_deadline(self, event_id: int, what: str, *, hours: int | None = None,
                       working_days: int | None = None, start: datetime | None = None,
                       ) -> RiskDeadline:  # fmt: skip
        if not what.strip():
            raise InvalidRecord("Say what is due (for example, the written report).", "what")
        began = start or self._store.clock()
        if hours:
            due = deadlines.due_after_hours(began, hours)
        elif working_days:
            due = deadlines.due_after_working_days(began, working_days)
        else:
            raise InvalidRecord("A deadline needs a number of hours or working days.", "hours")
        with self._store.writing("the deadline") as conn:
            event = self.get(event_id)
            cur = conn.execute(
                "INSERT INTO risk_deadlines (event_id, client_id, what, started_at, due_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (event_id, event.client_id, what.strip(), _utc(began), _utc(due)),
            )
            deadline_id = int(cur.lastrowid or 0)
        return self.deadline(deadline_id)

    def complete_deadline(self, deadline_id: int, note: str = "") -> RiskDeadline:
        with self._store.writing("the deadline") as conn:
            cur = conn.execute(
                "UPDATE risk_deadlines SET done_at = ?, done_note = ? WHERE id = ? AND done_at IS NULL",
                (self._store.now_iso(), note.strip() or None, deadline_id),
            )
            if cur.rowcount == 0:
                raise RecordNotFound("That deadline does not exist or is already done.")
        return self.deadline(deadline_id)

    def deadline(self, deadline_id: int) -> RiskDeadline:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, event_id, client_id, what, started_at, due_at, done_at, done_note"
                " FROM risk_deadlines WHERE id = ?",
                (deadline_id,),
            ).fetchone()
        if row is None:
            raise RecordNotFound("That deadline no longer exists.")
        return _deadline(row)

    def open_deadlines(self, client_id: int | None = None) -> list[RiskDeadline]:
        """Deadlines not yet done, soonest first (for the app's header and the list)."""
        where, params = ("AND client_id = ?", (client_id,)) if client_id else ("", ())
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, event_id, client_id, what, started_at, due_at, done_at, done_note"
                f" FROM risk_deadlines WHERE done_at IS NULL {where} ORDER BY due_at",
                params,
            ).fetchall()
        return [_deadline(row) for row in rows]

    # -- reading ----------------------------------------------------------------------

    def get(self, event_id: int) -> RiskEvent:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {EVENT_COLUMNS} FROM risk_events WHERE id = ?", (event_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound("That risk record no longer exists.")
        return _event(row)

    def for_client(self, client_id: int) -> list[RiskEvent]:
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {EVENT_COLUMNS} FROM risk_events WHERE client_id = ? ORDER BY id DESC",
                (client_id,),
            ).fetchall()
        return [_event(row) for row in rows]

    def markers(self, client_ids: Iterable[int]) -> dict[int, RiskMarker]:
        """Open flags and the soonest deadline for a page of clients, in two queries."""
        ids = list(client_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._store.reading() as conn:
            flags = conn.execute(
                f"SELECT client_id, flag FROM risk_events WHERE resolved_at IS NULL"
                f" AND client_id IN ({marks}) ORDER BY id",
                ids,
            ).fetchall()
            due = conn.execute(
                "SELECT id, event_id, client_id, what, started_at, min(due_at), done_at, done_note"
                f" FROM risk_deadlines WHERE done_at IS NULL AND client_id IN ({marks})"
                " GROUP BY client_id",
                ids,
            ).fetchall()
        by_client: dict[int, list[str]] = {}
        for client_id, flag in flags:
            by_client.setdefault(client_id, []).append(flag)
        soonest = {row[2]: _deadline(row) for row in due}
        return {
            cid: RiskMarker(cid, tuple(dict.fromkeys(by_client.get(cid, ()))), soonest.get(cid))
            for cid in set(by_client) | set(soonest)
        }

    # -- signing and resolving ----------------------------------------------------------

    def missing(self, event: RiskEvent) -> list[str]:
        """What must still be answered before the record can be signed, one sentence each."""
        gaps = []
        danger_now = event.answers.get("danger", {}).get("danger_now") == "yes"
        for step in STEPS:
            answers = event.answers.get(step.key, {})
            for item in step_fields(step, event.flag):
                if item.required and not str(answers.get(item.key, "")).strip():
                    gaps.append(f"Step {step.number} ({step.title}): {item.label}.")
        if danger_now and not event.answers.get("danger", {}).get("call_time"):
            gaps.append("Step 1 (Immediate danger): the time of the call.")
        rule = event.rule["rule"]
        options = event.answers.get("options", {})
        for option in rule["offered"]:
            answer = options.get(option, {})
            if not answer.get("chosen"):
                gaps.append(f"Step 6 (Options): chosen or not, “{OPTION_LABELS[option]}”.")
            elif (
                answer.get("chosen") == "no"
                and option in rule["required"]
                and not str(answer.get("reason", "")).strip()
            ):
                gaps.append(
                    f"Step 6 (Options): why the required “{OPTION_LABELS[option]}” was not taken."
                )
        return gaps

    def told(self, client_id: int) -> list[str]:
        """Step 2: the current consents on file and the limits each named."""
        return consent_lines(self._consents.for_client(client_id))

    def preview(self, event_id: int) -> str:
        """The note the record will be signed as (step 12 shows it)."""
        event = self.get(event_id)
        ids = set(event.answers.get("acting", {}).get("disclosures", []))
        made = [d for d in self._disclosures.for_client(event.client_id) if d.id in ids]
        started = [d for d in self.deadlines_of(event_id)]
        return render(event, self.told(event.client_id), made[::-1], started)

    def deadlines_of(self, event_id: int) -> list[RiskDeadline]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, event_id, client_id, what, started_at, due_at, done_at, done_note"
                " FROM risk_deadlines WHERE event_id = ? ORDER BY due_at",
                (event_id,),
            ).fetchall()
        return [_deadline(row) for row in rows]

    def sign(self, event_id: int) -> RiskEvent:
        """Sign the record as one risk-assessment note: the preview, sealed like any note."""
        signer = self._settings.signer
        body = self.preview(event_id)
        with self._store.writing("the signature") as conn:
            event = self._unsigned(conn, event_id)
            gaps = self.missing(event)
            if gaps:
                raise InvalidRecord(
                    f"{len(gaps)} answer(s) are still needed before signing, starting with: {gaps[0]}",
                    "step",
                )
            now = self._store.now_iso()
            note_id = insert_note(conn, client_id=event.client_id, session_id=None, kind="risk",
                                  template="free", note_date=self._store.today().isoformat(),
                                  body=body, now=now)  # fmt: skip
            seal(conn, note_id, now, signer, today=self._store.today())
            conn.execute("UPDATE risk_events SET note_id = ?, step = ? WHERE id = ?",
                         (note_id, STEP_COUNT, event_id))  # fmt: skip
            append(conn, self._store.utc_iso(), "sign_note", f"note:{note_id}", f"risk:{event_id}")
        return self.get(event_id)

    def resolve(self, event_id: int, resolution: str) -> RiskEvent:
        if not resolution.strip():
            raise InvalidRecord("Say briefly how the concern was resolved.", "resolution")
        with self._store.writing("the risk record") as conn:
            cur = conn.execute(
                "UPDATE risk_events SET resolved_at = ?, resolution = ?"
                " WHERE id = ? AND resolved_at IS NULL AND note_id IS NOT NULL",
                (self._store.now_iso(), resolution.strip(), event_id),
            )
            if cur.rowcount == 0:
                raise InvalidRecord(
                    "Sign the risk record before marking the flag resolved.", "resolution"
                )
            append(conn, self._store.utc_iso(), "resolve_risk", f"risk:{event_id}")
        return self.get(event_id)

    def _unsigned(self, conn: Connection, event_id: int) -> RiskEvent:
        row = conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM risk_events WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFound("That risk record no longer exists.")
        event = _event(row)
        if event.is_signed:
            raise InvalidRecord(
                "This risk record is signed and cannot be changed; add an addendum to its note.",
                "step",
            )
        return event


def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _deadline(row: tuple[Any, ...]) -> RiskDeadline:
    values = list(row)
    values[4] = datetime.fromisoformat(values[4])
    values[5] = datetime.fromisoformat(values[5])
    return RiskDeadline(*values)


__all__ = ["Answers", "RiskService", "flag_label", "insert_event", "rule_snapshot"]
