"""Linux: mark the process undumpable, which also stops ptrace by other non-root processes."""

from __future__ import annotations

import ctypes
from typing import Any

PR_SET_DUMPABLE = 4


def prctl_function() -> Any | None:
    """libc's prctl, where the C library has one (Linux only, whatever sys.platform says)."""
    try:
        # dlopen(NULL): the symbols already loaded, libc among them; no search, no subprocess.
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # Windows cannot load "no library"
        return None
    return getattr(libc, "prctl", None)


def switch_off() -> bool:
    prctl = prctl_function()
    if prctl is None:
        return False
    try:
        return int(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) == 0
    except (OSError, ctypes.ArgumentError):
        return False
