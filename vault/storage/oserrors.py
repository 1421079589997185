"""A failed file operation as one sentence: which path, what is wrong, what to do.

Shared by the core (making a vault's folder) and the command line (any OSError that
reaches it), so the same failure reads the same wherever it happens.
"""

from __future__ import annotations

import errno
import os

from vault.records.display import clean_line
from vault.records.validation import printable


def os_error_sentence(exc: OSError) -> str:
    """A failed file operation as a sentence naming the path and what to do."""
    where = clean_line(printable(os.fsdecode(exc.filename))) if exc.filename else None
    if where and isinstance(exc, FileExistsError):
        return f"{where} is a file, where Quietroom needs a folder; choose another place."
    if where and isinstance(exc, NotADirectoryError):
        return f"Part of {where} is a file, where Quietroom needs a folder; choose another place."
    if where and isinstance(exc, PermissionError):
        return (
            f"Quietroom is not allowed to use {where}; "
            "choose a folder you own, or change its permissions."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "The disk is full, so nothing more could be written; free some space and try again."
    if where and exc.errno == errno.EROFS:
        return f"{where} is on a disk that cannot be written to; choose another place."
    reason = exc.strerror or type(exc).__name__
    return f"Quietroom could not use {where}: {reason}." if where else f"A file problem: {reason}."
