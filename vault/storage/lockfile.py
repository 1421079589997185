"""One process at a time: a lock file inside the vault, held through filelock.

filelock takes flock on POSIX and LockFileEx on Windows; the kernel drops either
when the process dies, so a crash never leaves a vault locked for good. The lock
file is opened without following links, and a link or a non-file planted at its
name is refused with a sentence. Because a locked file can be deleted on POSIX,
the vault folder is locked as well (vault/platform/folder_lock.py).
"""

from __future__ import annotations

import errno
import importlib.util
import os
import stat
from pathlib import Path

import filelock

from vault.errors import StorageFailure, VaultInUse
from vault.platform import folder_lock
from vault.storage.fsutil import FILE_MODE

IN_USE = "This vault is already open in another Quietroom window or command. Close it there first."


def native_locks_available() -> bool:
    """flock (POSIX) or LockFileEx (Windows): released by the kernel when a process dies."""
    return (
        bool(getattr(filelock, "unix_has_fcntl", False))
        or importlib.util.find_spec("msvcrt") is not None
    )


class VaultLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file_lock: filelock.BaseFileLock | None = None
        self._folder_fd: int | None = None

    def acquire(self) -> None:
        self._refuse_a_non_file()
        file_lock = self._new_file_lock()
        try:
            file_lock.acquire(blocking=False)
        except filelock.Timeout:  # an OSError too, so it comes first
            raise VaultInUse(IN_USE) from None
        except OSError as exc:
            raise self._open_failure(exc) from None
        try:
            self._folder_fd = folder_lock.hold(self.path.parent)
        except folder_lock.FolderBusy:
            file_lock.release()
            raise VaultInUse(IN_USE) from None
        self._file_lock = file_lock

    def release(self) -> None:
        folder_lock.let_go(self._folder_fd)
        self._folder_fd = None
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None

    @property
    def held(self) -> bool:
        return self._file_lock is not None

    def _new_file_lock(self) -> filelock.BaseFileLock:
        if native_locks_available():
            # thread_local=False: the vault may be closed from another thread than opened it.
            return filelock.FileLock(
                self.path, mode=FILE_MODE, thread_local=False, on_acquired=self._still_ours
            )
        # No kernel lock at all: a marker naming this process, broken once that process is gone.
        return filelock.SoftFileLock(self.path, mode=FILE_MODE, thread_local=False)

    def _still_ours(self, fd: int) -> None:
        """The file we locked must be the one at the path now, not one swapped in meanwhile."""
        held = os.fstat(fd)
        try:
            there = os.lstat(self.path)
        except FileNotFoundError:
            there = None
        if there is None or not os.path.samestat(held, there) or not stat.S_ISREG(held.st_mode):
            raise StorageFailure(
                f"{self.path.name} in {self.path.parent} changed while Quietroom was opening "
                "the vault. Close any other program using that folder and try again."
            )
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)

    def _refuse_a_non_file(self) -> None:
        try:
            found = os.lstat(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise self._open_failure(exc) from None
        if not stat.S_ISREG(found.st_mode):
            raise self._not_a_file()

    def _not_a_file(self) -> StorageFailure:
        return StorageFailure(
            f"{self.path.name} in {self.path.parent} is a link or something other than a "
            "plain file, and Quietroom will not follow it. Remove it (it only marks the "
            "vault as open; no record is in it) and try again."
        )

    def _open_failure(self, exc: OSError) -> StorageFailure:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            return self._not_a_file()
        if exc.errno in (errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP):
            return StorageFailure(
                f"The disk holding {self.path.parent} cannot lock files, as some network and "
                "shared folders cannot. Keep the vault on this computer's own disk."
            )
        return StorageFailure(
            f"Quietroom cannot use the vault in {self.path.parent}: "
            f"{exc.strerror or exc}. It needs a folder it can write in."
        )
