"""Opening the SQLCipher database with the raw data key, and naming what went wrong.

By the time we get here the data key has been authenticated by the header (or is
a recovery key the user typed), so a first page that fails its HMAC is damaged or
foreign, not a wrong passphrase. Everything else (a full disk, a folder we may not
write in, a failing disk) is named as what it is, by SQLite's error code: a page
is called damaged only when it really fails authentication.
"""

from __future__ import annotations

import contextlib
import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from vault.errors import (
    CannotOpen,
    DatabaseDamaged,
    DiskFull,
    NotAVault,
    StorageFailure,
    VaultError,
    VaultInUse,
)
from vault.records.display import fold_for_matching
from vault.storage.layout import open_for_reading, refuse_read_only, refuse_unusable_surroundings

PAGE_SIZE = 4096
SALT_BYTES = 16  # SQLCipher keeps the database salt in the file's first 16 bytes
PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"

if TYPE_CHECKING:
    # sqlcipher3 ships no type information; its Connection has sqlite3's API.
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError


def database_uri(path: Path, mode: str) -> str:
    """A path is not a URI: unescaped, "#" or "?" ends it early (SQLite then writes a
    sibling file) and "%" starts an escape. Every byte but "/" is quoted."""
    return "file://" + urllib.parse.quote(str(Path(path).absolute())) + f"?mode={mode}"


def connect(
    path: Path,
    dek: bytes,
    *,
    create: bool = False,
    salt: bytes | None = None,
    undecryptable: VaultError | None = None,
) -> Connection:
    """Open (or with `create`, make) the database keyed with the raw data key.

    `salt` is the database salt the key header recorded: SQLCipher then takes it
    from the key instead of the file's first 16 bytes, so damage there costs
    nothing (`repair_salt` puts it back). `undecryptable` replaces the "first page
    damaged" error when the key itself is unproven (a recovery key typed with no
    header to check it against).
    """
    if not create:
        refuse_foreign_file(path)
        refuse_unusable_surroundings(path)
    conn = _first_read(path, dek, salt, create, undecryptable)
    try:
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
        conn.create_function("fold", 1, _fold, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _first_read(
    path: Path, dek: bytes, salt: bytes | None, create: bool, undecryptable: VaultError | None
) -> Connection:
    """Key a connection and read the first page, which proves the key (its HMAC)."""
    try:
        return _keyed_and_read(path, dek, salt, create)
    except sqlcipher3.Error as exc:
        if salt is not None and not create and is_damage(exc) and salt_on_disk(path) != salt:
            # The salt the header recorded does not open this file, and the file holds
            # another one: a backup's database was made with its own salt under a
            # header copied byte for byte. The file's own salt is then the right one.
            try:
                return _keyed_and_read(path, dek, None, create)
            except sqlcipher3.Error as again:
                raise _open_failure(again, path, undecryptable) from None
        raise _open_failure(exc, path, undecryptable) from None


def _keyed_and_read(path: Path, dek: bytes, salt: bytes | None, create: bool) -> Connection:
    conn: Connection = sqlcipher3.connect(
        database_uri(path, "rwc" if create else "rw"),
        uri=True,
        check_same_thread=False,
        isolation_level=None,
    )
    try:
        # Before the key, so a wrong key or a damaged page prints nothing to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # A raw key with an explicit salt: SQLCipher's "x'<key hex><salt hex>'" form.
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}{salt.hex() if salt else ''}'\"")
        # OFF, against DESIGN.md's list (see docs/architecture.md): ON makes SQLCipher
        # mlock and wipe every allocation, two system calls each, which made a
        # common-word search 7x slower (923 ms) and import 10x slower, while the same
        # text sits unwiped in Python's strings and widgets anyway. Core dumps are off
        # (hardening.py); swap is covered by the README's advice on disk encryption.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _open_failure(exc: Exception, path: Path, undecryptable: VaultError | None) -> VaultError:
    """Name why the first read failed. Only a page that fails authentication is damage;
    a full disk, a folder we may not write in or a failing disk is said as such."""
    if is_damage(exc):
        if undecryptable is not None:
            return undecryptable
        return DatabaseDamaged(
            "The vault's database cannot be decrypted: a page it needs to open at all (the "
            "first, or its list of tables) is damaged, or the file is not this vault's "
            "database. Restore it from a backup."
        )
    code = _primary_code(exc)
    folder = path.parent
    if is_disk_full(exc) or (
        code in (sqlcipher3.SQLITE_IOERR, sqlcipher3.SQLITE_CANTOPEN) and disk_is_full(folder)
    ):
        return DiskFull(
            f"The disk holding {folder} is full, so the vault could not be opened; nothing "
            "is damaged. Free some space, then open it again."
        )
    if code == sqlcipher3.SQLITE_CANTOPEN:
        return CannotOpen(
            f"Quietroom could not create the vault's working files in {folder}. Check that "
            "you can write in that folder and that its disk is connected, then try again."
        )
    if code == sqlcipher3.SQLITE_IOERR:
        return CannotOpen(
            "The disk reported an error while the vault was being opened; nothing is "
            "damaged by this. Check that the disk is connected and working, then try again."
        )
    if code in (sqlcipher3.SQLITE_READONLY, sqlcipher3.SQLITE_PERM, sqlcipher3.SQLITE_AUTH):
        return CannotOpen(
            f"The vault's files in {folder} cannot be written here, so the vault could not be "
            "opened. Check that you may write in that folder and its files, or copy the "
            "vault to a disk you can write to."
        )
    if code in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return VaultInUse(
            "Another program is using the vault's database right now. Close it, then try again."
        )
    return CannotOpen(f"Could not open the vault's database: {plain_words(exc)}. Try again.")


