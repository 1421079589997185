"""The throwaway folder behind `quietroom demo`, and the removal of ones left behind.

Each demo works in its own `quietroom-demo-*` folder in the temporary directory
and holds a lock on `demo.lock` inside it for as long as it runs. (The vault's own
lock is not enough: the app closes the vault while the unlock screen is showing.)
A demo ended by SIGKILL or a power cut leaves its folder behind; the next demo
removes every such folder that belongs to this user and whose lock nobody holds.
A folder gets its public name only once its lock is held, so a demo starting at
the same moment never mistakes it for a leftover.

SIGHUP (the terminal closed) and SIGTERM end a demo through its `finally`, so the
folder goes with it. The app may handle those signals itself while it runs (to
save drafts); it puts these handlers back when it returns.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from vault.errors import VaultError
from vault.storage.lockfile import VaultLock

PREFIX = "quietroom-demo-"
STAGING_PREFIX = ".quietroom-demo-new-"
LOCK_NAME = "demo.lock"


@contextlib.contextmanager
def demo_folder(parent: Path | None = None) -> Iterator[Path]:
    """A new private folder for one demo, removed afterwards; leftovers are removed first."""
    parent = Path(parent or tempfile.gettempdir())
    remove_leftovers(parent)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    folder = staging
    lock = VaultLock(staging / LOCK_NAME)
    try:
        lock.acquire()
        folder = parent / (PREFIX + staging.name.removeprefix(STAGING_PREFIX))
        staging.rename(folder)
        with exit_on_hangup():
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)  # where an open lock file blocked removal


def remove_leftovers(parent: Path) -> list[Path]:
    """Remove the demo folders in `parent` that are ours and not in use; return them."""
    removed = []
    for folder in sorted(parent.glob(PREFIX + "*")):
        if not _ours(folder):
            continue
        lock = VaultLock(folder / LOCK_NAME)
        try:
            lock.acquire()
        except VaultError:  # a demo running now, or a folder we cannot write in
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()
        removed.append(folder)
    return removed


def _ours(folder: Path) -> bool:
    """A real folder (not a link someone planted) owned by this user."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):  # lstat: a symbolic link is not a folder here
        return False
    getuid = getattr(os, "getuid", None)  # POSIX; on Windows the temp folder is per user
    return getuid is None or info.st_uid == getuid()


@contextlib.contextmanager
def exit_on_hangup() -> Iterator[None]:
    """While inside, SIGHUP and SIGTERM raise SystemExit so that `finally` blocks run."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its caller cleans up as usual
        return
    wanted = [getattr(signal, "SIGHUP", None), signal.SIGTERM]
    signals = [number for number in wanted if number is not None]
    previous = {number: signal.getsignal(number) for number in signals}

    def stop(number: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    for number in signals:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
