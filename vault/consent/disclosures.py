"""The disclosure log: append-only, hash-chained, each entry accountable or exempt
under 45 CFR 164.528(a)(1).

Like the audit log, each entry stores the hash of the one before it over every field
it holds, so editing, removing or inserting an entry breaks the chain from there on,
and the database refuses UPDATE and DELETE outright (triggers in schema.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from vault.consent.models import (
    ACCOUNTING_YEARS,
    DISCLOSURE_METHODS,
    DISCLOSURE_SOURCES,
    EXEMPT_BASES,
    LEGAL_BASES,
    Disclosure,
    DisclosureInput,
)
from vault.errors import DisclosureChainBroken, InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import GENESIS, append
from vault.records.settings import Settings
from vault.storage.db import Connection
from vault.storage.store import Store

MAX_DESCRIPTION = 1000

# Stored columns in the order of Disclosure's fields; every one of them is hashed.
COLUMNS = (
    "id", "client_id", "disclosed_at", "recipient", "recipient_address", "description",
    "purpose", "legal_basis", "release_id", "method", "client_told", "client_told_note",
    "person_spoken_to", "reference", "source", "accountable", "recorded_at", "recorded_by",
    "prev_hash",
)  # fmt: skip
SELECT = f"SELECT {', '.join(COLUMNS)}, hash FROM disclosures"


def entry_hash(prev_hash: str, fields: tuple[Any, ...]) -> str:
    """SHA-256 over the previous hash and every stored field. JSON keeps each value's
    type and bounds, so no two different entries share an input (None is not "")."""
    material = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _parse_when(value: object) -> date | datetime:
    if isinstance(value, date):  # a datetime too
        return value
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord("When it was disclosed is required, as YYYY-MM-DD.", "disclosed_at")
    text = value.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise InvalidRecord(
            "When it was disclosed must be a real date, YYYY-MM-DD, or a date and time, "
            "YYYY-MM-DD HH:MM.",
            "disclosed_at",
        ) from None


def _disclosed_at(value: object, now: datetime) -> str:
    """A local date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM), not in the future."""
    when = _parse_when(value)
    local_now = now.astimezone().replace(tzinfo=None)
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
        in_future = when.replace(second=0, microsecond=0) > local_now
        stored = when.isoformat(timespec="seconds" if when.second else "minutes")
    else:
        in_future = when > local_now.date()
        stored = when.isoformat()
    if in_future:
        raise InvalidRecord("When it was disclosed cannot be in the future.", "disclosed_at")
    return stored


def _told(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InvalidRecord(
            "Whether the client was told must be yes, no or not yet.", "client_told"
        )
    return int(value)


def validated_disclosure(data: DisclosureInput, now: datetime) -> dict[str, Any]:
    """The stored values of `data` (without the chain), or InvalidRecord naming the field."""
    if isinstance(data.client_id, bool) or not isinstance(data.client_id, int):
        raise RecordNotFound("That client no longer exists.")
    basis = v.choice(data.legal_basis, LEGAL_BASES, "legal_basis", "The legal basis")
    values: dict[str, Any] = {
        "client_id": data.client_id,
        "disclosed_at": _disclosed_at(data.disclosed_at, now),
        "recipient": v.required_text(data.recipient, "recipient", "Who received it", v.MAX_NAME),
        "recipient_address": v.optional_text(
            data.recipient_address, "recipient_address", "The recipient's address"
        ),
        "description": v.required_text(
            data.description, "description", "What was disclosed", MAX_DESCRIPTION
        ),
        "purpose": v.required_text(data.purpose, "purpose", "The purpose", v.MAX_FIELD),
        "legal_basis": basis,
        "release_id": data.release_id,
        "method": v.choice(data.method, DISCLOSURE_METHODS, "method", "How it was disclosed"),
        "client_told": _told(data.client_told),
        "client_told_note": v.optional_text(
            data.client_told_note, "client_told_note", "Telling the client"
        ),
        "person_spoken_to": v.optional_text(
            data.person_spoken_to, "person_spoken_to", "The person spoken to", v.MAX_NAME
        ),
        "reference": v.optional_text(data.reference, "reference", "Reference", v.MAX_NAME),
        "source": v.choice(data.source, DISCLOSURE_SOURCES, "source", "Source"),
        "accountable": int(basis not in EXEMPT_BASES),
    }
    if basis == "authorization" and data.release_id is None:
        raise InvalidRecord(
            "A disclosure under the client's authorization needs the release it was made under.",
            "release_id",
        )
    if data.release_id is not None and (
        isinstance(data.release_id, bool) or not isinstance(data.release_id, int)
    ):
        raise InvalidRecord("Choose the release from the client's releases.", "release_id")
    return values


def append_disclosure(
    conn: Connection,
    data: DisclosureInput,
    recorded_at: str,
    recorded_by: str,
    now: datetime | None = None,
) -> int:
    """Append inside the caller's transaction (exports write their entry with their audit).

    `recorded_at` is the time written (ISO 8601, UTC like the audit log); `now` (default:
    `recorded_at`) is what "in the future" is measured against."""
    values = validated_disclosure(data, now or datetime.fromisoformat(recorded_at))
    client_id = values["client_id"]
    if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
        raise RecordNotFound("That client no longer exists.")
    if values["release_id"] is not None:
        owner = conn.execute(
            "SELECT client_id FROM releases WHERE id = ?", (values["release_id"],)
        ).fetchone()
        if owner is None or owner[0] != client_id:
            raise InvalidRecord(
                "That release is not one of this client's releases; choose one of theirs.",
                "release_id",
            )
    by = v.required_text(recorded_by, "recorded_by", "Who recorded it", v.MAX_FIELD)
    row = conn.execute("SELECT id, hash FROM disclosures ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    stored = {"id": entry_id, **values, "recorded_at": recorded_at, "recorded_by": by}
    fields = tuple(stored[column] for column in COLUMNS[:-1])
    digest = entry_hash(prev, fields)
    conn.execute(
        f"INSERT INTO disclosures ({', '.join(COLUMNS)}, hash)"
        f" VALUES ({', '.join('?' for _ in COLUMNS)}, ?)",
        (*fields, prev, digest),
    )
    append(conn, recorded_at, "disclosure", f"client:{client_id}", f"disclosure:{entry_id}")
    return entry_id


_TOLD = COLUMNS.index("client_told")
_ACCOUNTABLE = COLUMNS.index("accountable")


def _disclosure(row: Any) -> Disclosure:
    # Positional and by index: the accounting builds thousands of these at a time.
    values = list(row)
    told = values[_TOLD]
    values[_TOLD] = None if told is None else bool(told)
    values[_ACCOUNTABLE] = bool(values[_ACCOUNTABLE])
    return Disclosure(*values)


def accounting_start(today: date) -> date:
    """The first day the accounting covers: the same day ACCOUNTING_YEARS years before
    (28 February when that year has no 29 February)."""
    year = today.year - ACCOUNTING_YEARS
    try:
        return today.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


class DisclosureLog:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._settings = Settings(store)

    def record(self, data: DisclosureInput) -> Disclosure:
        """Write one entry by hand (a phone call, a letter); recorded by the signer."""
        recorded_by = self._settings.signer
        with self._store.writing("the disclosure") as conn:
            entry_id = append_disclosure(
                conn, data, self._store.utc_iso(), recorded_by, now=self._store.clock()
            )
            row = conn.execute(f"{SELECT} WHERE id = ?", (entry_id,)).fetchone()
        return _disclosure(row)

    def for_client(self, client_id: int) -> list[Disclosure]:
        """The full log for a client, newest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{SELECT} WHERE client_id = ? ORDER BY disclosed_at DESC, id DESC", (client_id,)
            ).fetchall()
        return [_disclosure(row) for row in rows]

    def accounting(self, client_id: int, today: date | None = None) -> list[Disclosure]:
        """Accountable entries of the last ACCOUNTING_YEARS years, oldest first."""
        start = accounting_start(today or self._store.today())
        with self._store.reading() as conn:
            rows = conn.execute(
                f"{SELECT} WHERE client_id = ? AND disclosed_at >= ? AND accountable = 1"
                " ORDER BY disclosed_at, id",
                (client_id, start.isoformat()),
            ).fetchall()
        return [_disclosure(row) for row in rows]

    def verify(self) -> int:
        """Check the chain; return the count, or raise DisclosureChainBroken naming the entry.

        The entries of a destroyed client are walked as their tombstones (id and hashes);
        a tombstone must belong to a `destroy_client` stub in the audit log."""
        expected_prev = GENESIS
        expected_id = 1

        def broken() -> DisclosureChainBroken:
            return DisclosureChainBroken(
                f"The disclosure log's chain is broken at entry {expected_id}: an entry "
                "was edited, removed or inserted after it was written."
            )

        with self._store.reading("checking the disclosure log") as conn:
            tombs, stubs = _tombstones(conn)
            for row in conn.execute(f"{SELECT} ORDER BY id"):
                while expected_id in tombs and expected_id < row[0]:
                    expected_prev = _walk_tombstone(
                        tombs.pop(expected_id), expected_prev, stubs, broken
                    )
                    expected_id += 1
                fields, digest = tuple(row[:-1]), row[-1]
                if (
                    fields[0] != expected_id
                    or fields[-1] != expected_prev
                    or entry_hash(expected_prev, fields[:-1]) != digest
                ):
                    raise broken()
                expected_prev = digest
                expected_id += 1
            while expected_id in tombs:
                expected_prev = _walk_tombstone(
                    tombs.pop(expected_id), expected_prev, stubs, broken
                )
                expected_id += 1
            if tombs:
                expected_id = min(tombs)
                raise broken()
            count = expected_id - 1
            # Removing the newest entries leaves a sound chain; the audit log, written in
            # the same transaction as each entry, still names the last one.
            last = conn.execute(
                "SELECT detail FROM audit_log WHERE action = 'disclosure' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        named = str(last[0]).removeprefix("disclosure:") if last else "0"
        if named.isdigit() and int(named) > count:
            raise DisclosureChainBroken(
                f"The disclosure log ends at entry {count}, but the audit log records entry "
                f"{named}: entries were removed from its end."
            )
        return count


_STUB_COUNT = re.compile(r"\bdisclosures (\d+)\b")


def _tombstones(conn: Connection) -> tuple[dict[int, tuple[str, str, int]], set[int]]:
    """Tombstones by id, and the audit ids of `destroy_client` stubs (none before 006)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'disclosure_tombstones'"
    ).fetchone()
    if not exists:
        return {}, set()
    tombs = {
        int(row[0]): (str(row[1]), str(row[2]), int(row[3]))
        for row in conn.execute("SELECT id, prev_hash, hash, audit_id FROM disclosure_tombstones")
    }
    stubs = {
        int(row[0]): int(found.group(1)) if (found := _STUB_COUNT.search(str(row[1]))) else 0
        for row in conn.execute("SELECT id, detail FROM audit_log WHERE action = 'destroy_client'")
    }
    # A stub names how many entries its destruction removed: as many tombstones, no fewer.
    for audit_id, count in Counter(tomb[2] for tomb in tombs.values()).items():
        if stubs.get(audit_id) != count:
            stubs.pop(audit_id, None)
    return tombs, set(stubs)


def _walk_tombstone(
    tomb: tuple[str, str, int],
    expected_prev: str,
    stubs: set[int],
    broken: Callable[[], DisclosureChainBroken],
) -> str:
    prev, digest, audit_id = tomb
    if prev != expected_prev or audit_id not in stubs:
        raise broken()
    return digest