def _fold(value: str | None) -> str | None:
    return fold_for_matching(value) if isinstance(value, str) else value


def refuse_foreign_file(path: Path) -> None:
    """Name a missing, odd, empty, truncated or plain-SQLite file before SQLCipher tries it."""
    try:
        fd = open_for_reading(path, "the vault's database")
    except FileNotFoundError:
        raise DatabaseDamaged(
            "The vault's database file is missing. Restore it from a backup."
        ) from None
    try:
        size = os.fstat(fd).st_size
        start = os.read(fd, len(PLAIN_SQLITE_MAGIC))
    except OSError as exc:
        raise CannotOpen(
            f"Could not read the vault's database ({exc.strerror or exc}). Check that the "
            "disk is connected and working, then try again."
        ) from None
    finally:
        os.close(fd)
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
    refuse_read_only(path, "the vault's database")


# -- the database salt ----------------------------------------------------------------


def salt_on_disk(path: Path) -> bytes | None:
    try:
        fd = open_for_reading(path, "the vault's database")
    except (OSError, VaultError):
        return None
    try:
        return os.pread(fd, SALT_BYTES, 0)
    except OSError:
        return None
    finally:
        os.close(fd)


def database_salt(conn: Connection) -> bytes:
    """The salt the open connection uses: what a new key header records."""
    row = conn.execute("PRAGMA cipher_salt").fetchone()
    return bytes.fromhex(str(row[0]))


def repair_salt(conn: Connection, path: Path) -> str | None:
    """Put the salt that opened the database back into its first 16 bytes if they differ.

    Called only once the key and salt have opened the first page (its HMAC checked),
    so the file is this vault's and only those 16 bytes were wrong. Returns a
    sentence for the user when something was repaired, or could not be.
    """
    salt = database_salt(conn)
    if salt_on_disk(path) in (salt, None):
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            os.pwrite(fd, salt, 0)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return (
            "The database's salt bytes are damaged and could not be repaired "
            f"({exc.strerror or exc}); the vault opens anyway, as its key header keeps a copy."
        )
    return "The database's salt bytes were damaged and have been repaired; no record was lost."


# -- naming SQLite's failures -----------------------------------------------------------

LOW_SPACE_BYTES = 1024 * 1024  # less than this free and SQLite cannot make its -wal and -shm


def disk_is_full(folder: Path) -> bool:
    try:
        space = os.statvfs(folder)
    except OSError:
        return False
    no_inodes = space.f_files > 0 and space.f_favail == 0
    return space.f_bavail * space.f_frsize < LOW_SPACE_BYTES or no_inodes


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


_PLAIN_WORDS = {
    sqlcipher3.SQLITE_FULL: "the disk is full",
    sqlcipher3.SQLITE_IOERR: "the disk reported a read or write error",
    sqlcipher3.SQLITE_READONLY: "the vault's files are read-only",
    sqlcipher3.SQLITE_CANTOPEN: "one of the vault's files could not be opened",
    sqlcipher3.SQLITE_PERM: "permission was refused",
    sqlcipher3.SQLITE_AUTH: "permission was refused",
    sqlcipher3.SQLITE_BUSY: "another program was using the vault's database",
    sqlcipher3.SQLITE_LOCKED: "the vault's database was busy",
    sqlcipher3.SQLITE_NOMEM: "the computer ran out of memory",
    sqlcipher3.SQLITE_TOOBIG: "an entry was too large to store",
    sqlcipher3.SQLITE_INTERRUPT: "it was interrupted",
    sqlcipher3.SQLITE_CORRUPT: "part of the database is damaged",
    sqlcipher3.SQLITE_NOTADB: "part of the database is damaged",
    sqlcipher3.SQLITE_PROTOCOL: "another program was changing the vault's files",
    sqlcipher3.SQLITE_SCHEMA: "the database changed while it was being read",
}


def plain_words(exc: Exception) -> str:
    """What went wrong, by SQLite's error code. Never SQLite's own text: it can quote a
    record (a constraint, an FTS5 query, a value that did not fit)."""
    code = _primary_code(exc)
    if code in _PLAIN_WORDS:
        return _PLAIN_WORDS[code]
    if code is None:
        return "an unexpected database error"
    return f"an unexpected database error (SQLite code {code})"


@contextlib.contextmanager
def translated_errors(what: str) -> Iterator[None]:
    """Turn SQLite failures during a read or write into one clear sentence."""
    try:
        yield
    except VaultError:
        raise
    except sqlcipher3.IntegrityError:
        raise  # a constraint the caller names in its own words
    except sqlcipher3.DatabaseError as exc:
        if is_disk_full(exc):
            raise DiskFull(
                f"The disk is full, so {what} was not saved. Nothing was lost; "
                "free some space and try again."
            ) from None
        if is_damage(exc):
            raise _damaged() from None
        raise StorageFailure(f"Could not complete {what}: {plain_words(exc)}.") from None


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
