"""Putting a backup back: into a new folder, never over a vault, and verified.

The passphrase is proved first. The copy is made the way a backup is (vault/backup.py):
the key header byte for byte, the database page by page keyed with the same data key,
in a hidden folder beside the target. The copy is then checked with every check of
vault/verify.py that says whether the records are whole, and only then renamed into
place. A damaged backup (a page failing while copied, or a failed check) leaves nothing
at the target. The backup itself is only read: restoring never changes it.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from vault import verify
from vault.backup import Progress
from vault.errors import DatabaseDamaged, DiskFull, NoVault, StorageFailure, VaultError, VaultExists
from vault.keys import header as header_file
from vault.storage import staging
from vault.storage.db import connect, database_salt, is_damage, is_disk_full
from vault.storage.fsutil import make_private, write_private_atomic
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock

PAGES_PER_STEP = 256
# What a restore needs whole. Folder privacy is about where the backup sits (a USB
# disk may not keep modes); a damaged spare header is replaced by the live one.
NEEDED = tuple(name for name in verify.ORDER if name != verify.SPARE)


@dataclass(frozen=True)
class RestoreResult:
    destination: Path
    size_bytes: int
    seconds: float


def check_restore(backup: Path, target: Path) -> tuple[VaultLayout, Path]:
    """Everything refused before the passphrase: no backup there, or a used target."""
    source = VaultLayout(Path(backup).expanduser().absolute())
    if not source.exists():
        raise NoVault(f"There is no Quietroom backup in {source.root}.")
    target = Path(target).expanduser().absolute()
    if VaultLayout(target).exists():
        raise VaultExists(
            f"There is already a vault in {target}, and a restore never replaces one: "
            "give a new folder with --to."
        )
    if target.exists() and not target.is_dir():
        raise VaultExists(f"{target} is a file. Give a new folder to restore into.")
    if target.is_dir() and any(target.iterdir()):
        raise VaultExists(f"{target} is not empty. Give a new or empty folder to restore into.")
    if target.resolve() == source.root.resolve() or source.root.resolve() in target.parents:
        raise VaultExists("A backup cannot be restored inside itself. Give another folder.")
    return source, target


def restore(
    backup: Path, target: Path, passphrase: str, progress: Progress | None = None
) -> RestoreResult:
    source, target = check_restore(backup, target)
    started = time.perf_counter()
    header = header_file.read(source.header)  # missing or damaged: says so
    dek = header_file.unwrap(header, passphrase)  # a wrong passphrase stops here
    report = progress or (lambda done, total: None)
    staging.clean_leftovers(target, "restore")
    folder = staging.make_staging_dir(target, "restore", "the restored vault")
    copy = VaultLayout(folder)
    lock = VaultLock(copy.lock)
    try:
        lock.acquire()
        header_bytes = source.header.read_bytes()
        write_private_atomic(copy.header, header_bytes, "the restored key header")
        write_private_atomic(copy.header_backup, header_bytes, "the restored key header")
        _copy_database(source, copy, dek, header.db_salt, report)
        _copy_other_vault_files(source, copy)
        for path in (copy.database, copy.header, copy.header_backup, copy.lock, *copy.sidecars()):
            make_private(path)
        lock.release()  # verify takes the copy's lock itself
        _refuse_damage(source.root, folder, passphrase)
        size = copy.database.stat().st_size
        staging.move_into_place(folder, target, "the restored vault")
    except BaseException as exc:
        lock.release()
        staging.discard(folder)
        if isinstance(exc, DiskFull):  # said about the restore, not about one of its files
            raise _disk_full(target) from None
        if isinstance(exc, VaultError | KeyboardInterrupt):
            raise
        if isinstance(exc, OSError):
            raise _storage_error(exc, target) from None
        if isinstance(exc, sqlcipher3.Error):
            raise _sqlite_error(exc, source.root, target) from None
        raise
    return RestoreResult(target, size, time.perf_counter() - started)


def _refuse_damage(backup: Path, copy: Path, passphrase: str) -> None:
    """The copy is checked as a vault; only when it fails is the backup itself read
    again, to say which of the two is at fault (a normal restore reads it once)."""
    if not _failed_check(copy, passphrase):
        return
    failed = _failed_check(backup, passphrase)
    if failed:
        raise _damaged_backup(backup, failed)
    raise DatabaseDamaged(
        "The restored copy failed its check although the backup is sound, so it was "
        "removed; the disk it was written to may be faulty, so try another folder."
    )


def _failed_check(root: Path, passphrase: str) -> str:
    report = verify.verify_vault(root, passphrase)
    return next((c.name for c in report.checks if c.name in NEEDED and c.ok is False), "")


def _damaged_backup(backup: Path, check: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"The backup in {backup} is damaged ({check}), so nothing was restored: try an "
        f"older backup, and run `quietroom --vault {backup} verify` for the details."
    )


def _copy_other_vault_files(source: VaultLayout, copy: VaultLayout) -> None:
    """Any other file a vault keeps (e.g. the audit chain's sealed head), byte for byte:
    it belongs with the database copied beside it."""
    done = {p.name for p in (copy.database, copy.header, copy.header_backup, copy.lock)}
    done |= {p.name for p in copy.sidecars()} | {copy.database.name + "-journal"}
    for name in sorted(staging.OUR_FILES - done):
        found = source.root / name
        if not name.startswith(".") and found.is_file() and not found.is_symlink():
            write_private_atomic(copy.root / name, found.read_bytes(), "the restored vault")


def _copy_database(
    source: VaultLayout, copy: VaultLayout, dek: bytes, salt: bytes | None, report: Progress
) -> None:
    reading = connect(source.database, dek, salt=salt)
    try:
        target = connect(copy.database, dek, create=True, salt=database_salt(reading))
        make_private(copy.database)
        try:

            def step(_status: int, remaining: int, pages: int) -> None:
                report(pages - remaining, pages)

            reading.backup(target, pages=PAGES_PER_STEP, progress=step)
        finally:
            target.close()
    finally:
        reading.close()


def _storage_error(exc: OSError, target: Path) -> VaultError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(target)
    return StorageFailure(
        f"Could not write the restored vault in {target}: {exc.strerror or exc}. "
        "The partial copy was removed."
    )


def _sqlite_error(exc: sqlcipher3.Error, backup: Path, target: Path) -> VaultError:
    if is_disk_full(exc):
        return _disk_full(target)
    if is_damage(exc):  # a page of the backup that fails its HMAC while being copied
        return _damaged_backup(backup, verify.ENCRYPTION)
    code = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StorageFailure(f"The restore to {target} failed ({code}); the partial copy was removed.")


def _disk_full(target: Path) -> DiskFull:
    return DiskFull(
        f"The disk holding {target} is full, so nothing was restored and the partial copy "
        "was removed. Free some space or choose another disk."
    )
