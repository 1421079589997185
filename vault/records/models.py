"""Plain records handed from the core to the UI and CLI. No behaviour beyond derivations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

NOTE_KINDS = ("progress", "intake", "termination", "contact", "risk", "psychotherapy")
TEMPLATES = ("soap", "dap", "birp", "free")
MODALITIES = ("in_person", "telehealth", "phone")
ATTENDANCE = ("attended", "late_cancel", "no_show")
STATUSES = ("active", "inactive", "discharged")

KIND_LABELS = {
    "progress": "Progress note",
    "intake": "Intake",
    "termination": "Termination",
    "contact": "Contact note",
    "risk": "Risk assessment",
    "psychotherapy": "Psychotherapy note (private)",
}
TEMPLATE_LABELS = {"soap": "SOAP", "dap": "DAP", "birp": "BIRP", "free": "Free text"}
MODALITY_LABELS = {"in_person": "In person", "telehealth": "Telehealth", "phone": "Phone"}
ATTENDANCE_LABELS = {"attended": "Attended", "late_cancel": "Late cancel", "no_show": "No-show"}

ADULT_AGE = 18


def age_on(born: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (born.month, born.day)
    return today.year - born.year - before_birthday


def initials(*names: str | None) -> str:
    return "".join(f"{n.strip()[0].upper()}." for n in names if n and n.strip())


class PersonNames:
    """Names and age shown for a client, in full or (privacy mode) as initials."""

    first_name: str
    last_name: str
    preferred_name: str | None
    date_of_birth: date

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return initials(self.preferred_name or self.first_name, self.last_name)

    def age(self, today: date) -> int:
        return age_on(self.date_of_birth, today)

    def is_minor(self, today: date) -> bool:
        return self.age(today) < ADULT_AGE


@dataclass(frozen=True)
class Guardian:
    id: int
    client_id: int
    name: str
    relationship: str | None = None
    phone: str | None = None
    email: str | None = None
    can_access_records: bool = True


@dataclass(frozen=True)
class Client(PersonNames):
    id: int
    first_name: str
    last_name: str
    date_of_birth: date
    preferred_name: str | None = None
    pronouns: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    emergency_name: str | None = None
    emergency_relationship: str | None = None
    emergency_phone: str | None = None
    intake_date: date | None = None
    status: str = "active"
    discharge_date: date | None = None
    discharge_reason: str | None = None
    referral: str | None = None
    guardians: tuple[Guardian, ...] = field(default=())


@dataclass(frozen=True)
class ClientSummary(PersonNames):
    """One row of the client list: enough to choose, nothing clinical."""

    id: int
    first_name: str
    last_name: str
    preferred_name: str | None
    date_of_birth: date
    status: str
    last_session: date | None


@dataclass(frozen=True)
class Session:
    id: int
    client_id: int
    date: date
    duration_minutes: int | None
    modality: str
    attendance: str
    fee_cents: int | None


@dataclass(frozen=True)
class Note:
    id: int
    client_id: int
    session_id: int | None
    amends_note_id: int | None
    kind: str
    template: str
    note_date: date
    body: str
    created_at: str
    updated_at: str
    signed_at: str | None
    signed_by: str | None
    sha256: str | None

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def is_addendum(self) -> bool:
        return self.amends_note_id is not None

    @property
    def is_process_note(self) -> bool:
        return self.kind == "psychotherapy"


@dataclass(frozen=True)
class NoteSummary:
    """One row of a client's timeline: no note text, so the list can be shown safely."""

    id: int
    kind: str
    template: str
    note_date: date
    signed_at: str | None
    addenda: int
    open_addendum_id: int | None = None

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


@dataclass(frozen=True)
class TimelineEntry:
    """One row of a client's record: a note, or a session that has no note (a no-show)."""

    day: date
    note: NoteSummary | None
    session_id: int | None  # set only for a session without a note
    attendance: str | None
    fee_cents: int | None

    @property
    def key(self) -> int:
        """Unique within a record: a note's id, or minus the session's id."""
        if self.note is not None:
            return self.note.id
        return -(self.session_id or 0)


@dataclass(frozen=True)
class SearchHit:
    note_id: int
    client_id: int
    client_name: str
    client_initials: str
    note_date: date
    kind: str
    is_signed: bool
    snippet: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    action: str
    subject: str
    detail: str
    prev_hash: str
    hash: str
