"""Full-text search over note text (FTS5), ranked by bm25 or newest first.

Plain words are the common case and are made safe: each is quoted, and the last
one matches as a prefix so results appear while a word is still being typed.
A query that uses FTS5's own syntax (quotes, parentheses, AND/OR/NOT/NEAR, *)
is passed through, and a malformed one becomes a sentence, not a crash.
"""

from __future__ import annotations

import re
from datetime import date

import sqlcipher3

from vault.errors import SearchSyntax, VaultError
from vault.records.models import SearchHit, initials
from vault.storage.db import is_damage, is_disk_full
from vault.storage.store import Store

# Private-use characters mark the matched words in a snippet; the UI turns them
# into highlighting after cleaning the text, and they never come from the FTS
# index as markup a widget would interpret.
MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_TOKENS = 14

# No colon: FTS5 reads "x:" as a column filter, but people type colons in times
# ("5:30") and template headings ("Plan:"), and the index has one column anyway.
# A one- or two-letter prefix matches nearly every note ("a*" took 0.4 s on 100,000
# notes) and tells the user nothing; below three letters a word matches exactly,
# which still finds short terms such as "GP" at once.
MIN_PREFIX = 3

# Each word costs a pass over its matches. On the 100,000-note bench vault the
# commonest word ("the") took 0.9 s once and 1.3 s ten times, but 5,000 times over
# a minute. The search box and the CLI share these bounds (screens/search.py sizes
# its box by MAX_QUERY_CHARS).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10

_ADVANCED = re.compile(r'["()*^+]|\b(AND|OR|NOT|NEAR)\b')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


class SearchTooLong(VaultError):
    """A query over the bounds: refused before it reaches the index."""

    title = "Search"


def check_query_size(text: str) -> None:
    """Raise SearchTooLong, with a sentence, when `text` is over either bound."""
    if len(text.strip()) > MAX_QUERY_CHARS:
        raise SearchTooLong(
            f"A search can be at most {MAX_QUERY_CHARS} characters long; "
            "search for a few distinctive words instead."
        )
    words = [word for word in _WORD.findall(text) if word not in _OPERATORS]
    if len(words) > MAX_QUERY_WORDS:
        raise SearchTooLong(
            f"A search can hold at most {MAX_QUERY_WORDS} words (this one has {len(words)}); "
            "keep the most distinctive ones."
        )


def fts_query(text: str) -> str | None:
    """The FTS5 expression for what the user typed; None when there is nothing to find."""
    text = text.strip()
    if not text:
        return None
    if _ADVANCED.search(text):
        return text
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if len(words[-1]) >= MIN_PREFIX:
        quoted[-1] += "*"
    return " ".join(quoted)


_RESULT_COLUMNS = (
    "SELECT f.id, n.client_id, c.first_name, c.last_name, c.preferred_name, n.note_date,"
    " n.kind, n.signed_at IS NOT NULL, f.snip"
)

# One FTS5 pass: FTS5 consumes ORDER BY rank LIMIT itself and makes snippets only for
# the rows it returns. (Joining back to notes_fts for snippets instead re-ran the
# MATCH once per row and rebuilt a prefix term's whole doclist each time.)
RANKED_SQL = (
    f"{_RESULT_COLUMNS} FROM (SELECT rowid AS id, rank,"
    "  snippet(notes_fts, 0, :start, :end, '…', :tokens) AS snip"
    "  FROM notes_fts WHERE notes_fts MATCH :q ORDER BY rank LIMIT :limit) AS f"
    " JOIN notes n ON n.id = f.id JOIN clients c ON c.id = n.client_id"
    " ORDER BY f.rank"
)

# The newest `limit` matches through a small covering index (id -> date), so the
# sort never reads the large note rows; then snippets for just those, in one pass.
# INDEXED BY because, without ANALYZE, the planner would read the table instead.
# The + before rowid stops FTS5 turning the IN list into one MATCH per id.
NEWEST_SQL = (
    "WITH newest AS MATERIALIZED ("
    "  SELECT n.id, n.note_date FROM notes_fts"
    "  JOIN notes n INDEXED BY notes_date_by_id ON n.id = notes_fts.rowid"
    "  WHERE notes_fts MATCH :q ORDER BY n.note_date DESC, n.id DESC LIMIT :limit),"
    " f AS MATERIALIZED ("
    "  SELECT rowid AS id, snippet(notes_fts, 0, :start, :end, '…', :tokens) AS snip"
    "  FROM notes_fts WHERE notes_fts MATCH :q AND +rowid IN (SELECT id FROM newest))"
    f" {_RESULT_COLUMNS} FROM newest JOIN f ON f.id = newest.id"
    " JOIN notes n ON n.id = newest.id JOIN clients c ON c.id = n.client_id"
    " ORDER BY newest.note_date DESC, newest.id DESC"
)


class SearchService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def search(self, text: str, *, newest_first: bool = False, limit: int = 50) -> list[SearchHit]:
        """Hits for what the user typed; SearchTooLong or SearchSyntax say what to change."""
        check_query_size(text)
        expression = fts_query(text)
        if expression is None:
            return []
        sql = NEWEST_SQL if newest_first else RANKED_SQL
        params = {"q": expression, "limit": limit, "start": MARK_START, "end": MARK_END,
                  "tokens": SNIPPET_TOKENS}  # fmt: skip
        with self._store.reading("the search") as conn:
            try:
                rows = conn.execute(sql, params).fetchall()
            except sqlcipher3.OperationalError as exc:
                if is_disk_full(exc) or is_damage(exc):
                    raise  # storage trouble, named by the store
                raise SearchSyntax(_syntax_message(str(exc))) from None
        return [
            SearchHit(
                note_id=nid,
                client_id=cid,
                client_name=f"{preferred or first} {last}",
                client_initials=initials(preferred or first, last),
                note_date=date.fromisoformat(day),
                kind=kind,
                is_signed=bool(signed),
                snippet=snippet,
            )  # fmt: skip
            for nid, cid, first, last, preferred, day, kind, signed, snippet in rows
        ]


def _syntax_message(detail: str) -> str:
    # Match the start only: the rest of FTS5's message may quote the user's query.
    if detail.startswith("unterminated string"):
        return 'The search has an unclosed quote ("). Close it or remove it.'
    if detail.startswith("no such column"):
        return (
            "A colon (:) in a search names a field, and notes have none. "
            'Leave the colon out, or put the words in quotes: "5:30".'
        )
    if detail.startswith("fts5: syntax error"):
        return (
            "The search could not be understood. Use plain words, or check the brackets, "
            "quotes and AND / OR / NOT / NEAR."
        )
    return "The search could not be run. Try plain words."
