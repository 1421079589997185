"""Writing an export where the user asked: the one time decrypted text may leave the vault.

The file appears whole or not at all. It is written 0600 to a temporary file in the
target's own folder, synced, and renamed over the target; any failure removes the
temporary file. A link in the target's place is refused rather than replaced (it may
have been planted to point somewhere else, and the user may have meant the file it
names), and so is a folder, a device or a pipe. An existing regular file is replaced:
the user named it.

Writing is split in two (`stage_export`, then `StagedExport.commit`) so that an export
that must be recorded (a disclosure, an audit entry) is renamed into place inside the
transaction that records it: a file that could not be recorded never appears.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from vault.errors import VaultError
from vault.records.display import clean_line
from vault.records.validation import printable
from vault.storage.fsutil import BINARY, FILE_MODE, fsync_dir
from vault.storage.oserrors import os_error_sentence

NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class ExportNotWritten(VaultError):
    """The export file could not be written where asked; nothing was left behind."""

    title = "Export not written"


def shown(path: Path) -> str:
    return clean_line(printable(os.fsdecode(path)))


def check_target(path: Path, vault_root: Path | None = None) -> Path:
    """Refuse, before any work, a place the export may not be written to: among them the
    vault's own folder, where a PDF could replace the database itself."""
    path = Path(path)
    if vault_root is not None and _inside(path, vault_root):
        raise ExportNotWritten(
            f"{shown(path)} is in the vault's own folder; save the PDF somewhere else."
        )
    if not path.name or path.name in (".", ".."):
        raise ExportNotWritten(f"{shown(path)} is not a file name; add the name of the PDF.")
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _failure(exc, path) from None
    if found is not None:
        if stat.S_ISLNK(found.st_mode):
            raise ExportNotWritten(
                f"{shown(path)} is a link; give the name of a real file, or a new name."
            )
        if stat.S_ISDIR(found.st_mode):
            raise ExportNotWritten(
                f"{shown(path)} is a folder; add the name of the PDF to write in it."
            )
        if not stat.S_ISREG(found.st_mode):
            raise ExportNotWritten(f"{shown(path)} is not an ordinary file; choose another name.")
    folder = path.parent
    if not folder.is_dir():
        raise ExportNotWritten(
            f"The folder {shown(folder)} does not exist; create it or choose another place."
        )
    return path


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.parent.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


class StagedExport:
    """A complete, synced temporary file beside its target, not yet visible under the
    target's name. `commit` renames it into place; `discard` removes it."""

    def __init__(self, target: Path, temp: Path) -> None:
        self.target = target
        self._temp: Path | None = temp

    def commit(self) -> None:
        temp = self._temp
        if temp is None:
            raise RuntimeError("this export was already committed or discarded")
        try:
            os.replace(temp, self.target)
            self._temp = None
            fsync_dir(self.target.parent)
        except OSError as exc:
            self.discard()
            raise _failure(exc, self.target) from None

    def discard(self) -> None:
        if self._temp is not None:
            with contextlib.suppress(OSError):
                self._temp.unlink()
            self._temp = None


def stage_export(path: Path, data: bytes) -> StagedExport:
    """Write `data` to a private temporary file beside `path`, synced to the disk."""
    target = check_target(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | BINARY, FILE_MODE)
    except OSError as exc:
        raise _failure(exc, target) from None
    try:
        try:
            if hasattr(os, "fchmod"):  # whatever the umask; Windows has no fchmod before 3.13
                os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise _failure(exc, target) from None
        raise
    return StagedExport(target, temp)


def write_export(path: Path, data: bytes) -> Path:
    """Stage and commit at once, for an export nothing has to record."""
    staged = stage_export(path, data)
    staged.commit()
    return staged.target


def _failure(exc: OSError, target: Path) -> ExportNotWritten:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportNotWritten(
            f"The disk is full, so {shown(target)} was not written; free some space and try again."
        )
    if exc.filename is None or os.fsdecode(exc.filename).endswith(".part"):
        exc.filename = os.fspath(target)  # name the file the user asked for, not ours
    return ExportNotWritten(os_error_sentence(exc))
