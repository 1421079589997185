"""The one open connection, shared by every service, guarded by a lock.

The UI autosaves from a worker thread while the user types, so every use of the
connection goes through `reading` or `writing`, which serialise access, turn
SQLite failures into sentences, and refuse work once the vault is locked.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

from vault.errors import VaultLocked
from vault.storage.db import Connection, transaction, translated_errors


def local_now() -> datetime:
    return datetime.now().astimezone()


class Store:
    def __init__(self, conn: Connection, clock: Callable[[], datetime] = local_now) -> None:
        self._conn: Connection | None = conn
        self._lock = threading.RLock()
        self.clock = clock

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def _connection(self) -> Connection:
        if self._conn is None:
            raise VaultLocked("The vault is locked. Unlock it to continue.")
        return self._conn

    @contextlib.contextmanager
    def reading(self, what: str = "reading the vault") -> Iterator[Connection]:
        with self._lock, translated_errors(what):
            yield self._connection()

    @contextlib.contextmanager
    def writing(self, what: str) -> Iterator[Connection]:
        """One write transaction; `what` names it in any error ("your note")."""
        with self._lock, translated_errors(what):
            conn = self._connection()
            with transaction(conn):
                yield conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def now_iso(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def utc_iso(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    def today(self) -> date:
        return self.clock().date()
