"""How long a client's records are kept: computed from the record every time it is
asked for, never stored, so a new session or a changed rule pack moves it at once.

The rule is the practice's rule pack's [retention] table, or the APA default when the
pack has none: keep records the later of N years after the last service and M years
after a minor client reaches the age of majority. "Last service" is the latest date
of a session, a note (not an addendum, which is written later) or the discharge: the discharge closes the
therapy even when its last contact left no note, and counting it keeps records longer,
never shorter. A client with none of these counts from the intake date, else from the
day the record was created. A clinician may keep one
client's records longer, with a reason; never shorter (see `RetentionService.override`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.risk.rules import Pack, RetentionRule
from vault.storage.db import Connection
from vault.storage.store import Store

APA_CITE = (
    "American Psychological Association, Record Keeping Guidelines (2007): keep full records "
    "7 years after the last service, or 3 years after a minor reaches majority, whichever "
    "is later, where no law of the place says otherwise"
)


@dataclass(frozen=True)
class PracticeRule:
    """The rule in force and where it comes from, as the screens name it."""

    years_after_last_service: int
    years_after_majority: int
    age_of_majority: int
    source: str  # the citation
    from_pack: str  # the pack's place, or "" for the APA default

    @property
    def label(self) -> str:
        base = "APA default" if not self.from_pack else self.from_pack
        return (
            f"{base}: {self.years_after_last_service} years after last service, "
            f"{self.years_after_majority} after age {self.age_of_majority}"
        )


def practice_rule(pack: Pack) -> PracticeRule:
    rule: RetentionRule | None = pack.retention
    if rule is None:
        # The APA figure counts from majority, and majority is the pack's own.
        return PracticeRule(7, 3, pack.age_of_majority, APA_CITE, "")
    cites = {source.key: source.cite for source in pack.sources}
    return PracticeRule(
        rule.years_after_last_service,
        rule.years_after_majority,
        rule.age_of_majority,
        cites.get(rule.source, rule.source),
        pack.place,
    )


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 1 March in a year without one, the
    later of the two candidates, so a record is never kept a day short."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


@dataclass(frozen=True)
class Retention:
    client_id: int
    last_service: date
    counted_from: str  # "session", "note", "discharge", "intake" or "record created"
    rule: PracticeRule
    rule_date: date  # what the rule alone gives
    because: str  # "last_service" or "majority": which of the two dates is later
    override_date: date | None
    override_reason: str | None

    @property
    def keep_until(self) -> date:
        """The last day the records must be kept; destruction is allowed the day after."""
        return self.override_date or self.rule_date

    def runs_on(self, today: date) -> bool:
        return today <= self.keep_until

    @property
    def reason_sentence(self) -> str:
        """Why the records are kept until `keep_until`, in one sentence."""
        if self.override_date is not None:
            return (
                f"Kept until {self.keep_until.isoformat()} by your decision "
                f"({self.override_reason}); the rule alone gives {self.rule_date.isoformat()}."
            )
        if self.because == "majority":
            why = (
                f"{self.rule.years_after_majority} years after the client turns "
                f"{self.rule.age_of_majority}"
            )
        else:
            why = (
                f"{self.rule.years_after_last_service} years after the last service "
                f"({self.counted_from}, {self.last_service.isoformat()})"
            )
        return f"Kept until {self.keep_until.isoformat()}: {why}, under the {self.rule.label}."


def compute(
    client_id: int,
    date_of_birth: date,
    last_service: date,
    counted_from: str,
    rule: PracticeRule,
    override: tuple[date, str] | None = None,
) -> Retention:
    after_service = add_years(last_service, rule.years_after_last_service)
    majority = add_years(date_of_birth, rule.age_of_majority)
    after_majority = add_years(majority, rule.years_after_majority)
    later = after_majority > after_service
    return Retention(
        client_id=client_id,
        last_service=last_service,
        counted_from=counted_from,
        rule=rule,
        rule_date=after_majority if later else after_service,
        because="majority" if later else "last_service",
        override_date=override[0] if override else None,
        override_reason=override[1] if override else None,
    )


# One row per client: birth date, latest session and note, discharge, intake, creation,
# the override, the status.
_FACTS = """
SELECT c.id, c.date_of_birth,
       (SELECT max(date) FROM sessions WHERE client_id = c.id),
       (SELECT max(note_date) FROM notes WHERE client_id = c.id AND amends_note_id IS NULL),
       c.discharge_date, c.intake_date, substr(c.created_at, 1, 10),
       o.keep_until, o.reason, c.status
FROM clients c LEFT JOIN retention_overrides o ON o.client_id = c.id
"""


def _from_facts(row: tuple[object, ...], rule: PracticeRule) -> Retention:
    client_id, born, session, note, discharged, intake, created, keep, reason, _status = row
    candidates = [(str(day), kind) for day, kind in
                  ((session, "session"), (note, "note"), (discharged, "discharge")) if day]  # fmt: skip
    if not candidates:
        candidates = [(str(intake), "intake")] if intake else [(str(created), "record created")]
    last, source = max(candidates)
    override = (date.fromisoformat(str(keep)), str(reason)) if keep else None
    return compute(
        int(str(client_id)),
        date.fromisoformat(str(born)),
        date.fromisoformat(last),
        source,
        rule,
        override,
    )


def retention_rows(conn: Connection, rule: PracticeRule, where: str = "", args: tuple[object, ...] = ()
                   ) -> list[tuple[Retention, str]]:  # fmt: skip
    """(retention, status) for the clients `where` selects (a clause on `c`)."""
    rows = conn.execute(f"{_FACTS} {where}", args).fetchall()
    return [(_from_facts(tuple(row), rule), str(row[-1])) for row in rows]


class RetentionService:
    def __init__(self, store: Store, pack: Callable[[], Pack]) -> None:
        self._store = store
        self._pack = pack

    def rule(self) -> PracticeRule:
        return practice_rule(self._pack())

    def for_client(self, client_id: int) -> Retention:
        with self._store.reading() as conn:
            found = retention_rows(conn, self.rule(), "WHERE c.id = ?", (client_id,))
        if not found:
            raise RecordNotFound("That client no longer exists.")
        return found[0][0]

    def override(self, client_id: int, keep_until: object, reason: object) -> Retention:
        """Keep this client's records until `keep_until`, for `reason`.

        Only a later date than the rule's is taken: the rule is the floor the law or
        the profession sets, and keeping longer is always allowed. A shorter period for
        a whole jurisdiction belongs in its rule pack, where its source is named."""
        day = v.parse_date(keep_until, "keep_until", "Keep until")
        why = v.required_text(reason, "reason", "The reason", v.MAX_FIELD)
        current = self.for_client(client_id)
        if day <= current.rule_date:
            raise InvalidRecord(
                f"Keep until must be after {current.rule_date.isoformat()}, the date the rule "
                "gives; records can be kept longer than the rule, never shorter.",
                "keep_until",
            )
        with self._store.writing("the retention date") as conn:
            conn.execute(
                "INSERT INTO retention_overrides (client_id, keep_until, reason, set_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET"
                " keep_until = excluded.keep_until, reason = excluded.reason,"
                " set_at = excluded.set_at",
                (client_id, day.isoformat(), why, self._store.now_iso()),
            )
            append(conn, self._store.utc_iso(), "set_retention", f"client:{client_id}",
                   f"keep_until:{day.isoformat()}")  # fmt: skip
        return self.for_client(client_id)
