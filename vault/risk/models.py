"""Records of the risk prompt: an event per flag raised, its deadlines, instrument
results and safety plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Answers = dict[str, dict[str, Any]]  # step key -> field key -> value


@dataclass(frozen=True)
class RiskEvent:
    id: int
    client_id: int
    flag: str
    opened_at: str
    opened_by: str  # "clinician", or "phq9" when item 9 opened it
    instrument_id: int | None
    pack_id: str
    pack_version: str
    pack_sha256: str
    rule: dict[str, Any]  # the snapshot of the pack's rule for this flag, as it was when opened
    step: int
    answers: Answers
    updated_at: str
    note_id: int | None
    resolved_at: str | None
    resolution: str | None

    @property
    def is_signed(self) -> bool:
        return self.note_id is not None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class RiskDeadline:
    id: int
    event_id: int
    client_id: int
    what: str
    started_at: datetime
    due_at: datetime
    done_at: str | None
    done_note: str | None


@dataclass(frozen=True)
class RiskMarker:
    """What the client list, record header and search show while a flag is open."""

    client_id: int
    flags: tuple[str, ...]
    next_deadline: RiskDeadline | None = None


@dataclass(frozen=True)
class InstrumentResult:
    id: int
    client_id: int
    instrument: str
    taken_on: date
    answers: tuple[int, ...] | dict[str, Any]
    total: int | None
    band: str | None
    note: str | None


@dataclass(frozen=True)
class SafetyPlan:
    id: int
    client_id: int
    version: int
    sections: dict[str, list[str]] = field(default_factory=dict)
    created_at: str = ""
    event_id: int | None = None
