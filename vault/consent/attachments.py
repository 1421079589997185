"""Scans of signed paper forms, kept encrypted inside the vault."""

from __future__ import annotations

from vault.consent.models import Attachment
from vault.storage.store import Store


class Attachments:
    def __init__(self, store: Store) -> None:
        self._store = store

    def attach(self, owner_kind: str, owner_id: int, filename: str, data: bytes) -> Attachment:
        """Refuse anything but a PDF, PNG or JPEG (by content) and anything over the size limit."""
        raise NotImplementedError

    def for_owner(self, owner_kind: str, owner_id: int) -> list[Attachment]:
        raise NotImplementedError

    def read(self, attachment_id: int) -> tuple[Attachment, bytes]:
        """The file's bytes, for an explicit export (audited by the caller)."""
        raise NotImplementedError
