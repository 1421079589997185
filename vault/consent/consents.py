"""Per-client consent records: each pins a template version and its hash."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vault.consent.models import Consent, ConsentInput, ConsentMarker
from vault.storage.store import Store


class ConsentService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, client_id: int, data: ConsentInput) -> Consent:
        """Validate (InvalidRecord naming the field) and store; audited."""
        raise NotImplementedError

    def revoke(self, consent_id: int, on: str | date, method: str) -> Consent:
        raise NotImplementedError

    def get(self, consent_id: int) -> Consent:
        raise NotImplementedError

    def for_client(self, client_id: int) -> list[Consent]:
        """Newest first, each with its computed status."""
        raise NotImplementedError

    def marker(self, client_id: int, today: date | None = None) -> ConsentMarker:
        raise NotImplementedError

    def markers(
        self, client_ids: Iterable[int], today: date | None = None
    ) -> dict[int, ConsentMarker]:
        """Markers for a page of the client list in one query (the list must stay fast)."""
        raise NotImplementedError
