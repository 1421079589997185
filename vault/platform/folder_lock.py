"""A second guard for the one-process lock: the vault folder itself is locked too.

On POSIX a lock file can be deleted while it is locked; a newcomer would then
create a fresh one and lock that. The folder cannot be swapped while it holds
the vault's files, so the holder also takes flock on an O_DIRECTORY descriptor
of the folder, and a newcomer that got past a deleted lock file stops here.

Windows needs no second guard: the lock file is held open without delete
sharing, so it cannot be deleted or renamed while the vault is open. There (and
wherever folders cannot be opened or flock is missing) `hold` returns None.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import filelock

CONTENDED = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}


class FolderBusy(Exception):
    """Another process holds the vault folder's lock."""


def can_lock_folders() -> bool:
    return hasattr(os, "O_DIRECTORY") and bool(getattr(filelock, "unix_has_fcntl", False))


def hold(folder: Path) -> int | None:
    """Lock `folder` and return the descriptor that holds it (close it to let go).

    None where folder locks are not available here, or the file system refuses
    flock on a folder (some network shares): the lock file alone then guards.
    """
    if not can_lock_folders():
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        locked = filelock.lock_descriptor(fd, blocking=False)
    except OSError as exc:
        os.close(fd)
        if exc.errno in CONTENDED:
            raise FolderBusy from None
        return None
    if not locked:
        os.close(fd)
        raise FolderBusy
    return fd


def let_go(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)  # closing the only descriptor releases flock
