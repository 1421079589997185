"""Can any other account on this computer read the vault folder? One sentence either way.

POSIX: the folder's owner and mode bits, and the modes of the files in it.
Windows: chmod means nothing there, so the folder's access list is read instead
(windows_acl.py). The implementation is chosen by what this Python can call.
"""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

from vault.platform import windows_acl

NOT_CHECKED = (
    "not checked: this system did not say who may read {folder}. "
    "Make sure only your account can open it."
)


def check(folder: Path) -> tuple[bool, str]:
    """(True, why it is private) or (False, what to do); True with a caveat when it cannot tell."""
    if windows_acl.available():
        return _windows(folder)
    if hasattr(os, "geteuid"):
        return posix(folder, os.geteuid())
    return True, NOT_CHECKED.format(folder=folder)


def posix(folder: Path, me: int) -> tuple[bool, str]:
    try:
        found = os.stat(folder)
        modes = {entry.name: entry.stat(follow_symlinks=False) for entry in os.scandir(folder)}
    except OSError as exc:
        return True, NOT_CHECKED.format(folder=folder) + f" ({exc.strerror or exc})"
    if found.st_uid != me and me != 0:  # root (sudo) reads every folder anyway
        return False, (
            f"{folder} belongs to another account on this computer (user id {found.st_uid}), "
            "which can read everything in it. Keep the vault in a folder of your own."
        )
    if found.st_mode & 0o077:
        return False, (
            f"other accounts on this computer can open {folder} "
            f"(its mode is {stat.filemode(found.st_mode)}). "
            f"Make it yours alone with: chmod 700 {shlex.quote(str(folder))}"
        )
    shared = sorted(name for name, mode in modes.items() if mode.st_mode & 0o077)
    if shared:
        # Unreachable for others while the folder is 0700, but a folder mode is easily changed.
        return False, (
            f"{', '.join(shared)} in {folder} can be read by other accounts if the folder is "
            "ever opened up. Make them yours alone with: "
            f"chmod 600 {shlex.quote(str(folder))}/*"
        )
    return True, "only your account can open the vault folder and its files."


def _windows(folder: Path) -> tuple[bool, str]:  # pragma: no cover - Windows only
    try:
        readers = windows_acl.other_readers(
            windows_acl.folder_sddl(folder), windows_acl.current_user_sid()
        )
    except (OSError, ValueError, AttributeError) as exc:
        return True, NOT_CHECKED.format(folder=folder) + f" ({exc})"
    return windows_verdict(folder, readers)


def windows_verdict(folder: Path, readers: list[str]) -> tuple[bool, str]:
    if not readers:
        return True, (
            "only your account (and the computer's administrators) can open the vault folder."
        )
    return False, (
        f"other accounts can open {folder}: {', '.join(readers)}. Keep the vault under your "
        "own user folder (the default), or remove them in the folder's Properties > Security."
    )
