"""An encrypted, verified copy of the vault in a new directory.

The copy is a vault in its own right: the key header is copied byte for byte
(so the same passphrase and the same recovery key open it) and the database is
copied page by page with SQLite's online backup into a connection keyed with the
same data key. Nothing is ever decrypted to disk. The copy is checked before the
backup counts: encryption (cipher_integrity_check), structure (integrity_check)
and the number of rows in every table. A copy that fails is removed; one that
passes is renamed into place whole (vault/storage/staging.py).
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from vault.errors import DatabaseDamaged, DiskFull, StorageFailure, VaultError, VaultExists
from vault.keys import header as header_file
from vault.records import audit_head
from vault.storage import staging
from vault.storage.db import Connection, connect, database_salt, is_disk_full
from vault.storage.fsutil import make_private, write_private_atomic
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock
from vault.vault import Vault

Progress = Callable[[int, int], None]

PAGES_PER_STEP = 256  # 1 MiB at a time: the progress bar moves, and autosave is never held up long


@dataclass(frozen=True)
class BackupResult:
    destination: Path
    pages: int
    size_bytes: int
    tables: int
    rows: int
    seconds: float
    warnings: tuple[str, ...] = ()


def backup(vault: Vault, dest: Path, progress: Progress | None = None) -> BackupResult:
    """Copy the open vault into `dest`, a new or empty directory, and verify the copy.

    The copy is made in a hidden folder beside `dest` and renamed to `dest` only
    once verified: a killed backup leaves no half-vault at `dest`, and the next
    backup to the same place removes what it left."""
    dest = Path(dest).expanduser().absolute()
    check_destination(vault.layout.root, dest)
    staging.clean_leftovers(dest, "backup")
    report = progress or (lambda done, total: None)
    started = time.perf_counter()
    folder = staging.make_staging_dir(dest, "backup", "the backup")
    copy = VaultLayout(folder)
    lock = VaultLock(copy.lock)  # marks the folder as being built, not left over
    try:
        lock.acquire()
        header_bytes = _header_bytes(vault)
        write_private_atomic(copy.header, header_bytes, "the backup's key header")
        # A vault's "header damaged" advice names the .bak, so the copy has one too.
        write_private_atomic(copy.header_backup, header_bytes, "the backup's key header")
        with vault.store.reading("the backup") as source:
            pages = _copy_pages(source, copy.database, vault.raw_key(), report, dest)
            expected = _row_counts(source)
            head = audit_head.last_entry(source)  # the copy's chain ends where the vault's does
        if head is not None:
            audit_head.write(copy.root, vault.raw_key(), head)
        found = _checked_copy(copy.database, vault.raw_key())
        if found != expected:
            raise DatabaseDamaged(
                "The backup copy does not hold the same records as the vault "
                "(row counts differ), so it was removed. Try the backup again."
            )
        for path in (copy.database, copy.header, copy.header_backup, copy.lock, *copy.sidecars()):
            make_private(path)
        size = copy.database.stat().st_size
        # Released before the rename: Windows will not rename a folder with an open
        # file in it, and a marker-file lock would travel with the folder.
        lock.release()
        staging.move_into_place(folder, dest, "the backup")
    except BaseException as exc:
        lock.release()
        staging.discard(folder)
        if isinstance(exc, VaultError | KeyboardInterrupt):
            raise
        if isinstance(exc, OSError):
            raise _backup_storage_error(exc, dest) from None
        if isinstance(exc, sqlcipher3.Error):
            raise _backup_sqlite_error(exc, dest) from None
        raise
    warnings: tuple[str, ...] = ()
    try:
        vault.audit.record("backup", "", f"pages={pages}")
    except VaultError:
        warnings = ("The backup is complete, but it could not be added to the audit log.",)
    return BackupResult(
        destination=dest,
        pages=pages,
        size_bytes=size,
        tables=len(expected),
        rows=sum(expected.values()),
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )


def check_destination(vault_root: Path, dest: Path) -> None:
    """Refuse a file, a used folder or a place inside the vault (before any passphrase)."""
    dest = Path(dest).expanduser().absolute()
    if dest.exists() and not dest.is_dir():
        raise VaultExists(f"{dest} is a file. Give a new folder for the backup.")
    if dest.is_dir() and any(dest.iterdir()):
        raise VaultExists(
            f"{dest} is not empty. Give a new or empty folder, so no file is ever overwritten."
        )
    source = Path(vault_root).resolve()
    if dest.resolve() == source or source in dest.resolve().parents:
        raise VaultExists("The backup cannot go inside the vault itself. Choose another folder.")


def _header_bytes(vault: Vault) -> bytes:
    """The header as it is on disk, after checking that it opens this very database."""
    header = header_file.read(vault.layout.header)  # missing or damaged: says how to mend it
    if header.key_id != header_file.key_id(vault.raw_key()):
        raise DatabaseDamaged(
            "The vault's key header belongs to a different key than its database, so a "
            "backup would not open. Set a passphrase again with `quietroom recover` first."
        )
    return vault.layout.header.read_bytes()


def _copy_pages(
    source: Connection, target_path: Path, dek: bytes, report: Progress, dest: Path
) -> int:
    # The copy's header is the source's, so the copy keeps the salt that header records.
    target = connect(target_path, dek, create=True, salt=database_salt(source))
    make_private(target_path)
    total = [0]
    try:

        def step(_status: int, remaining: int, pages: int) -> None:
            total[0] = pages
            report(pages - remaining, pages)

        source.backup(target, pages=PAGES_PER_STEP, progress=step)
    except sqlcipher3.Error as exc:  # named here, or the store would blame the vault itself
        raise _backup_sqlite_error(exc, dest) from None
    finally:
        target.close()
    return total[0]


def _row_counts(conn: Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in tables
    }


def _checked_copy(path: Path, dek: bytes) -> dict[str, int]:
    """Open the copy afresh and check it; return its row counts."""
    conn = connect(path, dek)
    try:
        damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        structure = conn.execute("PRAGMA integrity_check").fetchall()
        if damaged or structure != [("ok",)]:
            raise DatabaseDamaged(
                "The backup copy failed its integrity check, so it was removed. "
                "The disk at the destination may be faulty; try another one."
            )
        return _row_counts(conn)
    finally:
        conn.close()


def _backup_storage_error(exc: OSError, dest: Path) -> VaultError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(dest)
    return StorageFailure(
        f"Could not write the backup in {dest}: {exc.strerror or exc}. The partial copy was removed."
    )


def _backup_sqlite_error(exc: sqlcipher3.Error, dest: Path) -> VaultError:
    if is_disk_full(exc):
        return _disk_full(dest)
    # SQLite's own words can quote a record: name the error by its code only.
    code = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StorageFailure(f"The backup to {dest} failed ({code}); the partial copy was removed.")


def _disk_full(dest: Path) -> DiskFull:
    return DiskFull(
        f"The disk holding {dest} is full, so the backup was not made and the partial copy "
        "was removed. Free some space or choose another disk."
    )
