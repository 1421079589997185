"""Where a vault's files live, and how they are opened safely.

A vault is a directory; these are its files. Quietroom never follows a symbolic
link for them and never blocks on one: a FIFO in place of the header used to hang
the unlock screen for good, and a link could lead a write anywhere.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from vault.errors import CannotOpen

ENV_VAULT = "QUIETROOM_VAULT"
READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC


def default_vault_dir() -> Path:
    chosen = os.environ.get(ENV_VAULT)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("quietroom", appauthor=False)) / "vault"


@dataclass(frozen=True)
class VaultLayout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "quietroom.db"

    @property
    def header(self) -> Path:
        return self.root / "quietroom.header.json"

    @property
    def header_backup(self) -> Path:
        return self.root / "quietroom.header.json.bak"

    @property
    def audit_head(self) -> Path:
        """The audit chain's last id and hash, sealed (vault/records/audit_head.py)."""
        return self.root / "audit.head"

    @property
    def lock(self) -> Path:
        return self.root / "quietroom.lock"

    def sidecars(self) -> list[Path]:
        return working_files(self.database)

    def exists(self) -> bool:
        return self.database.exists() or self.header.exists()


def working_files(database: Path) -> list[Path]:
    """The files SQLite keeps beside the database while it is open."""
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]


def open_for_reading(path: Path, what: str) -> int:
    """A descriptor on one of the vault's own files, known to be a regular file.

    FileNotFoundError is left to the caller, which knows what a missing file means.
    """
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _is_a_link(path, what) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise _no_read_permission(path, what) from None
        raise CannotOpen(
            f"Could not read {what} ({exc.strerror or exc}). Check that {path.name} is a file "
            "you can read."
        ) from None
    kind = _not_a_file(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise CannotOpen(
            f"{_capital(what)} ({path.name}) is {kind}, not a file. Check that {path.name} "
            "is a file you can read, or restore it from a backup."
        )
    return fd


def refuse_unusable_surroundings(database: Path) -> None:
    """Before SQLite opens the database: the folder must take new files (SQLite makes
    its -wal and -shm there), and a -wal or -shm left there must be a plain file."""
    for path in working_files(database):
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            mode = 0  # whatever it is, SQLite will say so by its error code
        if stat.S_ISLNK(mode):
            raise _is_a_link(path, "the vault's working file")
        kind = _not_a_file(mode) if mode else None
        if kind:
            raise CannotOpen(
                f"The vault's working file {path.name} is {kind}, not a file. Move it out of "
                f"{path.parent} (nothing of yours is in it), then try again."
            )
        if not os.access(path, os.R_OK | os.W_OK):
            raise _no_write_permission(path)
    folder = database.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        if _read_only_disk(folder):
            raise CannotOpen(
                f"The disk holding {folder} is read-only, so the vault cannot be opened there. "
                "Copy the vault folder to a disk you can write to, and open that copy."
            )
        raise CannotOpen(
            f"Quietroom cannot create files in the vault's folder {folder}, which opening a "
            "vault needs. Give your user write permission on that folder (for example "
            "`chmod u+rwx`), then try again."
        )


def refuse_read_only(path: Path, what: str) -> None:
    """A database we may read but not write would open, then fail at the first save."""
    if not os.access(path, os.R_OK):
        raise _no_read_permission(path, what)
    if not os.access(path, os.W_OK):
        if _read_only_disk(path.parent):
            raise CannotOpen(
                f"The disk holding {path.parent} is read-only, so the vault cannot be opened "
                "there. Copy the vault folder to a disk you can write to, and open that copy."
            )
        raise _no_write_permission(path)


def _no_read_permission(path: Path, what: str) -> CannotOpen:
    return CannotOpen(
        f"You do not have permission to read {what} ({path.name}). Give your user read "
        f"and write permission on it (for example `chmod u+rw {path.name}`), then try again."
    )


def _no_write_permission(path: Path) -> CannotOpen:
    return CannotOpen(
        f"The vault's file {path.name} is read-only for you, so nothing could be saved. Give "
        f"your user write permission on it (for example `chmod u+rw {path.name}`), then try "
        "again."
    )


def _is_a_link(path: Path, what: str) -> CannotOpen:
    return CannotOpen(
        f"{_capital(what)} ({path.name}) is a symbolic link; Quietroom never follows links for "
        f"the vault's own files. Put the file itself in {path.parent} instead of the link."
    )


def _not_a_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"


def _read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
