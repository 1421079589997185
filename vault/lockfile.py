"""One process at a time: an advisory flock on a lock file inside the vault.

flock is released by the kernel when the process dies, so a crash never leaves
a vault locked for good.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from vault.errors import StorageFailure, VaultInUse
from vault.fsutil import FILE_MODE


class VaultLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:  # a read-only disk, a folder we may not write in
            raise StorageFailure(
                f"Quietroom cannot use the vault in {self.path.parent}: "
                f"{exc.strerror or exc}. It needs a folder it can write in."
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise VaultInUse(
                "This vault is already open in another Quietroom window or command. "
                "Close it there first."
            ) from None
        os.fchmod(fd, FILE_MODE)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
