"""A folder of dated backups, keeping the newest few, and the reminder when none is recent.

Each backup is a whole verified vault (vault/backup.py) in a folder of its own named
`quietroom-backup-2026-11-26T041052Z`: the UTC time it was made, so names sort in the
order they were made whatever the clock did locally, and no client's name is in them.

Old backups are removed only after the new one was written and verified page by page;
a failed or killed backup removes nothing. Only this vault's own backups are counted
and removed: a folder is one if its name has the pattern above, it holds nothing but
vault files, and its key header wraps this vault's data key. Each backup that is kept
is checked before an older one goes (its header is intact and is this vault's, its
database a whole number of pages); the page-by-page check is for the new one only, as
re-reading every kept copy would make each backup several times slower. Anything else
in the folder (another vault's backups, a damaged one, a folder with the user's own
files in it, one open in Quietroom) is left alone, and said so.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vault.backup import BackupResult, Progress, backup
from vault.errors import StorageFailure, VaultError, VaultExists
from vault.keys import header as header_file
from vault.storage import staging
from vault.storage.layout import VaultLayout, default_vault_dir
from vault.storage.lockfile import VaultLock
from vault.storage.oserrors import os_error_sentence

if TYPE_CHECKING:
    from vault.vault import Vault

PREFIX = "quietroom-backup-"
STAMP = "%Y-%m-%dT%H%M%SZ"
NAME = re.compile(r"quietroom-backup-(\d{4}-\d\d-\d\dT\d{6}Z)(?:-(\d{1,3}))?")
PAGE_SIZE = 4096  # SQLCipher 4's page: a database of another size was cut short
PRUNE = "prune"  # the staging purpose of a backup being removed


class NoBackupFolder(VaultError):
    title = "No backup folder"


@dataclass(frozen=True)
class DatedBackup:
    path: Path
    made_at: datetime  # UTC, from the folder's name
    size_bytes: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class LeftAlone:
    backup: DatedBackup
    reason: str  # completes "left alone: ..."


@dataclass(frozen=True)
class RotationResult:
    made: BackupResult
    kept: list[DatedBackup]
    removed: list[DatedBackup]
    left_alone: list[LeftAlone] = field(default_factory=list)


def backup_folder(vault: Vault, into: Path | None = None) -> Path:
    """`--into`, else the setting; an existing folder outside the vault."""
    chosen = into if into is not None else vault.settings.get("backup_folder")
    if not chosen:
        raise NoBackupFolder(
            "No backup folder is set: give one with `quietroom backup --into FOLDER`, or set "
            "it once with `quietroom settings --backup-folder FOLDER`."
        )
    return check_folder(vault.layout.root, Path(chosen))


def check_folder(vault_root: Path, folder: Path) -> Path:
    folder = Path(folder).expanduser().absolute()
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise NoBackupFolder(
            f"The backup folder {folder} {what}: create it (or plug in its disk), or choose "
            "another one."
        )
    source = Path(vault_root).resolve()
    if folder.resolve() == source or source in folder.resolve().parents:
        raise VaultExists("The backup folder cannot be inside the vault itself. Choose another.")
    return folder


def parse_name(name: str) -> tuple[datetime, int] | None:
    found = NAME.fullmatch(name)
    if found is None:
        return None
    try:
        made = datetime.strptime(found.group(1), STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return made, int(found.group(2) or 1)


def list_backups(folder: Path) -> list[DatedBackup]:
    """The dated backups in `folder`, newest first (by name; their contents unchecked)."""
    found: list[tuple[tuple[datetime, int], DatedBackup]] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError as exc:
        raise StorageFailure(os_error_sentence(exc)) from None
    for entry in entries:
        when = parse_name(entry.name)
        if when is None or entry.is_symlink() or not entry.is_dir():
            continue
        found.append((when, DatedBackup(entry, when[0], _size(entry))))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [backup for _, backup in found]


def _size(folder: Path) -> int:
    total = 0
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            with contextlib.suppress(OSError):
                if entry.is_file() and not entry.is_symlink():
                    total += entry.stat().st_size
    return total


def new_backup_path(folder: Path, now: datetime) -> Path:
    base = PREFIX + now.astimezone(UTC).strftime(STAMP)
    path, n = folder / base, 1
    while path.exists() or path.is_symlink():  # two backups within one second
        n += 1
        path = folder / f"{base}-{n}"
    return path


def backup_into(
    vault: Vault, folder: Path, progress: Progress | None = None, *, keep: int | None = None
) -> RotationResult:
    """Write a new dated backup into `folder`, verify it, then remove the oldest of this
    vault's backups beyond `keep` (the `backup_keep` setting by default)."""
    folder = check_folder(vault.layout.root, folder)
    keep = keep if keep is not None else vault.settings.number("backup_keep")
    clean_leftovers(folder)
    made = backup(vault, new_backup_path(folder, vault.store.clock()), progress)
    # Only now, with a verified new copy in place, may anything older go.
    kept, removed, left = prune(folder, vault.raw_key(), keep, made.destination)
    return RotationResult(made, kept, removed, left)


