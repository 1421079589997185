"""Private files written atomically: 0600 files in 0700 directories, whatever the umask.

On Windows the modes are accepted but mean little (chmod only sets read-only); privacy
there comes from the vault living under the user's profile, which `verify` checks
(vault/platform/folder_access.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from vault.errors import DiskFull, StorageFailure

FILE_MODE = 0o600
DIR_MODE = 0o700
# Windows opens in text mode unless told otherwise, and would write every \n as \r\n.
BINARY = getattr(os, "O_BINARY", 0)


def ensure_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Make a rename durable where a folder can be opened and synced (POSIX).

    Windows cannot open a folder with os.open and commits renames in the file system's
    own journal, so there is nothing to do there.
    """
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_error(exc: OSError, what: str) -> Exception:
    """Turn an OSError into a sentence; a full disk gets its own."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(
            f"The disk is full, so {what} was not written. Free some space and try again."
        )
    return StorageFailure(f"Could not write {what}: {exc.strerror or exc}.")


def write_private_atomic(path: Path, data: bytes, what: str) -> None:
    """Write `data` to `path` so a crash leaves either the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, FILE_MODE)
        try:
            _chmod_open_file(fd, tmp)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise storage_error(exc, what) from None


def _chmod_open_file(fd: int, path: Path) -> None:
    """fchmod where it exists (POSIX; Windows only from Python 3.13), else chmod by name."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)
    else:
        os.chmod(path, FILE_MODE)


def make_private(path: Path) -> None:
    if path.exists():
        os.chmod(path, FILE_MODE)
