"""The disclosure log: append-only, hash-chained, each entry accountable or exempt
under 45 CFR 164.528(a)(1)."""

from __future__ import annotations

from datetime import date

from vault.consent.models import Disclosure, DisclosureInput
from vault.storage.db import Connection
from vault.storage.store import Store


def append_disclosure(conn: Connection, data: DisclosureInput, recorded_at: str,
                      recorded_by: str) -> int:  # fmt: skip
    """Append inside the caller's transaction (exports write their entry with their audit)."""
    raise NotImplementedError


class DisclosureLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, data: DisclosureInput) -> Disclosure:
        raise NotImplementedError

    def for_client(self, client_id: int) -> list[Disclosure]:
        """The full log for a client, newest first."""
        raise NotImplementedError

    def accounting(self, client_id: int, today: date | None = None) -> list[Disclosure]:
        """Accountable entries of the last ACCOUNTING_YEARS years, oldest first."""
        raise NotImplementedError

    def verify(self) -> int:
        """Check the chain; return the count, or raise DisclosureChainBroken naming the entry."""
        raise NotImplementedError