def prune(
    folder: Path, dek: bytes, keep: int, newest: Path
) -> tuple[list[DatedBackup], list[DatedBackup], list[LeftAlone]]:
    kept: list[DatedBackup] = []
    beyond: list[DatedBackup] = []
    left: list[LeftAlone] = []
    own_key = header_file.key_id(dek)
    for backup_ in list_backups(folder):
        if backup_.path == newest:  # verified page by page a moment ago
            kept.append(backup_)
            continue
        problem = _not_sound(backup_.path, own_key)
        if problem:
            left.append(LeftAlone(backup_, problem))
        elif len(kept) < keep:
            kept.append(backup_)
        else:
            beyond.append(backup_)
    removed: list[DatedBackup] = []
    for backup_ in reversed(beyond):  # oldest first: a removal cut short keeps the newer
        why = _remove(backup_.path)
        if why:
            left.append(LeftAlone(backup_, why))
        else:
            removed.append(backup_)
    return kept, removed, left


def _not_sound(path: Path, own_key: str) -> str:
    """Why `path` is not one of this vault's sound backups ("" if it is)."""
    if not _only_vault_files(path):
        return "it holds files that are not Quietroom's"
    layout = VaultLayout(path)
    try:
        found = header_file.read(layout.header)
    except VaultError:
        return "its key header is missing or damaged"
    if found.key_id != own_key:
        return "it is a backup of another vault"
    try:
        size = layout.database.stat().st_size
    except OSError:
        return "its database is missing"
    if size == 0 or size % PAGE_SIZE:
        return "its database is incomplete"
    return ""


def _only_vault_files(folder: Path) -> bool:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return all(
        entry.name in staging.OUR_FILES and entry.is_file() and not entry.is_symlink()
        for entry in entries
    )


def _remove(path: Path) -> str:
    """Remove one old backup; a reason if it was left alone instead."""
    lock = VaultLock(VaultLayout(path).lock)
    try:
        lock.acquire()
    except VaultError:
        return "it is open in Quietroom right now"
    try:
        # Renamed out of the way first: a removal cut short leaves a hidden leftover the
        # next backup clears, never a half backup that looks whole.
        doomed = staging.staging_path(path, PRUNE)
        os.rename(path, doomed)
    except OSError as exc:
        lock.release()
        return f"it could not be removed ({exc.strerror or exc})"
    lock.release()
    shutil.rmtree(doomed, ignore_errors=True)
    return ""


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the hidden folders that killed backups and removals left in `folder`."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            for purpose in ("backup", PRUNE):
                marker = f".quietroom-{purpose}-"
                if entry.name.startswith(".") and marker in entry.name:
                    target = folder / entry.name[1:].rsplit(marker, 1)[0]
                    removed += staging.clean_leftovers(target, purpose).removed
    return removed


# -- the reminder ----------------------------------------------------------------------


def last_backup_at(vault: Vault) -> datetime | None:
    """When the newest backup was made, from the audit log (every backup writes one)."""
    return _audit_time(vault, "SELECT at FROM audit_log WHERE action = 'backup' ORDER BY id DESC")


def _audit_time(vault: Vault, query: str) -> datetime | None:
    with vault.store.reading() as conn:
        row = conn.execute(query + " LIMIT 1").fetchone()
    try:
        return datetime.fromisoformat(row[0]) if row else None
    except ValueError:
        return None


def backup_reminder(vault: Vault, today: date | None = None) -> str:
    """One calm sentence when a backup is due, else "".

    Due when the last backup is `backup_reminder_days` or more days old. A vault never
    backed up counts from its creation, so a new vault is not nagged on its first day."""
    today = today or vault.store.today()
    days = vault.settings.number("backup_reminder_days")
    last = last_backup_at(vault)
    since = last or _audit_time(vault, "SELECT at FROM audit_log ORDER BY id")
    if since is not None and (today - since.astimezone().date()).days < days:
        return ""
    command = backup_command(vault)
    if last is None:
        return f"No backup yet: in a terminal, run `{command}`."
    ago = (today - last.astimezone().date()).days
    return (
        f"Last backup {ago} days ago ({last.astimezone().date().isoformat()}): "
        f"in a terminal, run `{command}`."
    )


def backup_command(vault: Vault) -> str:
    """The command to type in a terminal, with --vault only when it is needed."""
    root = vault.layout.root
    where = "" if root.absolute() == default_vault_dir().absolute() else f" --vault {root}"
    into = "" if vault.settings.get("backup_folder") else " --into FOLDER"
    return f"quietroom{where} backup{into}"
