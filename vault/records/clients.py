"""Clients and their guardians."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vault.errors import InvalidRecord, RecordNotFound
from vault.lifecycle.episodes import sync_current_episode
from vault.records import validation as v
from vault.records.audit import append
from vault.records.display import fold_for_matching
from vault.records.models import STATUSES, Client, ClientSummary, Guardian
from vault.storage.db import Connection
from vault.storage.store import Store

CLIENT_COLUMNS = (
    "id, first_name, last_name, date_of_birth, preferred_name, pronouns, phone, email, address,"
    " emergency_name, emergency_relationship, emergency_phone, intake_date, status,"
    " discharge_date, discharge_reason, referral"
)


@dataclass
class GuardianInput:
    name: str
    relationship: str | None = None
    phone: str | None = None
    email: str | None = None
    can_access_records: bool = True


@dataclass
class ClientInput:
    """What a form or an import supplies; strings are checked by `validated`."""

    first_name: str
    last_name: str
    date_of_birth: str | date
    preferred_name: str | None = None
    pronouns: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    emergency_name: str | None = None
    emergency_relationship: str | None = None
    emergency_phone: str | None = None
    intake_date: str | date | None = None
    status: str = "active"
    discharge_date: str | date | None = None
    discharge_reason: str | None = None
    referral: str | None = None
    guardians: list[GuardianInput] = field(default_factory=list)

    def validated(self, today: date) -> dict[str, Any]:
        values: dict[str, Any] = {
            "first_name": v.required_text(self.first_name, "first_name", "First name"),
            "last_name": v.required_text(self.last_name, "last_name", "Last name"),
            "date_of_birth": v.birth_date(self.date_of_birth, today).isoformat(),
            "preferred_name": v.optional_text(
                self.preferred_name, "preferred_name", "Preferred name", v.MAX_NAME
            ),
            "pronouns": v.optional_text(self.pronouns, "pronouns", "Pronouns", 40),
            "phone": v.optional_text(self.phone, "phone", "Phone", 40),
            "email": v.email(self.email),
            "address": v.optional_text(self.address, "address", "Address"),
            "emergency_name": v.optional_text(
                self.emergency_name, "emergency_name", "Emergency contact"
            ),
            "emergency_relationship": v.optional_text(
                self.emergency_relationship,
                "emergency_relationship",
                "Emergency contact's relationship",
            ),
            "emergency_phone": v.optional_text(
                self.emergency_phone, "emergency_phone", "Emergency phone", 40
            ),
            "status": v.choice(self.status, STATUSES, "status", "Status"),
            "discharge_reason": v.optional_text(
                self.discharge_reason, "discharge_reason", "Discharge reason"
            ),
            "referral": v.optional_text(self.referral, "referral", "Referral"),
        }
        intake = v.optional_date(self.intake_date, "intake_date", "Intake date")
        discharged = v.optional_date(self.discharge_date, "discharge_date", "Discharge date")
        values["intake_date"] = intake.isoformat() if intake else None
        values["discharge_date"] = discharged.isoformat() if discharged else None
        if values["status"] == "discharged":
            if not values["discharge_reason"]:
                raise InvalidRecord(
                    "A discharged client needs a discharge reason.", "discharge_reason"
                )
            if not discharged:
                raise InvalidRecord("A discharged client needs a discharge date.", "discharge_date")
        for guardian in self.guardians:
            v.required_text(guardian.name, "guardians", "Guardian's name")
        return values


def _client_from_row(row: tuple[Any, ...], guardians: tuple[Guardian, ...] = ()) -> Client:
    (cid, first, last, born, preferred, pronouns, phone, email, address, em_name, em_rel,
     em_phone, intake, status, discharged, reason, referral) = row  # fmt: skip
    return Client(
        id=cid, first_name=first, last_name=last, date_of_birth=date.fromisoformat(born),
        preferred_name=preferred, pronouns=pronouns, phone=phone, email=email, address=address,
        emergency_name=em_name, emergency_relationship=em_rel, emergency_phone=em_phone,
        intake_date=date.fromisoformat(intake) if intake else None, status=status,
        discharge_date=date.fromisoformat(discharged) if discharged else None,
        discharge_reason=reason, referral=referral, guardians=guardians,
    )  # fmt: skip


def insert_client(
    conn: Connection, values: dict[str, Any], guardians: list[GuardianInput], now: str
) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(
        f"INSERT INTO clients ({columns}, created_at) VALUES ({marks}, ?)",
        (*values.values(), now),
    )
    client_id = int(cur.lastrowid or 0)
    conn.executemany(
        "INSERT INTO guardians (client_id, name, relationship, phone, email, can_access_records)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (client_id, g.name.strip(), g.relationship, g.phone, g.email, int(g.can_access_records))
            for g in guardians
        ],
    )
    sync_current_episode(conn, client_id)
    return client_id


def _like_pattern(text: str) -> str:
    escaped = (
        fold_for_matching(text.strip())
        .replace("\\", "\\\\")
        .replace("%", "\\%")
        .replace("_", "\\_")
    )
    return f"%{escaped}%"


class ClientService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, data: ClientInput) -> Client:
        values = data.validated(self._store.today())
        with self._store.writing("the new client") as conn:
            client_id = insert_client(conn, values, data.guardians, self._store.now_iso())
            append(conn, self._store.utc_iso(), "create_client", f"client:{client_id}")
        return self.get(client_id, audit=False)

    def update(self, client_id: int, data: ClientInput) -> Client:
        values = data.validated(self._store.today())
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._store.writing("the client's details") as conn:
            cur = conn.execute(
                f"UPDATE clients SET {assignments} WHERE id = ?", (*values.values(), client_id)
            )
            if cur.rowcount == 0:
                raise RecordNotFound("That client no longer exists.")
            sync_current_episode(conn, client_id)
            append(conn, self._store.utc_iso(), "update_client", f"client:{client_id}")
        return self.get(client_id, audit=False)

    def discharge(
        self, client_id: int, reason: str, referral: str | None, when: str | date | None = None
    ) -> Client:
        """Discharge on `when` (a date or "YYYY-MM-DD"; today if None): not in the future,
        not before the client's intake."""
        today = self._store.today()
        day = today if when is None else v.parse_date(when, "discharge_date", "Discharge date")
        if day > today:
            raise InvalidRecord("Discharge date cannot be in the future.", "discharge_date")
        reason_text = v.required_text(reason, "discharge_reason", "Discharge reason", v.MAX_FIELD)
        referral_text = v.optional_text(referral, "referral", "Referral")
        with self._store.writing("the discharge") as conn:
            intake = conn.execute(
                "SELECT intake_date FROM clients WHERE id = ?", (client_id,)
            ).fetchone()
            if intake is not None and intake[0] and day.isoformat() < intake[0]:
                raise InvalidRecord(
                    f"Discharge date cannot be before the intake date ({intake[0]}).",
                    "discharge_date",
                )
            cur = conn.execute(
                "UPDATE clients SET status = 'discharged', discharge_date = ?, discharge_reason = ?,"
                " referral = ? WHERE id = ?",
                (day.isoformat(), reason_text, referral_text, client_id),
            )
            if cur.rowcount == 0:
                raise RecordNotFound("That client no longer exists.")
            sync_current_episode(conn, client_id)
            append(conn, self._store.utc_iso(), "discharge_client", f"client:{client_id}")
        return self.get(client_id, audit=False)

    def get(self, client_id: int, *, audit: bool = True) -> Client:
        """Fetch one client; opening a record for reading is audited by default."""
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?", (client_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound("That client no longer exists.")
            guardians = tuple(
                Guardian(gid, cid, name, rel, phone, mail, bool(access))
                for gid, cid, name, rel, phone, mail, access in conn.execute(
                    "SELECT id, client_id, name, relationship, phone, email, can_access_records"
                    " FROM guardians WHERE client_id = ? ORDER BY id",
                    (client_id,),
                )
            )
        if audit:
            with self._store.writing("the audit entry") as conn:
                append(conn, self._store.utc_iso(), "open_client", f"client:{client_id}")
        return _client_from_row(row, guardians)

    def count(self, text: str = "", *, include_discharged: bool = True) -> int:
        where, params = self._filter(text, include_discharged)
        with self._store.reading() as conn:
            return int(
                conn.execute(f"SELECT count(*) FROM clients c {where}", params).fetchone()[0]
            )

    def page(
        self, text: str = "", *, offset: int = 0, limit: int = 200, include_discharged: bool = True
    ) -> list[ClientSummary]:
        """A page of the client list, by last name, filtered on any name."""
        where, params = self._filter(text, include_discharged)
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.status,"
                " (SELECT max(s.date) FROM sessions s WHERE s.client_id = c.id)"
                f" FROM clients c {where}"
                " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id"
                " LIMIT ? OFFSET ?",
                (*params, limit, offset),
            ).fetchall()
        return [
            ClientSummary(cid, first, last, preferred, date.fromisoformat(born), status,
                          date.fromisoformat(last_seen) if last_seen else None)
            for cid, first, last, preferred, born, status, last_seen in rows
        ]  # fmt: skip

    @staticmethod
    def _filter(text: str, include_discharged: bool) -> tuple[str, tuple[str, ...]]:
        clauses: list[str] = []
        params: list[str] = []
        for word in text.split():
            pattern = _like_pattern(word)
            clauses.append(
                "(fold(c.first_name) LIKE ? ESCAPE '\\'"
                " OR fold(c.last_name) LIKE ? ESCAPE '\\'"
                " OR fold(coalesce(c.preferred_name, '')) LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        if not include_discharged:
            clauses.append("c.status <> 'discharged'")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return where, tuple(params)
