"""Releases of information (45 CFR 164.508). Status is computed when asked, never stored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vault.consent.models import Release, ReleaseInput
from vault.storage.store import Store


class ReleaseService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, client_id: int, data: ReleaseInput, release_id: int | None = None) -> Release:
        """Create or update a release. A signed one (`signed_on` set) can no longer be changed:
        only revoked, or its expiry event recorded."""
        raise NotImplementedError

    def revoke(self, release_id: int, received_on: str | date, note: str | None = None) -> Release:
        raise NotImplementedError

    def record_event(self, release_id: int, occurred_on: str | date) -> Release:
        """The expiry event happened (e.g. "end of the court case"): the release has expired."""
        raise NotImplementedError

    def get(self, release_id: int, as_of: date | None = None) -> Release:
        raise NotImplementedError

    def for_client(self, client_id: int, as_of: date | None = None) -> list[Release]:
        raise NotImplementedError

    def markers(self, client_ids: Iterable[int], today: date | None = None) -> dict[int, str]:
        """Per client, the one release marker the list shows ("expiring", ...), if any."""
        raise NotImplementedError
