"""Windows: no error-report dialog and no heap in a crash report for this process.

Everything here works without administrator rights and touches only this
process. WerAddExcludedApplication is deliberately not called: it writes a
lasting per-user registry entry for every program named python.exe, not just
for Quietroom. What no process can switch off for itself (an administrator's
LocalDumps policy, the pagefile, hibernation) is named in the README.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002
WER_FAULT_REPORTING_FLAG_NOHEAP = 0x0001
CALL_REPORTFAULT = 0x0002  # _set_abort_behavior: abort() would hand the process to WER


def windows_dlls() -> Any | None:
    """ctypes.windll where it exists (only on Windows)."""
    return getattr(ctypes, "windll", None)


def _function(library: Any, name: str) -> Any | None:
    try:
        return getattr(library, name, None)
    except OSError:  # windll raises while loading a DLL that is not there
        return None


def switch_off() -> list[str]:
    """Each step that was available and taken, by name; a missing API is skipped silently."""
    dlls = windows_dlls()
    if dlls is None:
        return []
    kernel32 = _function(dlls, "kernel32")
    steps: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("SetErrorMode", lambda: _no_error_dialogs(kernel32)),
        ("WerSetFlags", lambda: _no_heap_in_reports(kernel32)),
        ("_set_abort_behavior", lambda: _abort_without_report(_c_runtime())),
    )
    taken: list[str] = []
    for name, step in steps:
        try:
            if step():
                taken.append(name)
        except (OSError, ValueError, TypeError):  # best effort: one refusal stops nothing else
            continue
    return taken


def _no_error_dialogs(kernel32: Any) -> bool:
    set_error_mode = _function(kernel32, "SetErrorMode")
    if set_error_mode is None:
        return False
    get_error_mode = _function(kernel32, "GetErrorMode")
    current = int(get_error_mode()) if get_error_mode is not None else 0
    set_error_mode(current | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
    return True


def _no_heap_in_reports(kernel32: Any) -> bool:
    wer_set_flags = _function(kernel32, "WerSetFlags")
    return wer_set_flags is not None and int(wer_set_flags(WER_FAULT_REPORTING_FLAG_NOHEAP)) == 0


def _abort_without_report(runtime: Any) -> bool:
    set_abort_behavior = _function(runtime, "_set_abort_behavior")
    if set_abort_behavior is None:
        return False
    set_abort_behavior(0, CALL_REPORTFAULT)
    return True


def _c_runtime() -> Any | None:
    """The universal C runtime Python is built with on Windows, if ctypes can load it."""
    try:
        return ctypes.CDLL("ucrtbase")
    except OSError:
        return None
