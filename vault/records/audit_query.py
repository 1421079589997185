"""Finding entries in the audit log: by client, action, local dates and text.

Newest first, a page at a time, with keyset paging (`before` an entry id), so a
deep page costs what the first one does. Every filter is answered from an index
of migration 005 (vault/records/audit_schema.py), never by reading the whole
log: a million entries must answer in 50 ms (bench/audit.py).

- Several actions: one small indexed query per action, merged (SQLite cannot
  walk one index for `action IN (...)` in id order).
- Dates: the local day's start and end become UTC instants (entries are stored
  in UTC); the time index gives the first and last entry id inside them, and the
  query runs over that id window with the time condition kept as well. Entries
  are appended in time order, so the window holds them all unless the computer's
  clock was set back while entries were written.
- Text: the trigram index over action, subject and detail, read newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from vault.errors import InvalidRecord
from vault.records.audit import ACTIONS
from vault.records.display import clean_line
from vault.records.models import AuditEntry
from vault.records.validation import optional_date
from vault.storage.db import Connection
from vault.storage.store import Store

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MIN_TEXT = 3  # the trigram index cannot look for less
# Up to this many entries left by the client and action filters, the text is checked on
# each of them; past it, the text index leads and the other filters are checked on its matches.
DRIVE_LIMIT = 20_000
# Case folded as the trigram index folds it (ASCII: audit text is codes and ids).
TEXT_IN_ROW = (
    "(instr(lower(a.action), ?) > 0 OR instr(lower(a.subject), ?) > 0"
    " OR instr(lower(a.detail), ?) > 0)"
)
Row = tuple[Any, ...]
COLUMNS = "a.id, a.at, a.action, a.subject, a.detail, a.prev_hash, a.hash, a.client_id"


@dataclass(frozen=True)
class AuditFilter:
    client_id: int | None = None
    actions: tuple[str, ...] = ()
    from_date: date | None = None  # local dates, both included
    to_date: date | None = None
    text: str = ""


@dataclass(frozen=True)
class FoundEntry:
    entry: AuditEntry
    client_id: int | None

    @property
    def id(self) -> int:
        return self.entry.id


@dataclass(frozen=True)
class AuditPage:
    entries: list[FoundEntry] = field(default_factory=list)
    next_before: int | None = None  # pass as `before` for the next (older) page


def check_filter(wanted: AuditFilter) -> None:
    """One sentence for a filter that cannot be answered, naming the field."""
    if wanted.from_date and wanted.to_date and wanted.from_date > wanted.to_date:
        raise InvalidRecord("The 'from' date is after the 'to' date; swap them.", "to_date")
    text = wanted.text.strip()
    if text and len(text) < MIN_TEXT:
        raise InvalidRecord(
            f"Type at least {MIN_TEXT} characters to search the audit log's text.", "text"
        )


def filter_from_text(
    client_id: int | None = None,
    actions: tuple[str, ...] | list[str] = (),
    from_text: str = "",
    to_text: str = "",
    text: str = "",
) -> AuditFilter:
    """A filter from what a person typed; InvalidRecord names the field at fault."""
    wanted = tuple(a.strip() for a in actions if a.strip())
    unknown = [a for a in wanted if a not in ACTIONS]
    if unknown:
        raise InvalidRecord(
            f"There is no audit action called {clean_line(unknown[0])!r}; actions are written "
            "like sign_note or open_client (`quietroom audit --help` lists them).",
            "action",
        )
    wanted_filter = AuditFilter(
        client_id=client_id,
        actions=wanted,
        from_date=optional_date(from_text, "from_date", "The 'from' date"),
        to_date=optional_date(to_text, "to_date", "The 'to' date"),
        text=text.strip(),
    )
    check_filter(wanted_filter)
    return wanted_filter


def utc_bounds(wanted: AuditFilter) -> tuple[str | None, str | None]:
    """The local dates as UTC instants: [start of from_date, start of the day after to_date)."""

    def start_of(day: date) -> str:
        local = datetime.combine(day, time()).astimezone()  # this computer's zone that day
        return local.astimezone(UTC).isoformat(timespec="seconds")

    low = start_of(wanted.from_date) if wanted.from_date else None
    high = start_of(wanted.to_date + timedelta(days=1)) if wanted.to_date else None
    return low, high


class AuditQuery:
    def __init__(self, store: Store) -> None:
        self._store = store

    def page(
        self, wanted: AuditFilter, before: int | None = None, limit: int = PAGE_SIZE
    ) -> AuditPage:
        """The newest `limit` entries matching `wanted` with an id below `before`."""
        check_filter(wanted)
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        with self._store.reading("the audit log") as conn:
            rows = _find(conn, wanted, before, limit + 1)
        found = [FoundEntry(AuditEntry(*row[:7]), row[7]) for row in rows[:limit]]
        more = len(rows) > limit
        return AuditPage(found, found[-1].id if more and found else None)

    def client_names(self, client_ids: set[int]) -> dict[int, tuple[str, str, str | None]]:
        """(first, last, preferred) for the clients still in the vault, to label entries."""
        if not client_ids:
            return {}
        marks = ", ".join("?" * len(client_ids))
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT id, first_name, last_name, preferred_name FROM clients WHERE id IN ({marks})",
                tuple(client_ids),
            ).fetchall()
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def nth_page(self, wanted: AuditFilter, number: int, limit: int = PAGE_SIZE) -> AuditPage:
        """Page `number` (1 is the newest), walked to by keyset: each step is one indexed query."""
        result = self.page(wanted, None, limit)
        for _ in range(max(0, number - 1)):
            if result.next_before is None:
                return AuditPage([], None)
            result = self.page(wanted, result.next_before, limit)
        return result


def _find(conn: Connection, wanted: AuditFilter, before: int | None, limit: int) -> list[Row]:
    low_id, high_id = _id_window(conn, wanted)
    if low_id is not None and high_id is not None and low_id > high_id:
        return []
    if before is not None:
        high_id = before - 1 if high_id is None else min(high_id, before - 1)
    conditions: list[str] = []
    params: list[object] = []
    low_at, high_at = utc_bounds(wanted)
    for clause, value in (
        ("a.client_id = ?", wanted.client_id),
        ("a.id >= ?", low_id),
        ("a.id <= ?", high_id),
        ("a.at >= ?", low_at),
        ("a.at < ?", high_at),
    ):
        if value is not None:
            conditions.append(clause)
            params.append(value)
    text = wanted.text.strip()
    indexed = wanted.client_id is not None or bool(wanted.actions)
    if text and not (indexed and _few(conn, wanted.actions, conditions, params)):
        return _by_text(conn, text, wanted.actions, conditions, params, limit)
    if text:  # a client's or an action's entries are few: read them, text checked on each
        conditions.append(TEXT_IN_ROW)
        params += [text.lower()] * 3
    return _by_actions(conn, wanted.actions, conditions, params, limit)


def _by_actions(
    conn: Connection,
    actions: tuple[str, ...],
    conditions: list[str],
    params: list[object],
    limit: int,
) -> list[Row]:
    if len(actions) <= 1:
        extra = ["a.action = ?"] if actions else []
        return _newest(conn, "audit_log a", [*conditions, *extra], [*params, *actions], limit)
    rows: list[Row] = []
    for action in dict.fromkeys(actions):
        rows += _newest(
            conn, "audit_log a", [*conditions, "a.action = ?"], [*params, action], limit
        )
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows[:limit]


def _few(
    conn: Connection, actions: tuple[str, ...], conditions: list[str], params: list[object]
) -> bool:
    """Whether the entries the client and actions filters leave are few enough to check
    for the text one by one; counted only up to DRIVE_LIMIT, so the count stays cheap."""
    seen = 0
    for action in dict.fromkeys(actions) if actions else (None,):
        extra = ["a.action = ?"] if action else []
        where = " AND ".join([*conditions, *extra])
        counted = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM audit_log a WHERE {where} LIMIT ?)",
            (*params, *([action] if action else []), DRIVE_LIMIT),
        ).fetchone()[0]
        seen += int(counted)
        if seen >= DRIVE_LIMIT:
            return False
    return True


def _newest(
    conn: Connection, source: str, conditions: list[str], params: list[object], limit: int
) -> list[Row]:
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"SELECT {COLUMNS} FROM {source}{where} ORDER BY a.id DESC LIMIT ?"
    return conn.execute(sql, (*params, limit)).fetchall()


def _by_text(
    conn: Connection,
    text: str,
    actions: tuple[str, ...],
    conditions: list[str],
    params: list[object],
    limit: int,
) -> list[Row]:
    # The index's rowid carries the id bounds, so FTS5 itself starts at the right place.
    where = ["audit_fts MATCH ?", *(clause.replace("a.id", "f.rowid") for clause in conditions)]
    args: list[object] = [_phrase(text), *params]
    covering = _covering_trigrams(text)
    if covering is not None:
        args[0] = " AND ".join(_phrase(gram) for gram in covering)
        where.append(TEXT_IN_ROW)  # the trigrams were found apart: is the text itself there?
        args += [text.lower()] * 3
    if actions:
        where.append(f"a.action IN ({', '.join('?' * len(actions))})")
        args += list(actions)
    sql = (
        f"SELECT {COLUMNS} FROM audit_fts f JOIN audit_log a ON a.id = f.rowid"
        f" WHERE {' AND '.join(where)} ORDER BY f.rowid DESC LIMIT ?"
    )
    return conn.execute(sql, (*args, limit)).fetchall()


def _phrase(text: str) -> str:
    """The text as one FTS5 string: taken as typed, never as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def _covering_trigrams(text: str) -> list[str] | None:
    """Trigrams that cover `text` without overlapping, or None to search for the phrase.

    FTS5 reads the list of every trigram of a phrase, with positions, so a long text
    made of common pieces ("disclosure:987654") costs many lists. Every third trigram
    (and the last) still covers each character; entries holding all of them are few,
    and each is then checked for the text itself (measured: 9.6 ms down to 2.2 ms on
    a million entries). Only for ASCII text, where SQLite's lower() folds case as the
    index does; other text takes the phrase.
    """
    folded = text.lower()
    grams = [folded[i : i + 3] for i in range(len(folded) - 2)]
    if len(grams) <= 3 or not text.isascii():
        return None
    chosen = grams[::3]
    if (len(grams) - 1) % 3:
        chosen.append(grams[-1])
    return list(dict.fromkeys(chosen))


def _id_window(conn: Connection, wanted: AuditFilter) -> tuple[int | None, int | None]:
    """The first and last entry ids inside the date range (None: that side is open)."""
    low_at, high_at = utc_bounds(wanted)
    low_id = high_id = None
    if low_at is not None:
        row = conn.execute(
            "SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1", (low_at,)
        ).fetchone()
        low_id = row[0] if row else _after_last(conn)
    if high_at is not None:
        row = conn.execute(
            "SELECT id FROM audit_log WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1", (high_at,)
        ).fetchone()
        high_id = row[0] if row else 0
    return low_id, high_id


def _after_last(conn: Connection) -> int:
    row = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    return int(row[0] or 0) + 1
