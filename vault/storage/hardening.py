"""Keep decrypted memory off the disk: no core or crash dumps, no ptrace from other users.

Each platform piece (vault/platform/) is tried in turn and applies only where
its system call exists, so this runs unchanged on Linux, macOS and Windows.
macOS: RLIMIT_CORE only. PT_DENY_ATTACH is not used: the same user can defeat it
with a debugger started first, root is not stopped by it, and macOS already
refuses task_for_pid to other users' processes; the leak that matters, a core
file on disk, is what RLIMIT_CORE closes.
"""

from __future__ import annotations

from vault.platform import core_dumps, linux_dumpable, windows_errors


def harden_process() -> list[str]:
    """Best effort; each step is independent and failure of one is not fatal.

    Returns the steps taken, by name (for tests and `verify`-style reporting).
    """
    taken: list[str] = []
    if core_dumps.switch_off():
        taken.append("RLIMIT_CORE")
    if linux_dumpable.switch_off():
        taken.append("PR_SET_DUMPABLE")
    taken.extend(windows_errors.switch_off())
    return taken
