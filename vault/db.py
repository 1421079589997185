"""Opening the SQLCipher database with the raw data key, and naming what went wrong.

By the time we get here the data key has been authenticated by the header (or is
a recovery key the user typed), so a database that will not open is damaged or
foreign, not a wrong passphrase.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from vault.errors import DatabaseDamaged, DiskFull, NotAVault, StorageFailure, VaultError

PAGE_SIZE = 4096
PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"

if TYPE_CHECKING:
    # sqlcipher3 ships no type information; its Connection has sqlite3's API.
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError


def connect(
    path: Path, dek: bytes, *, create: bool = False, undecryptable: VaultError | None = None
) -> Connection:
    """`undecryptable` replaces the "first page damaged" error when the key itself is
    unproven (a recovery key typed with no header to check it against)."""
    if not create:
        refuse_foreign_file(path)
    mode = "rwc" if create else "rw"
    conn: Connection = sqlcipher3.connect(
        f"file:{path}?mode={mode}", uri=True, check_same_thread=False, isolation_level=None
    )
    try:
        # Before the key, so a wrong key or a damaged page prints nothing to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        # OFF, against DESIGN.md's list (see docs/architecture.md): ON makes SQLCipher
        # mlock and wipe every allocation, two system calls each, which made a
        # common-word search 7x slower (923 ms) and import 10x slower, while the same
        # text sits unwiped in Python's strings and widgets anyway. Core dumps are off
        # (hardening.py); swap is covered by the README's advice on disk encryption.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            if undecryptable is not None:
                raise undecryptable from None
            raise DatabaseDamaged(
                "The vault's database cannot be decrypted: its first page is damaged "
                "or the file is not this vault's database. Restore it from a backup."
            ) from None
        with translated_errors("opening the vault"):  # e.g. no room for the WAL file
            for pragma in (
                "journal_mode = WAL",
                "synchronous = FULL",
                "secure_delete = ON",
                "foreign_keys = ON",
                "temp_store = MEMORY",  # sorting never spills decrypted rows to a temp file
                "busy_timeout = 2000",
            ):
                conn.execute(f"PRAGMA {pragma}")
        # SQLite's LIKE and lower() fold ASCII only; names are not all ASCII ("Élodie").
        conn.create_function("casefold", 1, _casefold, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def refuse_foreign_file(path: Path) -> None:
    """Name an empty, truncated or plain-SQLite file before SQLCipher tries it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(len(PLAIN_SQLITE_MAGIC))
    except FileNotFoundError:
        raise DatabaseDamaged(
            "The vault's database file is missing. Restore it from a backup."
        ) from None
    except OSError as exc:  # a folder in its place, or no permission to read it
        raise StorageFailure(
            f"Could not read the vault's database ({exc.strerror or exc}). Check that "
            f"{path.name} is a file you can read."
        ) from None
    if size == 0:
        raise DatabaseDamaged("The vault's database file is empty. Restore it from a backup.")
    if start == PLAIN_SQLITE_MAGIC:
        raise NotAVault(
            "The database file is a plain, unencrypted SQLite file, not a Quietroom vault."
        )
    if size % PAGE_SIZE:
        raise DatabaseDamaged(
            "The vault's database file is truncated (cut short). Restore it from a backup."
        )


def _primary_code(exc: Exception) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # extended codes keep it in the low byte


def is_disk_full(exc: Exception) -> bool:
    # By error code, not by words in the message: an FTS5 error quotes the user's
    # query, and searching for "full:" must not read as a full disk.
    code = _primary_code(exc)
    if code is not None:
        return bool(code == sqlcipher3.SQLITE_FULL)
    return "database or disk is full" in str(exc)


def is_damage(exc: Exception) -> bool:
    code = _primary_code(exc)
    if code is not None:
        return code in (sqlcipher3.SQLITE_CORRUPT, sqlcipher3.SQLITE_NOTADB)
    text = str(exc)
    return "database disk image is malformed" in text or "file is not a database" in text


@contextlib.contextmanager
def translated_errors(what: str) -> Iterator[None]:
    """Turn SQLite failures during a read or write into one clear sentence."""
    try:
        yield
    except VaultError:
        raise
    except sqlcipher3.OperationalError as exc:
        if is_disk_full(exc):
            raise DiskFull(
                f"The disk is full, so {what} was not saved. Nothing was lost; "
                "free some space and try again."
            ) from None
        if is_damage(exc):
            raise _damaged() from None
        raise StorageFailure(f"Could not complete {what}: {exc}.") from None
    except sqlcipher3.DatabaseError as exc:
        if isinstance(exc, sqlcipher3.IntegrityError):
            raise
        raise _damaged() from None


def _damaged() -> DatabaseDamaged:
    return DatabaseDamaged(
        "Part of the vault's database is damaged and cannot be read. Run `quietroom verify`, "
        "then restore from a backup."
    )


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (disk full, a deferred constraint) leaves the
            # transaction open; without this every later write would fail with
            # "cannot start a transaction within a transaction".
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
