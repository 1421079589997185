"""The ways the operating system ends or pauses the app, turned into calls the app handles.

Closing the terminal window (SIGHUP), a shutdown or `kill` (SIGTERM), an interrupt
(SIGINT) and, on Windows, closing the console window, logging off or shutting down
(console control events) all call `on_close` in the event loop's thread: the app
saves drafts and closes the vault before the process goes. On POSIX, a stop request
(SIGTSTP, from `kill -TSTP` or a shell) calls `on_suspend`: the app locks first.

Which mechanism is used is chosen at run time by what the platform offers: the
Windows console API when ctypes can reach it, else the POSIX signals that exist.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable
from typing import Any

CTRL_C_EVENT, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT = 0, 1, 2
CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = 5, 6
# Ctrl+C and Ctrl+Break reach the app as key presses in the console's raw mode; the
# rest end the process once the handler returns (after about 5 s for a window closed).
WINDOWS_CLOSING = (CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT)
WINDOWS_GRACE_SECONDS = 4.5
POSIX_CLOSING = ("SIGTERM", "SIGINT")

Uninstall = Callable[[], None]


def install(
    loop: asyncio.AbstractEventLoop,
    on_close: Callable[[], None],
    on_suspend: Callable[[], None] | None = None,
    on_hangup: Callable[[], None] | None = None,
) -> Uninstall:
    """Route the platform's close requests to `on_close`; on POSIX, a closed terminal
    (SIGHUP) to `on_hangup` (default `on_close`) and a stop request to `on_suspend`."""
    console = windows_console()
    if console is not None:
        kernel32, handler_type = console
        return _install_windows(kernel32, handler_type, loop, on_close)
    return _install_posix(loop, on_close, on_suspend, on_hangup or on_close)


def windows_console() -> tuple[Any, Callable[[Callable[[int], bool]], Any]] | None:
    """(kernel32, the HandlerRoutine type) where the Windows console API exists, else None."""
    import ctypes  # here, not at the top: ~5 ms the first paint need not wait for

    windll = getattr(ctypes, "windll", None)
    functype = getattr(ctypes, "WINFUNCTYPE", None)
    if windll is None or functype is None:
        return None
    kernel32 = getattr(windll, "kernel32", None)
    if kernel32 is None or not hasattr(kernel32, "SetConsoleCtrlHandler"):
        return None
    return kernel32, functype(ctypes.c_int, ctypes.c_uint)


def _install_windows(
    kernel32: Any,
    handler_type: Callable[[Callable[[int], bool]], Any],
    loop: asyncio.AbstractEventLoop,
    on_close: Callable[[], None],
) -> Uninstall:
    def handler(event: int) -> bool:
        # Called by Windows in a thread of its own; the process ends when this returns,
        # so wait until the app has saved.
        if event not in WINDOWS_CLOSING:
            return False
        done = threading.Event()

        def close_then_signal() -> None:
            try:
                on_close()
            finally:
                done.set()

        try:
            loop.call_soon_threadsafe(close_then_signal)
        except RuntimeError:  # the app has already ended
            return False
        done.wait(WINDOWS_GRACE_SECONDS)
        return True

    routine = handler_type(handler)  # kept referenced below: ctypes must not free it
    kernel32.SetConsoleCtrlHandler(routine, True)

    def uninstall() -> None:
        kernel32.SetConsoleCtrlHandler(routine, False)

    return uninstall


def _install_posix(
    loop: asyncio.AbstractEventLoop,
    on_close: Callable[[], None],
    on_suspend: Callable[[], None] | None,
    on_hangup: Callable[[], None],
) -> Uninstall:
    installed: list[signal.Signals] = []
    wanted = [("SIGHUP", on_hangup), *((name, on_close) for name in POSIX_CLOSING)]
    if on_suspend is not None:
        wanted.append(("SIGTSTP", on_suspend))
    for name, callback in wanted:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, callback)
        except (NotImplementedError, RuntimeError, ValueError):
            continue  # not the main thread, or a loop without signal support
        installed.append(number)

    def uninstall() -> None:
        for number in installed:
            loop.remove_signal_handler(number)

    return uninstall
