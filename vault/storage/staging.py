"""Building a vault folder out of sight, then putting it in place with one rename.

`init` and `backup` both make a whole vault folder. Made in place, a kill halfway
would leave a half-vault at the target: one whose recovery key was never shown,
or a backup database with no schema that later opens as an empty vault. So each
is built in a hidden folder beside the target (the same filesystem, so the final
rename is atomic) and renamed into place only when it is complete.

A leftover from a killed run is recognised by its name and by holding nothing but
vault files; its lock file tells a live build (another process holds it) from a
dead one. Only dead leftovers that are clearly ours are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from vault.errors import StorageFailure, VaultError, VaultExists
from vault.storage.fsutil import DIR_MODE, fsync_dir
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock
from vault.storage.oserrors import os_error_sentence

# Every name a vault folder can hold, including the atomic writes' temporary files.
_LAYOUT = VaultLayout(Path("."))
OUR_FILES = frozenset(
    {
        _LAYOUT.database.name, _LAYOUT.header.name, _LAYOUT.header_backup.name,
        _LAYOUT.lock.name, *(p.name for p in _LAYOUT.sidecars()),
        _LAYOUT.database.name + "-journal",
        f".{_LAYOUT.header.name}.tmp", f".{_LAYOUT.header_backup.name}.tmp",
        _LAYOUT.audit_head.name, f".{_LAYOUT.audit_head.name}.tmp",
    }
)  # fmt: skip
NAME_ROOM = 80  # the target's name is shortened in the staging name, to stay under NAME_MAX


def _prefix(target: Path, purpose: str) -> str:
    return f".{target.name[:NAME_ROOM]}.quietroom-{purpose}-"


def staging_path(target: Path, purpose: str) -> Path:
    """A fresh hidden folder name beside `target`, e.g. `.vault.quietroom-init-1a2b3c4d`."""
    return target.with_name(_prefix(target, purpose) + secrets.token_hex(4))


@dataclass
class Leftovers:
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # ours by name, but holding other files


def clean_leftovers(target: Path, purpose: str) -> Leftovers:
    """Remove folders a killed run left beside `target`, when they are clearly ours."""
    found = Leftovers()
    prefix = _prefix(target, purpose)
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return found  # no parent folder yet: nothing can be left over
    for folder in sorted(candidates):
        if folder.is_symlink() or not folder.is_dir() or not _holds_only_vault_files(folder):
            found.kept.append(folder)
            continue
        lock = VaultLock(VaultLayout(folder).lock)
        try:
            lock.acquire()
        except VaultError:
            continue  # another init or backup is building it right now
        try:
            shutil.rmtree(folder)
            found.removed.append(folder)
        except OSError:
            found.kept.append(folder)
        finally:
            lock.release()
    return found


def _holds_only_vault_files(folder: Path) -> bool:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return all(
        entry.name in OUR_FILES and entry.is_file() and not entry.is_symlink() for entry in entries
    )


def make_staging_dir(target: Path, purpose: str, what: str) -> Path:
    """Create the hidden folder beside `target`; `what` names the target in errors."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageFailure(os_error_sentence(exc)) from None
    if target.is_dir() and target.stat().st_dev != target.parent.stat().st_dev:
        raise StorageFailure(
            f"{target} is the top of a separate disk, and {what} is first made beside it. "
            f"Give a new folder inside it instead, for example {target / 'quietroom'}."
        )
    staging = staging_path(target, purpose)
    try:
        staging.mkdir(mode=DIR_MODE)
    except OSError as exc:
        raise StorageFailure(os_error_sentence(exc)) from None
    os.chmod(staging, DIR_MODE)
    return staging


def move_into_place(staging: Path, target: Path, what: str) -> None:
    """Rename the finished folder to `target`: absent, or an empty folder it replaces."""
    if target.is_dir() and not target.is_symlink():
        try:
            target.rmdir()  # rename() over an empty folder is POSIX-only; this works anywhere
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                raise VaultExists(
                    f"{target} is no longer empty, so {what} was not put there. "
                    "Give a new or empty folder."
                ) from None
            raise StorageFailure(f"Could not use {target}: {exc.strerror or exc}.") from None
    elif target.exists() or target.is_symlink():
        raise VaultExists(f"{target} already exists, so {what} was not put there.")
    try:
        os.rename(staging, target)
    except OSError as exc:
        raise StorageFailure(
            f"Could not put {what} in place at {target}: {exc.strerror or exc}."
        ) from None
    with contextlib.suppress(OSError):  # the rename is done; durability is best effort here
        fsync_dir(target.parent)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
