"""SQLite failures become sentences by their error code, never by SQLite's own text,
which can quote a record; and only real damage is called damage."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from vault.errors import (
    CannotOpen,
    DatabaseDamaged,
    DiskFull,
    StorageFailure,
    VaultError,
    VaultInUse,
)
from vault.storage.db import (
    Connection,
    _open_failure,
    connect,
    database_uri,
    plain_words,
    translated_errors,
)

KEY = bytes(range(32))
SECRET = "Ana Okafor's panic attacks"


@pytest.fixture
def conn(tmp_path: Path) -> Connection:
    conn = connect(tmp_path / "t.db", KEY, create=True)
    conn.execute("CREATE TABLE notes (body TEXT NOT NULL)")
    conn.execute("CREATE VIRTUAL TABLE notes_fts USING fts5 (body)")
    conn.execute("INSERT INTO notes VALUES (?)", (SECRET,))
    return conn


def _caught(conn: Connection, sql: str, *params: object) -> StorageFailure:
    with pytest.raises(StorageFailure) as caught, translated_errors("your note"):
        conn.execute(sql, params)
    return caught.value


def test_sqlite_text_that_quotes_a_record_never_reaches_the_message(conn: Connection) -> None:
    # SQLite's own text here is "no such column: Okafor".
    failure = _caught(conn, "SELECT * FROM notes_fts WHERE notes_fts MATCH ?", "Okafor: panic")
    assert "Okafor" not in failure.message and "panic" not in failure.message
    assert failure.message == (
        "Could not complete your note: an unexpected database error (SQLite code 1)."
    )


def test_an_error_with_a_value_in_its_text_is_named_by_its_code(conn: Connection) -> None:
    # SQLite's own text here is 'expected integer, got "panic"'.
    failure = _caught(conn, "SELECT * FROM notes_fts WHERE notes_fts MATCH ?", "NEAR(a b, panic)")
    assert "panic" not in failure.message


def test_a_read_only_database_is_said_so(conn: Connection, tmp_path: Path) -> None:
    reader = sqlcipher3.connect(database_uri(tmp_path / "t.db", "ro"), uri=True)
    reader.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    try:
        failure = _caught(reader, "INSERT INTO notes VALUES ('x')")
    finally:
        reader.close()
    assert failure.message == "Could not complete your note: the vault's files are read-only."
    assert not isinstance(failure, DatabaseDamaged)


def test_a_full_disk_is_said_so(conn: Connection) -> None:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull), translated_errors("your note"):
        conn.execute("INSERT INTO notes VALUES (?)", ("x" * 100_000,))


def test_a_closed_connection_is_not_called_damage(conn: Connection) -> None:
    conn.close()
    failure = _caught(conn, "SELECT 1")
    assert not isinstance(failure, DatabaseDamaged)


def test_every_named_code_reads_as_plain_words() -> None:
    for code in range(1, 30):
        words = plain_words(_Coded(code))
        assert SECRET not in words and words == words.strip() and words[0].islower()
    assert plain_words(_Coded(sqlcipher3.SQLITE_IOERR | (3 << 8))) == (
        "the disk reported a read or write error"  # an extended code, IOERR_WRITE
    )


class _Coded(Exception):
    """A failure as sqlcipher3 raises it, with SQLite's text quoting a record."""

    def __init__(self, code: int) -> None:
        super().__init__(f"raw text quoting {SECRET}")
        self.sqlite_errorcode = code


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        (sqlcipher3.SQLITE_NOTADB, DatabaseDamaged, "a page it needs to open at all"),
        (sqlcipher3.SQLITE_CORRUPT, DatabaseDamaged, "a page it needs to open at all"),
        (sqlcipher3.SQLITE_FULL, DiskFull, "is full"),
        (sqlcipher3.SQLITE_IOERR, CannotOpen, "The disk reported an error"),
        (sqlcipher3.SQLITE_CANTOPEN, CannotOpen, "could not create the vault's working files"),
        (sqlcipher3.SQLITE_READONLY, CannotOpen, "cannot be written here"),
        (sqlcipher3.SQLITE_PERM, CannotOpen, "cannot be written here"),
        (sqlcipher3.SQLITE_BUSY, VaultInUse, "Another program"),
        (sqlcipher3.SQLITE_NOMEM, CannotOpen, "ran out of memory"),
        (sqlcipher3.SQLITE_ERROR, CannotOpen, "unexpected database error (SQLite code 1)"),
    ],
)
def test_each_way_the_first_read_can_fail_has_its_own_words(
    tmp_path: Path, code: int, error: type[VaultError], words: str
) -> None:
    refusal = _open_failure(_Coded(code), tmp_path / "quietroom.db", None)
    assert type(refusal) is error and words in refusal.message
    assert SECRET not in refusal.message
    if error is not DatabaseDamaged:
        assert "restore" not in refusal.message.lower()
