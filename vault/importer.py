"""Importing a practice from JSON: everything is checked first, then written at once.

`validate_practice` reads the whole document without touching the vault and
refuses the first problem, naming where it is (`clients[3].sessions[2].notes[0]
.template`). Only a document that is entirely valid reaches `import_practice`,
which writes it in one transaction: a failure half way leaves the vault as it was.

The JSON format is documented in the README; unknown keys are refused rather
than ignored, so a misspelt field never silently drops part of a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vault.errors import ImportRejected
from vault.import_checks import _At, _list, _obj, _reject
from vault.import_consent import Paperwork, Writer, paperwork
from vault.records import validation as v
from vault.records.audit import append
from vault.records.clients import ClientInput, GuardianInput, insert_client
from vault.records.models import NOTE_KINDS, TEMPLATES
from vault.records.notes import MAX_NOTE_CHARS, SessionInput, is_blank_note, note_digest
from vault.records.settings import signature_name
from vault.storage.db import Connection
from vault.vault import Vault

Progress = Callable[[int, int], None]

PRACTICE_KEYS = ("clinician_name", "credentials", "practice_name", "jurisdiction")
CLIENT_KEYS = (
    "first_name", "last_name", "date_of_birth", "preferred_name", "pronouns", "phone", "email",
    "address", "emergency_contact", "intake_date", "status", "discharge_date", "discharge_reason",
    "referral", "guardians", "sessions", "consents", "releases", "disclosures",
)  # fmt: skip
EMERGENCY_KEYS = ("name", "relationship", "phone")
GUARDIAN_KEYS = ("name", "relationship", "phone", "email", "can_access_records")
SESSION_KEYS = ("date", "duration_minutes", "modality", "attendance", "fee", "notes")
NOTE_KEYS = ("kind", "template", "text", "signed", "signed_at", "addenda")
ADDENDUM_KEYS = ("text", "signed_at")

# ClientInput names the emergency contact's fields flat; the file nests them.
_EMERGENCY_FIELDS = {
    "emergency_name": "emergency_contact.name",
    "emergency_relationship": "emergency_contact.relationship",
    "emergency_phone": "emergency_contact.phone",
}
_SIGNED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?")
BATCH_ROWS = 2000
INDEX_STEP = 5000
BULK_INDEX_FROM = 200  # below this, indexing note by note costs nothing worth avoiding
FTS_INSERT_TRIGGER = "notes_fts_insert"


@dataclass(frozen=True)
class ImportSummary:
    clients: int = 0
    sessions: int = 0
    notes: int = 0
    signed: int = 0
    addenda: int = 0
    # Clients already in the vault, left out: "First Last (born YYYY-MM-DD)" each.
    skipped: tuple[str, ...] = ()
    consents: int = 0
    releases: int = 0
    disclosures: int = 0


@dataclass
class ValidAddendum:
    body: str
    signed_at: str


@dataclass
class ValidNote:
    kind: str
    template: str
    body: str
    signed_at: str | None
    addenda: list[ValidAddendum] = field(default_factory=list)


@dataclass
class ValidSession:
    values: dict[str, Any]
    notes: list[ValidNote] = field(default_factory=list)


Identity = tuple[str, str, str]


def identity(first_name: str, last_name: str, date_of_birth: str) -> Identity:
    """Who a client is for spotting a repeat: names ignoring case, and the birth date."""
    return first_name.strip().casefold(), last_name.strip().casefold(), date_of_birth


@dataclass
class ValidClient:
    values: dict[str, Any]
    guardians: list[GuardianInput]
    sessions: list[ValidSession] = field(default_factory=list)
    paperwork: Paperwork = field(default_factory=Paperwork)

    @property
    def identity(self) -> Identity:
        return identity(
            self.values["first_name"], self.values["last_name"], self.values["date_of_birth"]
        )

    @property
    def described(self) -> str:
        v = self.values
        return f"{v['first_name']} {v['last_name']} (born {v['date_of_birth']})"


@dataclass
class Practice:
    """A checked practice document, ready to write."""

    settings: dict[str, str]
    clients: list[ValidClient]

    def summary(self, skipped: tuple[str, ...] = ()) -> ImportSummary:
        sessions = notes = signed = addenda = 0
        for client in self.clients:
            sessions += len(client.sessions)
            for session in client.sessions:
                notes += len(session.notes)
                for note in session.notes:
                    signed += note.signed_at is not None
                    addenda += len(note.addenda)
        return ImportSummary(
            len(self.clients), sessions, notes, signed, addenda, skipped,
            consents=sum(len(client.paperwork.consents) for client in self.clients),
            releases=sum(len(client.paperwork.releases) for client in self.clients),
            disclosures=sum(len(client.paperwork.disclosures) for client in self.clients),
        )  # fmt: skip

    def without(self, existing: set[Identity]) -> tuple[Practice, tuple[str, ...]]:
        """This practice less the clients already in the vault, and who those were."""
        new = [client for client in self.clients if client.identity not in existing]
        skipped = tuple(c.described for c in self.clients if c.identity in existing)
        return Practice(self.settings, new), skipped

    @property
    def records(self) -> int:
        """How many rows the import writes: the unit of its progress bar."""
        counts = self.summary()
        return counts.clients + counts.sessions + counts.notes + counts.addenda


# -- checking -------------------------------------------------------------------


def _signed_at(value: object, path: str, not_before: str) -> str:
    if not isinstance(value, str) or not _SIGNED_AT.fullmatch(value.strip()):
        raise _reject(path, "must be a date and time written YYYY-MM-DDTHH:MM:SS.")
    text = value.strip()
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _reject(path, "must be a real date and time written YYYY-MM-DDTHH:MM:SS.") from None
    if text[:10] < not_before:
        raise _reject(path, f"cannot be before {not_before}.")
    return text


def _text(value: object, path: str, template: str, *, signed: bool) -> str:
    if not isinstance(value, str):
        raise _reject(path, "is required, as text.")
    if len(value) > MAX_NOTE_CHARS:
        raise _reject(path, f"a note can hold at most {MAX_NOTE_CHARS:,} characters.")
    with _At(path):
        v.storable(value, "", "The text")
    if signed and is_blank_note(value, template):
        raise _reject(path, "a signed note needs text beyond its template's headings.")
    return value


def _note(raw: object, path: str, note_date: str) -> ValidNote:
    data = _obj(raw, path, NOTE_KEYS)
    with _At(path):
        kind = v.choice(data.get("kind", "progress"), NOTE_KINDS, "kind", "Kind of note")
        template = v.choice(data.get("template", "free"), TEMPLATES, "template", "Template")
    signed_flag = data.get("signed", data.get("signed_at") is not None)
    if not isinstance(signed_flag, bool):
        raise _reject(f"{path}.signed", "must be true or false.")
    if not signed_flag and data.get("signed_at") is not None:
        raise _reject(f"{path}.signed_at", "is given but the note is not marked signed.")
    if signed_flag and data.get("signed_at") is None:
        raise _reject(f"{path}.signed_at", "is required for a signed note.")
    signed_at = (
        _signed_at(data["signed_at"], f"{path}.signed_at", note_date) if signed_flag else None
    )
    body = _text(data.get("text"), f"{path}.text", template, signed=signed_flag)
    addenda = []
    for i, item in enumerate(_list(data.get("addenda"), f"{path}.addenda")):
        where = f"{path}.addenda[{i}]"
        if signed_at is None:
            raise _reject(where, "only a signed note can have addenda.")
        extra = _obj(item, where, ADDENDUM_KEYS)
        text = _text(extra.get("text"), f"{where}.text", "free", signed=True)
        if extra.get("signed_at") is None:
            raise _reject(f"{where}.signed_at", "is required: addenda are signed.")
        when = _signed_at(extra["signed_at"], f"{where}.signed_at", signed_at[:10])
        addenda.append(ValidAddendum(text, when))
    return ValidNote(kind, template, body, signed_at, addenda)


def _session(raw: object, path: str) -> ValidSession:
    data = _obj(raw, path, SESSION_KEYS)
    with _At(path):
        values = SessionInput(
            date=data.get("date"),  # type: ignore[arg-type]  # parse_date says what is wrong
            duration_minutes=data.get("duration_minutes"),
            modality=data.get("modality", "in_person"),
            attendance=data.get("attendance", "attended"),
            fee=data.get("fee"),
        ).validated()
    notes = [
        _note(item, f"{path}.notes[{i}]", values["date"])
        for i, item in enumerate(_list(data.get("notes"), f"{path}.notes"))
    ]
    return ValidSession(values, notes)


def _guardian(raw: object, path: str) -> GuardianInput:
    data = _obj(raw, path, GUARDIAN_KEYS)
    access = data.get("can_access_records", True)
    if not isinstance(access, bool):
        raise _reject(f"{path}.can_access_records", "must be true or false.")
    with _At(path):
        return GuardianInput(
            name=v.required_text(data.get("name"), "name", "Guardian's name"),
            relationship=v.optional_text(data.get("relationship"), "relationship", "Relationship"),
            phone=v.optional_text(data.get("phone"), "phone", "Phone", 40),
            email=v.email(data.get("email")),
            can_access_records=access,
        )


def _client(raw: object, path: str, today: date) -> ValidClient:
    data = _obj(raw, path, CLIENT_KEYS)
    emergency = _obj(data.get("emergency_contact") or {}, f"{path}.emergency_contact",
                     EMERGENCY_KEYS)  # fmt: skip
    guardians = [
        _guardian(item, f"{path}.guardians[{i}]")
        for i, item in enumerate(_list(data.get("guardians"), f"{path}.guardians"))
    ]
    with _At(path, _EMERGENCY_FIELDS):
        values = ClientInput(
            first_name=data.get("first_name"),  # type: ignore[arg-type]
            last_name=data.get("last_name"),  # type: ignore[arg-type]
            date_of_birth=data.get("date_of_birth"),  # type: ignore[arg-type]
            preferred_name=data.get("preferred_name"),
            pronouns=data.get("pronouns"),
            phone=data.get("phone"),
            email=data.get("email"),
            address=data.get("address"),
            emergency_name=emergency.get("name"),
            emergency_relationship=emergency.get("relationship"),
            emergency_phone=emergency.get("phone"),
            intake_date=data.get("intake_date"),
            status=data.get("status", "active"),
            discharge_date=data.get("discharge_date"),
            discharge_reason=data.get("discharge_reason"),
            referral=data.get("referral"),
        ).validated(today)
    sessions = [
        _session(item, f"{path}.sessions[{i}]")
        for i, item in enumerate(_list(data.get("sessions"), f"{path}.sessions"))
    ]
    return ValidClient(values, guardians, sessions, paperwork(data, path, values, today))


def validate_practice(data: object, today: date | None = None) -> Practice:
    """Check a whole practice document; raise ImportRejected naming the first problem."""
    today = today or date.today()
    if not isinstance(data, dict):
        raise ImportRejected(
            'The file must hold one JSON object: {"practice": {...}, "clients": [...]}.'
        )
    top = _obj(data, "", ("practice", "clients"))
    if "clients" not in top:
        raise _reject("clients", "is required: a list of clients (it may be empty).")
    practice = _obj(top.get("practice") or {}, "practice", PRACTICE_KEYS)
    settings = {}
    for key in PRACTICE_KEYS:
        value = practice.get(key)
        if value is not None:
            with _At("practice"):
                settings[key] = (
                    v.optional_text(value, key, key.replace("_", " ").capitalize()) or ""
                )
    clients = [
        _client(item, f"clients[{i}]", today)
        for i, item in enumerate(_list(top["clients"], "clients"))
    ]
    _refuse_repeats(clients)
    return Practice(settings, clients)


def _refuse_repeats(clients: list[ValidClient]) -> None:
    """The same person twice in one file is a mistake in the file: say where."""
    seen: dict[Identity, int] = {}
    for i, client in enumerate(clients):
        first = seen.setdefault(client.identity, i)
        if first != i:
            raise _reject(
                f"clients[{i}]",
                f"{client.described} is already clients[{first}] in this file; "
                "give each client once, with all their sessions.",
            )


# -- writing --------------------------------------------------------------------


def _signer(vault: Vault, settings: dict[str, str]) -> str:
    """Who signed the imported notes: the same form the app uses when signing."""
    return signature_name(
        settings.get("clinician_name") or vault.settings.get("clinician_name"),
        settings.get("credentials") or vault.settings.get("credentials"),
    )


class _Batch:
    """Rows waiting for one executemany each; ids are assigned here, in order.

    Ids are handed out from max(id) + 1 inside the write transaction (BEGIN
    IMMEDIATE, so nobody else can insert meanwhile). Knowing them up front lets
    sessions, notes and addenda go in as batches instead of one statement each.
    """

    def __init__(self, conn: Connection, signer: str, now: str) -> None:
        self.conn = conn
        self.signer = signer
        self.now = now
        self.next_session = _next_id(conn, "sessions")
        self.next_note = _next_id(conn, "notes")
        self.sessions: list[tuple[Any, ...]] = []
        self.notes: list[tuple[Any, ...]] = []

    def add_session(self, client_id: int, values: dict[str, Any]) -> int:
        session_id = self.next_session
        self.next_session += 1
        self.sessions.append(
            (session_id, client_id, values["date"], values["duration_minutes"], values["modality"],
             values["attendance"], values["fee_cents"])
        )  # fmt: skip
        return session_id

    def add_note(self, client_id: int, session_id: int | None, amends: int | None, kind: str,
                 template: str, note_date: str, body: str, signed_at: str | None) -> int:  # fmt: skip
        note_id = self.next_note
        self.next_note += 1
        signed_by = digest = None
        if signed_at is not None:
            # The seal `notes.seal` computes, applied at insert time: sealing afterwards
            # would rewrite every signed row, a third of the import's cost.
            signed_by = self.signer
            digest = note_digest(
                {"client_id": client_id, "amends_note_id": amends, "kind": kind,
                 "template": template, "note_date": note_date, "body": body,
                 "signed_at": signed_at, "signed_by": signed_by}
            )  # fmt: skip
        self.notes.append(
            (note_id, client_id, session_id, amends, kind, template, note_date, body, self.now,
             self.now, signed_at, signed_by, digest)
        )  # fmt: skip
        return note_id

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO sessions (id, client_id, date, duration_minutes, modality, attendance,"
            " fee_cents) VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.sessions,
        )
        self.conn.executemany(
            "INSERT INTO notes (id, client_id, session_id, amends_note_id, kind, template,"
            " note_date, body, created_at, updated_at, signed_at, signed_by, sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.notes,
        )
        self.sessions.clear()
        self.notes.clear()


def _next_id(conn: Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def import_practice(vault: Vault, data: object, progress: Progress | None = None) -> ImportSummary:
    """Validate everything, then write it all in one transaction (all or nothing).

    `data` is the parsed JSON, or a Practice already checked by `validate_practice`.
    `progress(done, total)` is called as rows are written and indexed.
    """
    checked = data if isinstance(data, Practice) else validate_practice(data, vault.store.today())
    signer = _signer(vault, checked.settings)
    report = progress or (lambda done, total: None)
    with vault.store.writing("the import") as conn:
        # Signed records can never be removed, so importing a file twice must not
        # create everyone twice: clients already here are left out and named.
        practice, skipped = checked.without(_existing_clients(conn))
        summary = practice.summary(skipped)
        to_index = summary.notes + summary.addenda
        total = practice.records + to_index
        report(0, total)
        for key, value in practice.settings.items():
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        batch = _Batch(conn, signer, vault.store.now_iso())
        paperwork_writer = Writer(
            conn, vault.store.today(), vault.store.clock(), batch.now, vault.store.utc_iso(),
            clinician=practice.settings.get("clinician_name")
            or vault.settings.get("clinician_name"),
            recorded_by=signer,
        )  # fmt: skip
        first_note = batch.next_note
        index_trigger = _suspend_note_indexing(conn) if to_index >= BULK_INDEX_FROM else None
        done = 0
        for client in practice.clients:
            client_id = insert_client(conn, client.values, client.guardians, batch.now)
            paperwork_writer.write(client_id, client.paperwork)
            waiting = len(batch.sessions) + len(batch.notes)
            for session in client.sessions:
                day = session.values["date"]
                session_id = batch.add_session(client_id, session.values)
                for note in session.notes:
                    note_id = batch.add_note(client_id, session_id, None, note.kind,
                                             note.template, day, note.body, note.signed_at)  # fmt: skip
                    for extra in note.addenda:
                        batch.add_note(client_id, None, note_id, note.kind, "free",
                                       extra.signed_at[:10], extra.body, extra.signed_at)  # fmt: skip
            done += 1 + len(batch.sessions) + len(batch.notes) - waiting
            if len(batch.sessions) + len(batch.notes) >= BATCH_ROWS:
                batch.flush()
                report(done, total)
        batch.flush()
        if index_trigger is not None:
            for indexed in _index_notes(conn, first_note, batch.next_note):
                report(done + indexed, total)
            conn.execute(index_trigger)
        append(
            conn,
            vault.store.utc_iso(),
            "import",
            "",
            f"clients={summary.clients} sessions={summary.sessions} notes={summary.notes}"
            f" signed={summary.signed} addenda={summary.addenda} skipped={len(skipped)}"
            f" consents={summary.consents} releases={summary.releases}"
            f" disclosures={summary.disclosures}",
        )
    report(total, total)
    return summary


def _existing_clients(conn: Connection) -> set[Identity]:
    rows = conn.execute("SELECT first_name, last_name, date_of_birth FROM clients")
    return {identity(first, last, born) for first, last, born in rows}


def _suspend_note_indexing(conn: Connection) -> str | None:
    """Drop the trigger that indexes each new note; return its SQL to restore it.

    Indexing notes as they are inserted interleaves two B-trees and costs about
    twice as much as indexing them all afterwards, which decides whether 100,000
    notes import in seconds or in half a minute. Dropping and re-creating the
    trigger happens inside the import's transaction, so a failure restores it.
    """
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (FTS_INSERT_TRIGGER,)
    ).fetchone()
    if row is None:  # a later schema indexes differently: leave it to do so
        return None
    conn.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
    return str(row[0])


def _index_notes(conn: Connection, first: int, end: int) -> Iterator[int]:
    """Index notes first..end-1 as the dropped trigger would have; yield how many so far."""
    for start in range(first, end, INDEX_STEP):
        stop = min(start + INDEX_STEP, end)
        conn.execute(
            "INSERT INTO notes_fts (rowid, body) SELECT id, body FROM notes"
            " WHERE id >= ? AND id < ? ORDER BY id",
            (start, stop),
        )
        yield stop - first


# -- reading a file -------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the field {key!r} appears twice in one record")
        result[key] = value
    return result


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_practice_file(path: Path) -> object:
    """The parsed JSON of a practice file; every way it can be unreadable is a sentence."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportRejected(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportRejected(f"{path} is a folder; give the practice file inside it.") from None
    except OSError as exc:
        raise ImportRejected(f"Could not read {path}: {exc.strerror or exc}.") from None
    if raw.startswith(_UTF16_BOMS):
        raise ImportRejected(
            f"{path} is saved as UTF-16 text; save it as UTF-8 in your editor and try again."
        )
    try:
        # utf-8-sig: Windows editors start a UTF-8 file with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            f"{path} is not UTF-8 text, so it cannot be a JSON file; "
            "save it as UTF-8 in your editor and try again."
        ) from None
    return parse_practice(text, str(path))


def parse_practice(text: str, source: str) -> object:
    """JSON text to Python data; `source` names the file in messages."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except RecursionError:  # the C decoder descends once per [ or {
        raise ImportRejected(
            f"{source} has lists or objects nested far too deeply to be a practice file."
        ) from None
    except ValueError as exc:
        raise ImportRejected(f"{source} is not usable JSON: {v.printable(str(exc))}.") from None


def import_file(vault: Vault, path: Path, progress: Progress | None = None) -> ImportSummary:
    return import_practice(vault, read_practice_file(path), progress)
